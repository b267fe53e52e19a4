import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { memoryRateLimitStore, redisRateLimitStore, type RateLimitStore } from "../../gateway/plugins/index.js";
import { REDIS_TEST_URL, redisAvailable } from "../services.js";

const stores: ["memory" | "redis", () => RateLimitStore][] = [["memory", memoryRateLimitStore]];
if (await redisAvailable()) {
  const prefix = `test-ratelimit-${randomBytes(6).toString("hex")}`;
  stores.push(["redis", () => redisRateLimitStore(new Redis(REDIS_TEST_URL), prefix)]);
}

const budget = { max: 5, windowMs: 60_000 };
const twoPerMinute = { max: 2, windowMs: 60_000 };

describe.each(stores)("rate limit store (%s)", (_name, create) => {
  const store = create();
  afterAll(() => store.close());
  let caller = 0;
  const identity = () => `viewer:caller-${++caller}`;

  it("allows a field up to its limit, then names it and says when a call leaves the window", async () => {
    const who = identity();
    const claim = { identity: who, budget, fields: [{ field: "Mutation.createBot", count: 1, rate: twoPerMinute }] };
    expect(await store.claim(claim)).toEqual({ allowed: true });
    expect(await store.claim(claim)).toEqual({ allowed: true });
    const refused = await store.claim(claim);
    expect(refused).toMatchObject({ allowed: false, field: 0 });
    if (!refused.allowed) {
      expect(refused.retryAfterMs).toBeGreaterThan(55_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
  });

  it("counts every use in one operation, and a refused operation spends no field allowance", async () => {
    const who = identity();
    const field = (count: number) => [{ field: "Mutation.createBot", count, rate: twoPerMinute }];
    expect(await store.claim({ identity: who, budget, fields: field(3) })).toMatchObject({ allowed: false, field: 0 });
    expect(await store.claim({ identity: who, budget, fields: field(2) })).toEqual({ allowed: true });
    expect(await store.claim({ identity: who, budget, fields: field(1) })).toMatchObject({ allowed: false, field: 0 });
  });

  it("spends the budget on every operation, refused or not, and keeps callers apart", async () => {
    const who = identity();
    for (let i = 0; i < budget.max; i++)
      expect(await store.claim({ identity: who, budget, fields: [] })).toEqual({ allowed: true });
    const refused = await store.claim({ identity: who, budget, fields: [] });
    expect(refused).toMatchObject({ allowed: false, field: "budget" });
    if (!refused.allowed) expect(refused.retryAfterMs).toBeLessThanOrEqual(budget.windowMs);
    expect(await store.claim({ identity: identity(), budget, fields: [] })).toEqual({ allowed: true });
  });

  it("checks each field on its own and reports the one over its limit", async () => {
    const who = identity();
    const fields = [
      { field: "Mutation.createBot", count: 1, rate: twoPerMinute },
      { field: "Mutation.submitOrder", count: 1, rate: { max: 1, windowMs: 1000 } },
    ];
    expect(await store.claim({ identity: who, budget, fields })).toEqual({ allowed: true });
    expect(await store.claim({ identity: who, budget, fields })).toMatchObject({ allowed: false, field: 1 });
  });
});
