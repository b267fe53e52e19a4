import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../gateway/gateway.js";
import { createLogger } from "../../src/observability/logger.js";
import { startTestStack, type TestStack } from "../harness.js";
import { BotWithTrades, CreateBot } from "./documents.js";

/** HTTP requests received since the last reset, by the port of the server that received them. */
const requestsByPort = new Map<number, number>();
const countRequest = (message: unknown): void => {
  const port = ((message as { server: Server }).server.address() as AddressInfo).port;
  requestsByPort.set(port, (requestsByPort.get(port) ?? 0) + 1);
};
const requestsTo = (url: string): number => requestsByPort.get(Number(new URL(url).port)) ?? 0;

describe("a gateway and subgraphs in one process", () => {
  let t: TestStack;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    subscribe("http.server.request.start", countRequest);
    t = await startTestStack({ logLines });
  });
  afterAll(async () => {
    unsubscribe("http.server.request.start", countRequest);
    await t?.close();
  });
  beforeEach(() => {
    requestsByPort.clear();
  });

  it("serves queries and mutations without an HTTP request to the subgraphs", async () => {
    const token = await t.token("ines");
    const created = await t.execute(
      CreateBot,
      { input: { name: "in process", symbol: "BTC/USDT" } },
      { token, headers: { "x-request-id": "in-process-1" } },
    );
    expect(created.data?.createBot.userErrors).toEqual([]);
    const botId = created.data?.createBot.bot?.id ?? "";
    const read = await t.execute(BotWithTrades, { id: botId, first: 5 }, { token });
    expect(read.data?.bot).toMatchObject({ id: botId, trades: { totalCount: 0 } });

    expect(requestsTo(t.url)).toBe(2);
    for (const url of t.stack.subgraphUrls.values()) expect(requestsTo(url)).toBe(0);
    // The subgraph still got the viewer from the signed identity and the request id beside it.
    expect(logLines).toContainEqual(
      expect.objectContaining({ subgraph: "bots", msg: "operation", requestId: "in-process-1", viewerId: "ines" }),
    );
  });

  it("still refuses, over HTTP, a request without the gateway's signed identity", async () => {
    const botsUrl = t.stack.subgraphUrls.get("bots") ?? "";
    const response = await fetch(botsUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await t.token("mallory", ["admin"])}` },
      body: JSON.stringify({ query: "{ bots(first: 1) { totalCount } }" }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(requestsTo(botsUrl)).toBe(1);
  });

  it("refuses, in process too, a request without the gateway's signed identity", async () => {
    const bots = t.stack.subgraphs.find((subgraph) => subgraph.name === "bots");
    const answer = await bots?.serveInProcess({
      method: "POST",
      url: t.stack.subgraphUrls.get("bots") ?? "",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ bots(first: 1) { totalCount } }" }),
    });
    expect(answer?.status).toBe(401);
    expect(JSON.parse(answer?.body ?? "{}")).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
  });

  describe("a gateway that did not start the subgraphs", () => {
    let gateway: Gateway;
    let gatewayUrl: string;

    beforeAll(async () => {
      gateway = createGateway({
        config: t.config,
        logger: createLogger({ level: "silent" }),
        secrets: t.stack.secrets,
        subgraphUrls: t.stack.subgraphUrls,
      });
      gatewayUrl = await gateway.listen(0, "127.0.0.1");
    });
    afterAll(async () => {
      await gateway?.close();
    });

    it("reaches them over HTTP", async () => {
      const response = await fetch(gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await t.token("olga")}` },
        body: JSON.stringify({ query: "{ bots(first: 1) { totalCount } }" }),
      });
      expect(await response.json()).toEqual({ data: { bots: { totalCount: 0 } } });
      expect(requestsTo(t.stack.subgraphUrls.get("bots") ?? "")).toBe(1);
    });
  });
});
