import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../gateway/gateway.js";
import { createLogger } from "../../src/observability/logger.js";
import { startTestStack, type GraphQLResponse, type TestStack } from "../harness.js";
import { redisAvailable } from "../services.js";
import { Bots, CreateBot } from "./documents.js";

const LIMITS = { RATE_LIMIT_BUDGET: "6/1m", RATE_LIMIT_FIELDS: "Mutation.createBot=2/1m" };

const stores = ["memory", ...((await redisAvailable()) ? (["redis"] as const) : [])];

/** POSTs to a gateway URL and returns the status, headers and body. */
async function post(url: string, body: unknown, token?: string): Promise<GraphQLResponse<unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Omit<GraphQLResponse<unknown>, "status" | "headers">;
  return { status: response.status, headers: response.headers, ...json };
}

const createBot = (name: string) => ({
  query: print(CreateBot),
  variables: { input: { name, symbol: "BTC/USDT" } },
});
const listBots = { query: print(Bots), variables: { first: 1 } };

function expectRateLimited(response: GraphQLResponse<unknown>, limit: string, windowSeconds: number): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  const error = response.errors?.[0];
  expect(error?.message).toContain(limit);
  expect(error?.extensions).toMatchObject({
    code: "RATE_LIMITED",
    limit: { name: limit, windowSeconds },
    retryAfterSeconds: retryAfter,
  });
  expect(Date.parse(String(error?.extensions?.["retryAt"]))).toBeGreaterThan(Date.now());
}

describe.each(stores)("rate limits at the gateway (%s store)", (store) => {
  let t: TestStack;
  let second: Gateway | undefined;
  let secondUrl = "";

  beforeAll(async () => {
    t = await startTestStack({ redis: store === "redis", env: LIMITS });
    // A second gateway instance over the same subgraphs: with Redis it shares the counts.
    second = createGateway({
      config: t.config,
      logger: createLogger({ level: "silent", pretty: false }),
      secrets: t.stack.secrets,
      subgraphUrls: t.stack.subgraphUrls,
    });
    secondUrl = await second.listen(0, "127.0.0.1");
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it("refuses a field over its limit with RATE_LIMITED, 429 and Retry-After, per viewer", async () => {
    const alice = await t.token(`alice-${store}`);
    const bob = await t.token(`bob-${store}`);
    for (const name of ["one", "two"]) expect((await post(t.url, createBot(name), alice)).status).toBe(200);
    expectRateLimited(await post(t.url, createBot("three"), alice), "Mutation.createBot", 60);
    // Bob has his own count.
    const bobs = await post(t.url, createBot("bob's"), bob);
    expect(bobs.status).toBe(200);
    expect(bobs.errors).toBeUndefined();
  });

  it("counts aliases of a limited field one by one", async () => {
    const carol = await t.token(`carol-${store}`);
    const thrice = {
      query: `mutation { a: createBot(input: { name: "a", symbol: "BTC/USDT" }) { bot { id } } b: createBot(input: { name: "b", symbol: "BTC/USDT" }) { bot { id } } c: createBot(input: { name: "c", symbol: "BTC/USDT" }) { bot { id } } }`,
    };
    expectRateLimited(await post(t.url, thrice, carol), "Mutation.createBot", 60);
  });

  it("keeps a budget of operations per viewer, and per client address when anonymous", async () => {
    const dave = await t.token(`dave-${store}`);
    for (let i = 0; i < 6; i++) expect((await post(t.url, listBots, dave)).status).toBe(200);
    expectRateLimited(await post(t.url, listBots, dave), "the operation budget", 60);
    // Anonymous callers are counted by address: this one (127.0.0.1) has its own budget.
    for (let i = 0; i < 6; i++) expect((await post(t.url, { query: "{ health { status } }" })).status).toBe(200);
    expectRateLimited(await post(t.url, { query: "{ health { status } }" }), "the operation budget", 60);
  });

  it(
    store === "redis"
      ? "holds the limits across gateway instances"
      : "keeps separate counts per gateway instance without Redis",
    async () => {
      const erin = await t.token(`erin-${store}`);
      expect((await post(t.url, createBot("first"), erin)).status).toBe(200);
      expect((await post(secondUrl, createBot("second"), erin)).status).toBe(200);
      const third = await post(secondUrl, createBot("third"), erin);
      if (store === "redis") expectRateLimited(third, "Mutation.createBot", 60);
      else expect(third.status).toBe(200);
    },
  );
});
