import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestStack, type TestStack } from "../harness.js";
import { CreateBot, CreateWebhookEndpoint, SetTicker, StartBot, SubmitOrder } from "./documents.js";

describe("one request id across the gateway, the subgraphs and the jobs", () => {
  let t: TestStack;
  let hooks: Server;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    hooks = createServer((req, res) => {
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => hooks.listen(0, "127.0.0.1", resolve));
    t = await startTestStack({ logLines });
  });
  afterAll(async () => {
    await t?.close();
    hooks?.closeAllConnections();
    await new Promise((resolve) => hooks?.close(resolve));
  });

  it("finds every line of a submitOrder, down to its fill and webhook jobs, by the request id", async () => {
    const token = await t.token("lou");
    const admin = await t.token("root", ["admin"]);
    const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
    await t.execute(CreateWebhookEndpoint, { input: { url: hookUrl, eventTypes: ["trade.executed"] } }, { token });
    await t.execute(SetTicker, { symbol: "ADA/USDT", price: "0.5" }, { token: admin });
    const bot = await t.execute(CreateBot, { input: { name: "logged", symbol: "ADA/USDT" } }, { token });
    const botId = bot.data?.createBot.bot?.id ?? "";
    await t.execute(StartBot, { id: botId }, { token });

    const response = await t.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "logged-1", side: "BUY", type: "MARKET", quantity: "10" } },
      { token, headers: { "x-request-id": "order-7f3a" } },
    );
    expect(response.headers.get("x-request-id")).toBe("order-7f3a");

    const mine = () => logLines.filter((line) => line["requestId"] === "order-7f3a");
    await vi.waitFor(
      () =>
        expect(mine()).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ msg: "operation", component: "gateway", operationName: "SubmitOrder" }),
            expect.objectContaining({ msg: "operation", subgraph: "trades", viewerId: "lou", outcome: "ok" }),
            expect.objectContaining({ msg: "job", task: "orders.fill", outcome: "completed" }),
            expect.objectContaining({ msg: "job", task: "webhooks.fanout", outcome: "completed" }),
            expect.objectContaining({ msg: "job", task: "webhooks.deliver", outcome: "completed" }),
          ]),
        ),
      { timeout: 10_000, interval: 25 },
    );
    const gatewayLine = mine().find((line) => line["component"] === "gateway");
    expect(gatewayLine).toMatchObject({ viewerId: "lou", outcome: "ok", durationMs: expect.any(Number) as number });
    const jobLine = mine().find((line) => line["task"] === "orders.fill");
    expect(jobLine).toMatchObject({ queue: "orders", attempt: 1, durationMs: expect.any(Number) as number });
  });

  it("returns the request id in every error's extensions", async () => {
    const refused = await t.execute(
      CreateBot,
      { input: { name: "nobody", symbol: "BTC/USDT" } },
      { headers: { "x-request-id": "err-42" } },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", requestId: "err-42" });

    const badToken = await t.execute(
      CreateBot,
      { input: { name: "forged", symbol: "BTC/USDT" } },
      { token: "not-a-jwt", headers: { "x-request-id": "err-43" } },
    );
    expect(badToken.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", requestId: "err-43" });
    expect(badToken.headers.get("x-request-id")).toBe("err-43");
  });
});
