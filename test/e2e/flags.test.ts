import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DomainEvent } from "../../src/events/types.js";
import { rolloutBucket } from "../../src/flags/evaluate.js";
import { FeatureFlagService } from "../../subgraphs/flags/feature-flag.service.js";
import { backendOptions, startTestStack, type TestBackends, type TestStack } from "../harness.js";
import { postgresAvailable, redisAvailable } from "../services.js";
import {
  CreateBot,
  DeleteFlag,
  EvaluateFlag,
  EvaluateFlags,
  FeatureFlagByKey,
  flagInput,
  Flags,
  UpdateBot,
  UpsertFlag,
} from "./documents.js";

const backends: TestBackends[] = [
  "embedded",
  ...((await postgresAvailable()) && (await redisAvailable()) ? (["postgres+redis"] as const) : []),
];

describe.each(backends)("feature flags through the gateway (%s)", (backend) => {
  let t: TestStack;
  let admin: string;
  let alice: string;
  const events: DomainEvent<"flag.updated">[] = [];

  beforeAll(async () => {
    t = await startTestStack({
      ...backendOptions(backend),
      env: { ENABLE_ARBITRAGE: "false", ENABLE_ML_PREDICTIONS: "true" },
    });
    admin = await t.token("root", ["admin"]);
    alice = await t.token("alice", ["trader"]);
    t.stack.bus.subscribe((event) => {
      if (event.type === "flag.updated") events.push(event);
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("creates ml_predictions and arbitrage from configuration at start, and stored state wins afterwards", async () => {
    const listed = await t.execute(Flags, undefined, { token: alice });
    expect(listed.data?.featureFlags).toEqual(
      expect.arrayContaining([
        { key: "arbitrage", enabled: false, rolloutPercentage: 100 },
        { key: "ml_predictions", enabled: true, rolloutPercentage: 100 },
      ]),
    );
    await t.execute(UpsertFlag, { input: flagInput("ml_predictions", { rolloutPercentage: 25 }) }, { token: admin });
    // What the next start does: the flag exists, so configuration leaves it as the admin set it.
    const created = await new FeatureFlagService(t.orm("flags").em.fork()).bootstrap({ ml_predictions: true });
    expect(created).toEqual([]);
    const stored = await t.execute(FeatureFlagByKey, { key: "ml_predictions" }, { token: alice });
    expect(stored.data?.featureFlag).toMatchObject({ enabled: true, rolloutPercentage: 25 });
  });

  it("creates a configured flag once when two processes start at the same time", async () => {
    const starts = await Promise.all(
      [1, 2, 3].map(() => new FeatureFlagService(t.orm("flags").em.fork()).bootstrap({ "race.flag": true })),
    );
    expect(starts.flat()).toEqual(["race.flag"]);
    await vi.waitFor(() => expect(events.filter((event) => event.data.key === "race.flag")).toHaveLength(1), {
      timeout: 10_000,
    });
    expect(events.find((event) => event.data.key === "race.flag")?.data.actor).toBe("config");
  });

  it("emits flag.updated with before, after and the actor for every change, and deletes", async () => {
    const key = "flag.events";
    const created = await t.execute(UpsertFlag, { input: flagInput(key, { rolloutPercentage: 10 }) }, { token: admin });
    expect(created.data?.upsertFeatureFlag.userErrors).toEqual([]);
    await t.execute(UpsertFlag, { input: flagInput(key, { rolloutPercentage: 60 }) }, { token: admin });
    const deleted = await t.execute(DeleteFlag, { key }, { token: admin });
    expect(deleted.data?.deleteFeatureFlag).toEqual({ deletedKey: key, userErrors: [] });
    expect((await t.execute(FeatureFlagByKey, { key }, { token: alice })).data?.featureFlag).toBeNull();

    await vi.waitFor(() => expect(events.filter((event) => event.data.key === key)).toHaveLength(3), {
      timeout: 10_000,
    });
    const [create, update, remove] = events.filter((event) => event.data.key === key).map((event) => event.data);
    expect(create).toMatchObject({ before: null, after: { key, rolloutPercentage: 10 }, actor: "root" });
    expect(update).toMatchObject({
      before: { rolloutPercentage: 10 },
      after: { rolloutPercentage: 60 },
      actor: "root",
    });
    expect(remove).toMatchObject({ before: { rolloutPercentage: 60 }, after: null, actor: "root" });

    const again = await t.execute(DeleteFlag, { key }, { token: admin });
    expect(again.data?.deleteFeatureFlag.userErrors).toEqual([
      { field: ["key"], message: 'key: no flag "flag.events"', code: "NOT_FOUND" },
    ]);
  });

  it("lets no one but an admin write or delete a flag", async () => {
    const viewer = await t.token("vic", ["viewer"]);
    for (const token of [alice, viewer]) {
      const upsert = await t.execute(UpsertFlag, { input: flagInput("not.allowed") }, { token });
      expect(upsert.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
      const remove = await t.execute(DeleteFlag, { key: "arbitrage" }, { token });
      expect(remove.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    }
    const anonymous = await t.execute(EvaluateFlag, { key: "arbitrage" });
    expect(anonymous.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    const anonymousForSomeone = await t.execute(EvaluateFlags, { keys: ["arbitrage"], context: { targetingKey: "x" } });
    expect(anonymousForSomeone.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    expect((await t.execute(FeatureFlagByKey, { key: "not.allowed" }, { token: admin })).data?.featureFlag).toBeNull();
  });

  it("refuses a bad flag naming each field, and stores nothing", async () => {
    const bad = await t.execute(
      UpsertFlag,
      {
        input: flagInput("Bad Key!", {
          rolloutPercentage: -1,
          allowUserIds: ["u1"],
          denyUserIds: ["u1"],
          variants: [
            { name: "x", weight: 1 },
            { name: "x", weight: -2 },
          ],
        }),
      },
      { token: admin },
    );
    expect(bad.data?.upsertFeatureFlag.flag).toBeNull();
    expect(bad.data?.upsertFeatureFlag.userErrors.map((error) => [error.field?.join("."), error.message])).toEqual([
      ["input.key", 'key: must match [a-z0-9_.-]{1,64}, got "Bad Key!"'],
      ["input.rolloutPercentage", "rolloutPercentage: must be between 0 and 100, got -1"],
      ["input.allowUserIds", 'allowUserIds: "u1" also in denyUserIds; a user may be on one list only'],
      ["input.variants.1.name", 'variants.1.name: duplicate variant name "x"'],
      ["input.variants.1.weight", "variants.1.weight: must be a whole number greater than 0, got -2"],
    ]);
    const tooLong = await t.execute(UpsertFlag, { input: flagInput("k".repeat(65)) }, { token: admin });
    expect(tooLong.data?.upsertFeatureFlag.userErrors.map((error) => error.field?.join("."))).toEqual(["input.key"]);
    expect((await t.execute(FeatureFlagByKey, { key: "Bad Key!" }, { token: admin })).data?.featureFlag).toBeNull();
  });

  it("evaluates every rule with OpenFeature reasons; the targeting key defaults to the viewer", async () => {
    const inputs = [
      flagInput("rule.disabled", { enabled: false, allowUserIds: ["alice"] }),
      flagInput("rule.deny", { denyUserIds: ["alice"] }),
      flagInput("rule.allow", { rolloutPercentage: 0, allowUserIds: ["alice"] }),
      flagInput("rule.static", { variants: [{ name: "only", weight: 3 }] }),
      flagInput("rule.default", { rolloutPercentage: 0 }),
      flagInput("rule.split", { rolloutPercentage: 50 }),
    ];
    for (const input of inputs) {
      const { data } = await t.execute(UpsertFlag, { input }, { token: admin });
      expect(data?.upsertFeatureFlag.userErrors).toEqual([]);
    }
    const keys = ["rule.unknown", ...inputs.map((input) => input.key)];
    const { data } = await t.execute(EvaluateFlags, { keys }, { token: alice });
    const split = rolloutBucket("rule.split", "alice") <= 50;
    expect(data?.evaluateFlags).toEqual([
      { key: "rule.unknown", value: false, variant: null, reason: "ERROR", errorCode: "FLAG_NOT_FOUND" },
      { key: "rule.disabled", value: false, variant: null, reason: "DISABLED", errorCode: null },
      { key: "rule.deny", value: false, variant: null, reason: "TARGETING_MATCH", errorCode: null },
      { key: "rule.allow", value: true, variant: null, reason: "TARGETING_MATCH", errorCode: null },
      { key: "rule.static", value: true, variant: "only", reason: "STATIC", errorCode: null },
      { key: "rule.default", value: false, variant: null, reason: "DEFAULT", errorCode: null },
      { key: "rule.split", value: split, variant: null, reason: "SPLIT", errorCode: null },
    ]);
    const forBob = await t.execute(
      EvaluateFlag,
      { key: "rule.deny", context: { targetingKey: "bob" } },
      { token: alice },
    );
    expect(forBob.data?.evaluateFlag).toMatchObject({ value: true, reason: "STATIC" });
  });

  it("puts the same quarter of users in ml_predictions at 25 % as Unleash would", async () => {
    await t.execute(UpsertFlag, { input: flagInput("ml_predictions", { rolloutPercentage: 25 }) }, { token: admin });
    const users = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    for (const user of users) {
      const { data } = await t.execute(
        EvaluateFlag,
        { key: "ml_predictions", context: { targetingKey: user } },
        { token: alice },
      );
      expect(data?.evaluateFlag).toMatchObject({ value: rolloutBucket("ml_predictions", user) <= 25, reason: "SPLIT" });
    }
  });

  it("refuses an arbitrage bot until the arbitrage flag is on for its owner, checked in process", async () => {
    const bob = await t.token("bob", ["trader"]);
    const arbitrageBot = {
      input: {
        name: "arb",
        symbol: "BTC/USDT",
        strategy: "arbitrage",
        config: { spreadThreshold: "0.002", orderQuantity: "0.1" },
      },
    };
    const refused = await t.execute(CreateBot, arbitrageBot, { token: alice });
    expect(refused.data?.createBot).toEqual({
      bot: null,
      userErrors: [
        {
          field: ["input", "strategy"],
          message:
            'strategy: "arbitrage" is experimental and needs the feature flag "arbitrage", which is off for this user',
          code: "FEATURE_DISABLED",
        },
      ],
    });
    await t.execute(
      UpsertFlag,
      { input: flagInput("arbitrage", { rolloutPercentage: 0, allowUserIds: ["alice"] }) },
      { token: admin },
    );
    // The bots subgraph learns of the change from the flag.updated event on the bus.
    await vi.waitFor(
      async () => {
        const created = await t.execute(CreateBot, arbitrageBot, { token: alice });
        expect(created.data?.createBot.userErrors).toEqual([]);
        expect(created.data?.createBot.bot).toMatchObject({ strategy: "arbitrage" });
      },
      { timeout: 10_000, interval: 50 },
    );
    const stillRefused = await t.execute(CreateBot, arbitrageBot, { token: bob });
    expect(stillRefused.data?.createBot.userErrors[0]?.code).toBe("FEATURE_DISABLED");
    const manual = await t.execute(CreateBot, { input: { name: "m", symbol: "BTC/USDT" } }, { token: bob });
    const switched = await t.execute(
      UpdateBot,
      { id: manual.data?.createBot.bot?.id ?? "", input: { strategy: "arbitrage", config: arbitrageBot.input.config } },
      { token: bob },
    );
    expect(switched.data?.updateBot.userErrors.map((error) => [error.field?.join("."), error.code])).toEqual([
      ["input.strategy", "FEATURE_DISABLED"],
    ]);
  });
});

describe("flag answers across restarts", () => {
  it("gives the same users the same answers after the stack restarts on the same data", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tradebot-flags-restart-"));
    const users = Array.from({ length: 30 }, (_, i) => `restart-user-${i}`);
    const answers = async (t: TestStack): Promise<boolean[]> => {
      const token = await t.token("alice", ["trader"]);
      const result: boolean[] = [];
      for (const user of users) {
        const { data } = await t.execute(
          EvaluateFlag,
          { key: "ml_predictions", context: { targetingKey: user } },
          { token },
        );
        result.push(data?.evaluateFlag.value ?? false);
      }
      return result;
    };
    try {
      const first = await startTestStack({ env: { DATA_DIR: dataDir, ENABLE_ML_PREDICTIONS: "true" } });
      let before: boolean[];
      try {
        const admin = await first.token("root", ["admin"]);
        await first.execute(
          UpsertFlag,
          { input: flagInput("ml_predictions", { rolloutPercentage: 25 }) },
          { token: admin },
        );
        before = await answers(first);
      } finally {
        await first.close();
      }
      const second = await startTestStack({ env: { DATA_DIR: dataDir, ENABLE_ML_PREDICTIONS: "true" } });
      try {
        const stored = await second.execute(
          FeatureFlagByKey,
          { key: "ml_predictions" },
          {
            token: await second.token("alice"),
          },
        );
        expect(stored.data?.featureFlag?.rolloutPercentage).toBe(25);
        expect(await answers(second)).toEqual(before);
        expect(before).toEqual(users.map((user) => rolloutBucket("ml_predictions", user) <= 25));
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
