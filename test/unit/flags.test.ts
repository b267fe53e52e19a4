import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMemoryEventBus } from "../../src/events/memory-bus.js";
import type { DomainEvent } from "../../src/events/types.js";
import { createFlagCache } from "../../src/flags/cache.js";
import {
  compileFlag,
  evaluateFlag,
  normalizedValue,
  rolloutBucket,
  selectVariant,
  type FlagSnapshot,
} from "../../src/flags/evaluate.js";
import { createLogger } from "../../src/observability/logger.js";

/** MurmurHash3 x86 32 written from the reference (smhasher), over Latin-1 bytes, to check ours against. */
function referenceMurmur3(text: string, seed: number): number {
  const bytes = Buffer.from(text, "latin1");
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const blocks = bytes.length - (bytes.length % 4);
  const mix = (k: number): number => Math.imul(((Math.imul(k, c1) << 15) | (Math.imul(k, c1) >>> 17)) >>> 0, c2);
  for (let i = 0; i < blocks; i += 4) {
    h ^= mix(bytes.readUInt32LE(i));
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  for (let i = bytes.length - 1; i >= blocks; i--) tail = (tail << 8) | (bytes[i] ?? 0);
  if (bytes.length % 4 !== 0) h ^= mix(tail);
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const flag = (overrides: Partial<FlagSnapshot> = {}): FlagSnapshot => ({
  key: "ml_predictions",
  description: null,
  enabled: true,
  rolloutPercentage: 25,
  allowUserIds: [],
  denyUserIds: [],
  variants: [],
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

const evaluate = (snapshot: FlagSnapshot | undefined, targetingKey: string | null) =>
  evaluateFlag(snapshot?.key ?? "missing", snapshot && compileFlag(snapshot), targetingKey);

describe("rollout buckets", () => {
  it("equal Unleash's published normalizedValue vectors (node, java and go clients agree)", () => {
    expect(normalizedValue("123", "gr1", 100, 0)).toBe(73);
    expect(normalizedValue("999", "groupX", 100, 0)).toBe(25);
  });

  it('equal murmurhash3_x86_32("<flagKey>:<targetingKey>", 0) % 100 + 1 from a reference implementation', () => {
    for (let i = 0; i < 2000; i++) {
      const user = `user-${i}-${(i * 7919).toString(36)}`;
      for (const key of ["ml_predictions", "arbitrage", "a.b-c_d"]) {
        expect(rolloutBucket(key, user)).toBe((referenceMurmur3(`${key}:${user}`, 0) % 100) + 1);
      }
    }
    expect(referenceMurmur3("gr1:123", 0) % 100).toBe(72);
  });

  it("puts 10,000 random users at 25 % between 23.5 % and 26.5 %", () => {
    const compiled = compileFlag(flag());
    let on = 0;
    for (let i = 0; i < 10_000; i++) {
      if (evaluateFlag("ml_predictions", compiled, crypto.randomUUID()).value) on++;
    }
    expect(on / 10_000).toBeGreaterThanOrEqual(0.235);
    expect(on / 10_000).toBeLessThanOrEqual(0.265);
  });

  it("gives the same user the same answer in another Node.js process", () => {
    const built = new URL("../../dist/src/flags/evaluate.js", import.meta.url);
    expect(existsSync(built), "run `npm run build` first").toBe(true);
    const users = Array.from({ length: 500 }, (_, i) => `u${i}`);
    const script = `import(${JSON.stringify(built.href)}).then((m) => console.log(JSON.stringify(${JSON.stringify(users)}.map((u) => m.rolloutBucket("ml_predictions", u)))))`;
    const other = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as number[];
    expect(other).toEqual(users.map((user) => rolloutBucket("ml_predictions", user)));
  });
});

describe("evaluation rules, in order", () => {
  it("an unknown flag is false with ERROR / FLAG_NOT_FOUND", () => {
    expect(evaluate(undefined, "alice")).toEqual({
      key: "missing",
      value: false,
      variant: null,
      reason: "ERROR",
      errorCode: "FLAG_NOT_FOUND",
    });
  });

  it("a disabled flag is false with DISABLED, even for an allowed user", () => {
    expect(evaluate(flag({ enabled: false, allowUserIds: ["alice"] }), "alice")).toMatchObject({
      value: false,
      reason: "DISABLED",
    });
  });

  it("a denied user is false with TARGETING_MATCH, even at 100 %", () => {
    expect(evaluate(flag({ rolloutPercentage: 100, denyUserIds: ["bob"] }), "bob")).toMatchObject({
      value: false,
      reason: "TARGETING_MATCH",
    });
  });

  it("an allowed user is true with TARGETING_MATCH, even at 0 %", () => {
    expect(evaluate(flag({ rolloutPercentage: 0, allowUserIds: ["carol"] }), "carol")).toMatchObject({
      value: true,
      reason: "TARGETING_MATCH",
    });
  });

  it("100 % is true with STATIC, with or without a targeting key; 0 % is false with DEFAULT", () => {
    expect(evaluate(flag({ rolloutPercentage: 100 }), "dave")).toMatchObject({ value: true, reason: "STATIC" });
    expect(evaluate(flag({ rolloutPercentage: 100 }), null)).toMatchObject({ value: true, reason: "STATIC" });
    expect(evaluate(flag({ rolloutPercentage: 0 }), "dave")).toMatchObject({ value: false, reason: "DEFAULT" });
  });

  it("a partial rollout without a targeting key is false with ERROR / TARGETING_KEY_MISSING", () => {
    expect(evaluate(flag(), null)).toMatchObject({
      value: false,
      reason: "ERROR",
      errorCode: "TARGETING_KEY_MISSING",
    });
    expect(evaluate(flag(), "")).toMatchObject({ errorCode: "TARGETING_KEY_MISSING" });
  });

  it("a partial rollout is on with SPLIT exactly when the bucket is at most the percentage", () => {
    for (let i = 0; i < 300; i++) {
      const user = `split-${i}`;
      const bucket = (referenceMurmur3(`ml_predictions:${user}`, 0) % 100) + 1;
      expect(evaluate(flag(), user)).toMatchObject({ value: bucket <= 25, reason: "SPLIT" });
    }
  });
});

describe("variants, as Unleash assigns them", () => {
  const variants = [
    { name: "blue", weight: 1 },
    { name: "green", weight: 2 },
    { name: "red", weight: 7 },
  ];

  it("pick the first variant whose running weight reaches murmurhash3(key:user, 86028157) % total + 1", () => {
    const compiled = compileFlag(flag({ rolloutPercentage: 100, variants }));
    for (let i = 0; i < 500; i++) {
      const user = `v-${i}`;
      const target = (referenceMurmur3(`ml_predictions:${user}`, 86028157) % 10) + 1;
      const expected = target <= 1 ? "blue" : target <= 3 ? "green" : "red";
      expect(selectVariant(compiled, user)).toBe(expected);
      expect(evaluateFlag("ml_predictions", compiled, user).variant).toBe(expected);
    }
  });

  it("are only assigned when the flag is on", () => {
    const off = evaluate(flag({ rolloutPercentage: 0, variants }), "eve");
    expect(off).toMatchObject({ value: false, variant: null });
  });
});

describe("flag cache", () => {
  const logger = createLogger({ level: "silent", pretty: false });
  const updated = (key: string, after: FlagSnapshot | null, occurredAt: string): DomainEvent<"flag.updated"> => ({
    id: crypto.randomUUID(),
    type: "flag.updated",
    occurredAt,
    ownerId: null,
    data: { key, before: null, after, actor: "root" },
  });

  it("starts from the snapshot, follows flag.updated events, and never goes back to an older state", async () => {
    const bus = createMemoryEventBus({ logger });
    let releaseSnapshot = (_flags: FlagSnapshot[]): void => undefined;
    const cache = createFlagCache({
      bus,
      logger,
      loadSnapshot: () => new Promise((resolve) => (releaseSnapshot = resolve)),
    });
    const ready = cache.ready();
    // An event newer than the snapshot arrives while the snapshot is still loading.
    await bus.publish(
      updated(
        "arbitrage",
        flag({ key: "arbitrage", rolloutPercentage: 100, updatedAt: "2026-01-02T00:00:00.000Z" }),
        "2026-01-02T00:00:00.000Z",
      ),
    );
    const poll = async (check: () => boolean): Promise<void> => {
      const deadline = Date.now() + 5000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error("timed out");
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await poll(() => cache.evaluate("arbitrage", "alice").value);
    releaseSnapshot([
      flag({ key: "arbitrage", rolloutPercentage: 0, updatedAt: "2026-01-01T00:00:00.000Z" }),
      flag({ key: "ml_predictions", rolloutPercentage: 100 }),
    ]);
    await ready;
    expect(cache.evaluate("arbitrage", "alice")).toMatchObject({ value: true, reason: "STATIC" });
    expect(cache.evaluate("ml_predictions", "alice")).toMatchObject({ value: true, reason: "STATIC" });

    await bus.publish(updated("ml_predictions", null, "2026-01-03T00:00:00.000Z"));
    await poll(() => cache.evaluate("ml_predictions", "alice").errorCode === "FLAG_NOT_FOUND");
    cache.close();
    await bus.close();
  });

  it("retries a snapshot that failed to load", async () => {
    const bus = createMemoryEventBus({ logger });
    let calls = 0;
    const cache = createFlagCache({
      bus,
      logger,
      loadSnapshot: () => (++calls === 1 ? Promise.reject(new Error("no table yet")) : Promise.resolve([flag()])),
    });
    await expect(cache.ready()).rejects.toThrow("no table yet");
    await cache.ready();
    expect(cache.evaluate("ml_predictions", null).errorCode).toBe("TARGETING_KEY_MISSING");
    cache.close();
    await bus.close();
  });
});
