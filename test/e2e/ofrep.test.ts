import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OpenFeature } from "@openfeature/server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolloutBucket } from "../../src/flags/evaluate.js";
import { createLogger } from "../../src/observability/logger.js";
import { openFlagCache } from "../../subgraphs/flags/public.js";
import { startTestStack, type TestStack } from "../harness.js";
import { EvaluateFlag, flagInput, UpsertFlag } from "./documents.js";

describe("OFREP on the gateway", () => {
  let t: TestStack;
  let base: string;
  let alice: string;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${alice}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestStack();
    base = t.url.replace(/\/graphql$/, "");
    alice = await t.token("alice", ["trader"]);
    const admin = await t.token("root", ["admin"]);
    for (const input of [
      flagInput("ml_predictions", { rolloutPercentage: 25 }),
      flagInput("checkout.v2", { variants: [{ name: "blue", weight: 1 }] }),
      flagInput("legacy", { enabled: false }),
    ]) {
      const { data } = await t.execute(UpsertFlag, { input }, { token: admin });
      expect(data?.upsertFeatureFlag.userErrors).toEqual([]);
    }
  });
  afterAll(async () => {
    await OpenFeature.close();
    await t?.close();
  });

  it("answers OpenFeature's OFREP provider with the same cohort as GraphQL, the in-process cache and Unleash", async () => {
    const cache = await openFlagCache(t.config, t.stack.bus, createLogger({ level: "silent", pretty: false }));
    await cache.flags.ready();
    await OpenFeature.setProviderAndWait(
      "ofrep-test",
      new OFREPProvider({ baseUrl: base, headers: [["authorization", `Bearer ${alice}`]] }),
    );
    const client = OpenFeature.getClient("ofrep-test");
    for (let i = 0; i < 30; i++) {
      const user = `user-${i}`;
      const details = await client.getBooleanDetails("ml_predictions", false, { targetingKey: user });
      const expected = rolloutBucket("ml_predictions", user) <= 25;
      expect(details).toMatchObject({ value: expected, reason: "SPLIT" });
      const graphql = await t.execute(
        EvaluateFlag,
        { key: "ml_predictions", context: { targetingKey: user } },
        { token: alice },
      );
      expect(graphql.data?.evaluateFlag.value).toBe(expected);
      expect(cache.flags.evaluate("ml_predictions", user)).toMatchObject({ value: expected, reason: "SPLIT" });
    }
    await cache.close();
    const variant = await client.getBooleanDetails("checkout.v2", false, { targetingKey: "alice" });
    expect(variant).toMatchObject({ value: true, variant: "blue", reason: "STATIC" });
    const missing = await client.getBooleanDetails("no.such.flag", true, { targetingKey: "alice" });
    expect(missing).toMatchObject({ value: true, reason: "ERROR", errorCode: "FLAG_NOT_FOUND" });
  });

  it("uses the spec's status codes and error bodies for one flag", async () => {
    const ok = await post("/ofrep/v1/evaluate/flags/legacy", { context: { targetingKey: "alice" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ key: "legacy", value: false, reason: "DISABLED", metadata: {} });

    const notFound = await post("/ofrep/v1/evaluate/flags/nope", { context: { targetingKey: "alice" } });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({
      key: "nope",
      errorCode: "FLAG_NOT_FOUND",
      errorDetails: 'flag "nope" does not exist',
    });

    const badJson = await post("/ofrep/v1/evaluate/flags/legacy", "{not json");
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ key: "legacy", errorCode: "PARSE_ERROR" });

    const badContext = await post("/ofrep/v1/evaluate/flags/legacy", { context: { targetingKey: 7 } });
    expect(badContext.status).toBe(400);
    expect(await badContext.json()).toMatchObject({ key: "legacy", errorCode: "INVALID_CONTEXT" });

    // Without a context the targeting key is the caller's `sub`, as in GraphQL.
    const viewer = await post("/ofrep/v1/evaluate/flags/ml_predictions", {});
    expect(await viewer.json()).toMatchObject({ value: rolloutBucket("ml_predictions", "alice") <= 25 });

    const badToken = await post("/ofrep/v1/evaluate/flags/legacy", {}, { authorization: "Bearer nope" });
    expect(badToken.status).toBe(401);
    const anonymous = await fetch(`${base}/ofrep/v1/evaluate/flags/legacy`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
    const get = await fetch(`${base}/ofrep/v1/evaluate/flags/legacy`);
    expect(get.status).toBe(405);
  });

  it("evaluates every flag in bulk with an ETag, and answers 304 while nothing changed", async () => {
    const first = await post("/ofrep/v1/evaluate/flags", { context: { targetingKey: "alice" } });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const body = (await first.json()) as { flags: { key: string }[] };
    expect(body.flags).toEqual(
      expect.arrayContaining([
        { key: "legacy", value: false, reason: "DISABLED", metadata: {} },
        { key: "checkout.v2", value: true, reason: "STATIC", variant: "blue", metadata: {} },
      ]),
    );

    const again = await post(
      "/ofrep/v1/evaluate/flags",
      { context: { targetingKey: "alice" } },
      {
        "if-none-match": etag ?? "",
      },
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    // Another user in the other cohort of ml_predictions gets other evaluations, so another ETag.
    const aliceOn = rolloutBucket("ml_predictions", "alice") <= 25;
    const other = Array.from({ length: 100 }, (_, i) => `other-${i}`).find(
      (user) => rolloutBucket("ml_predictions", user) <= 25 !== aliceOn,
    );
    const otherUser = await post(
      "/ofrep/v1/evaluate/flags",
      { context: { targetingKey: other } },
      {
        "if-none-match": etag ?? "",
      },
    );
    expect(otherUser.status).toBe(200);
    expect(otherUser.headers.get("etag")).not.toBe(etag);

    const admin = await t.token("root", ["admin"]);
    await t.execute(UpsertFlag, { input: flagInput("legacy", { enabled: true }) }, { token: admin });
    const changed = await post(
      "/ofrep/v1/evaluate/flags",
      { context: { targetingKey: "alice" } },
      {
        "if-none-match": etag ?? "",
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);

    const badJson = await post("/ofrep/v1/evaluate/flags", "[");
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ errorCode: "PARSE_ERROR" });
  });
});
