import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { backendOptions, startTestStack, type TestBackends, type TestStack } from "../harness.js";
import { OtlpReceiver, type ReceivedSpan } from "../otlp-receiver.js";
import { postgresAvailable, redisAvailable } from "../services.js";
import { CreateBot, CreateWebhookEndpoint, SetTicker, StartBot, SubmitOrder } from "./documents.js";

const backends: TestBackends[] = [
  "embedded",
  ...((await postgresAvailable()) && (await redisAvailable()) ? (["postgres+redis"] as const) : []),
];

const SERVER = 2;
const CONSUMER = 5;

describe.each(backends)("one trace from submitOrder to the webhook (%s)", (backend) => {
  let otlp: OtlpReceiver;
  let hooks: Server;
  const received: IncomingHttpHeaders[] = [];
  let t: TestStack;

  beforeAll(async () => {
    otlp = new OtlpReceiver();
    const endpoint = await otlp.start();
    hooks = createServer((req, res) => {
      received.push(req.headers);
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => hooks.listen(0, "127.0.0.1", resolve));
    t = await startTestStack({
      ...backendOptions(backend),
      env: { ENABLE_OPENTELEMETRY: "true", OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER_ARG: "1" },
    });
  });
  afterAll(async () => {
    await t?.close();
    hooks?.closeAllConnections();
    await new Promise((resolve) => hooks?.close(resolve));
    await otlp?.stop();
  });

  it("joins the gateway, the subgraph, the fill job and the webhook delivery with the right parents", async () => {
    const stack = t;
    const token = await stack.token("tess");
    const admin = await stack.token("root", ["admin"]);
    const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
    await stack.execute(CreateWebhookEndpoint, { input: { url: hookUrl, eventTypes: ["trade.executed"] } }, { token });
    await stack.execute(SetTicker, { symbol: "SOL/USDT", price: "150" }, { token: admin });
    const bot = await stack.execute(CreateBot, { input: { name: "traced", symbol: "SOL/USDT" } }, { token });
    const botId = bot.data?.createBot.bot?.id ?? "";
    await stack.execute(StartBot, { id: botId }, { token });

    const submitted = await stack.execute(
      SubmitOrder,
      { input: { botId, clientOrderId: "traced-1", side: "BUY", type: "MARKET", quantity: "2" } },
      { token },
    );
    expect(submitted.data?.submitOrder.userErrors).toEqual([]);
    await vi.waitFor(() => expect(received.some((headers) => headers["webhook-id"] !== undefined)).toBe(true), {
      timeout: 10_000,
      interval: 25,
    });
    // Closing flushes every span; active jobs (the delivery) finish first.
    await stack.stack.close();

    const spans = otlp.spans;
    const one = (description: string, predicate: (span: ReceivedSpan) => boolean): ReceivedSpan => {
      const found = spans.filter(predicate);
      expect(found, `${description} among ${spans.map((s) => s.name).join(", ")}`).toHaveLength(1);
      return found[0] as ReceivedSpan;
    };
    const execute = one(
      "the gateway's execution of SubmitOrder",
      (s) => s.name === "graphql.execute" && s.attributes["graphql.operation.name"] === "SubmitOrder",
    );
    const trace = spans.filter((s) => s.traceId === execute.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const chain: ReceivedSpan[] = [];
      for (let at = byId.get(span.parentSpanId); at !== undefined; at = byId.get(at.parentSpanId)) chain.push(at);
      return chain;
    };
    const operation = byId.get(execute.parentSpanId);
    expect(operation?.name).toBe("graphql.operation");
    const root = ancestors(execute).at(-1);
    expect(root).toMatchObject({ name: "POST /graphql", kind: SERVER, parentSpanId: "" });

    const subgraph = one(
      "the trades subgraph's server span",
      (s) => s.traceId === execute.traceId && s.kind === SERVER && s.attributes["graphql.subgraph"] === "trades",
    );
    const subgraphParent = byId.get(subgraph.parentSpanId);
    expect(subgraphParent?.name).toBe("http.fetch");
    expect(ancestors(subgraph)).toContainEqual(
      expect.objectContaining({ name: "subgraph.execute (trades)", traceId: execute.traceId }),
    );
    expect(ancestors(subgraph)).toContain(execute);

    const inTrace = (name: string) => (s: ReceivedSpan) => s.name === name && s.traceId === execute.traceId;
    const fill = one("the fill job", inTrace("job orders.fill"));
    expect(fill).toMatchObject({ traceId: execute.traceId, kind: CONSUMER, parentSpanId: subgraph.spanId });
    const fanout = one("the webhook fan-out job", inTrace("job webhooks.fanout"));
    expect(fanout).toMatchObject({ traceId: execute.traceId, parentSpanId: fill.spanId });
    const delivery = one("the webhook delivery job", inTrace("job webhooks.deliver"));
    expect(delivery).toMatchObject({ traceId: execute.traceId, parentSpanId: fanout.spanId });

    const webhook = received.find((headers) => headers["webhook-id"] !== undefined);
    expect(webhook?.["traceparent"]).toBe(`00-${execute.traceId}-${delivery.spanId}-01`);
  });
});
