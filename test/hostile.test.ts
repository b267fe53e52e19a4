import { Agent, request as httpRequest } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./harness.js";

/** How many hostile requests one run sends, and how many at once. */
const TOTAL = 10_000;
const CONCURRENCY = 24;

/** A seeded generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Attack {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

type Generator = (rand: () => number, tokens: { valid: string }) => Attack;

const json = (value: unknown): Attack => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(value),
});
const nest = (depth: number, leaf: string, open: string, close: string) =>
  `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;
const b64url = (value: string) => Buffer.from(value).toString("base64url");

/** Each kind of hostile request, by name. */
const ATTACKS: Record<string, Generator> = {
  randomBytes: (rand) => ({
    headers: { "content-type": "application/json" },
    body: Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 2048) }, () => Math.floor(rand() * 256))),
  }),
  invalidJson: (rand) => ({
    headers: { "content-type": "application/json" },
    body: ['{"query": "{ health { status } }"', "{query: 1}", "[", "null", '{"query": 42}', '{"variables": []}'][
      Math.floor(rand() * 6)
    ],
  }),
  wrongContentType: (rand) => ({
    headers: {
      "content-type": ["text/plain", "application/xml", "multipart/form-data; boundary=x", "image/png", ""][
        Math.floor(rand() * 5)
      ] as string,
    },
    body: '{"query":"{ health { status } }"}',
  }),
  oversizedBody: () => json({ query: "{ health { status } }", variables: { pad: "x".repeat(120_000) } }),
  deepNesting: (rand) =>
    rand() < 0.5
      ? json({ query: nest(300, "id", "{ bots { edges { node { ", " } } } }") })
      : { headers: { "content-type": "application/json" }, body: nest(5000, "1", "[", "]") },
  aliasBomb: () => json({ query: `{ ${Array.from({ length: 1500 }, (_, i) => `a${i}: __typename`).join(" ")} }` }),
  fragmentBomb: () =>
    json({
      query: `{ ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ${i === 29 ? "health { status }" : `...F${i + 1} ...F${i + 1}`} }`).join(" ")}`,
    }),
  batchBomb: () => json(Array.from({ length: 500 }, () => ({ query: "{ health { status } }" }))),
  hugeString: (_rand, tokens) => ({
    headers: { "content-type": "application/json", authorization: `Bearer ${tokens.valid}` },
    body: JSON.stringify({
      query:
        'mutation($name: String!) { createBot(input: { name: $name, symbol: "BTC/USDT" }) { userErrors { code } } }',
      variables: { name: "\u0000".repeat(3) + "n".repeat(90_000) },
    }),
  }),
  forgedToken: (rand) => ({
    headers: {
      "content-type": "application/json",
      authorization: [
        `Bearer ${b64url('{"alg":"none","typ":"JWT"}')}.${b64url('{"sub":"root","roles":["admin"]}')}.`,
        `Bearer ${b64url('{"alg":"HS256"}')}.${b64url('{"sub":"root","roles":["admin"]}')}.${b64url("forged")}`,
        "Bearer " + "a".repeat(4000),
        "Basic cm9vdDpyb290",
        "Bearer",
      ][Math.floor(rand() * 5)] as string,
    },
    body: JSON.stringify({ query: "{ queues { name } bots { totalCount } }" }),
  }),
  unknownOperation: (rand) =>
    [
      json({ query: "query A { health { status } }", operationName: "B" }),
      json({ query: "{ nothingHere { id } }" }),
      json({ query: "subscription { notAThing }" }),
      json({ query: "mutation { deleteEverything }" }),
      {
        method: "GET",
        path: `/graphql?query=${encodeURIComponent("{ __schema { types { name } } }")}&x=${"y".repeat(100)}`,
      },
      { method: "DELETE", path: "/graphql" },
      { method: "GET", path: `/${"a/".repeat(500)}` },
    ][Math.floor(rand() * 7)] as Attack,
};

interface Outcome {
  status: number | "connection closed";
  kind: string;
}

function send(agent: Agent, url: URL, attack: Attack, kind: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const body = attack.body === undefined ? undefined : Buffer.from(attack.body);
    const req = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: attack.method ?? "POST",
        path: attack.path ?? url.pathname,
        headers: { ...attack.headers, ...(body ? { "content-length": String(body.length) } : {}) },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, kind }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, kind }));
      },
    );
    // The server may refuse a large body before reading it and close the connection.
    req.on("error", () => resolve({ status: "connection closed", kind }));
    req.on("timeout", () => req.destroy());
    req.end(body);
  });
}

/** Heap in use after a full garbage collection (the stack runs in this process). */
function retainedHeap(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}

describe("hostile traffic against the gateway", () => {
  let t: TestStack;
  let valid: string;

  beforeAll(async () => {
    t = await startTestStack();
    valid = await t.token("mallory");
  });
  afterAll(async () => {
    await t?.close();
  });

  it(`survives ${TOTAL} generated hostile requests: no 5xx, bounded memory, healthy afterwards`, async () => {
    const url = new URL(t.url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const rand = random(20261126);
    const kinds = Object.keys(ATTACKS);
    const counts = new Map<string, number>();
    const serverErrors: Outcome[] = [];
    let sent = 0;
    const heapBefore = retainedHeap();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const started = performance.now();

    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < TOTAL) {
          sent++;
          const kind = kinds[Math.floor(rand() * kinds.length)] as string;
          const outcome = await send(agent, url, (ATTACKS[kind] as Generator)(rand, { valid }), kind);
          const key = `${kind} → ${outcome.status}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          if (typeof outcome.status === "number" && outcome.status >= 500) serverErrors.push(outcome);
          if (sent % 500 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        }
      }),
    );
    agent.destroy();
    const seconds = (performance.now() - started) / 1000;
    const rssAfter = process.memoryUsage().rss;
    rssPeak = Math.max(rssPeak, rssAfter);
    const heapAfter = retainedHeap();

    const table = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `  ${key}: ${n}`);
    console.log(
      [
        `hostile run: ${sent} requests in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s), ` +
          `RSS ${Math.round(rssBefore / 2 ** 20)} → peak ${Math.round(rssPeak / 2 ** 20)} → ${Math.round(rssAfter / 2 ** 20)} MiB, ` +
          `heap retained ${Math.round(heapBefore / 2 ** 20)} → ${Math.round(heapAfter / 2 ** 20)} MiB`,
        ...table,
      ].join("\n"),
    );

    expect(sent).toBeGreaterThanOrEqual(TOTAL);
    expect(serverErrors, "responses with a 5xx status").toEqual([]);
    // Retained memory (after a full collection) is what a leak grows; the peak RSS also counts garbage
    // not yet collected, which V8 lets grow with the request rate, so it only gets a loose bound.
    expect(heapAfter - heapBefore, "heap retained after the run").toBeLessThan(64 * 2 ** 20);
    expect(rssPeak - rssBefore, "peak memory growth during the run").toBeLessThan(1024 * 2 ** 20);

    // Still healthy, and a normal query answers correctly.
    expect((await fetch(t.url.replace("/graphql", "/health/live"))).status).toBe(200);
    const created = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${valid}` },
      body: JSON.stringify({
        query:
          'mutation { createBot(input: { name: "after the storm", symbol: "BTC/USDT" }) { bot { name ownerId } userErrors { message } } }',
      }),
    });
    expect(await created.json()).toEqual({
      data: { createBot: { bot: { name: "after the storm", ownerId: "mallory" }, userErrors: [] } },
    });
  }, 120_000);
});
