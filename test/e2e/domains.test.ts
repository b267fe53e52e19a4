import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unseal } from "../../src/crypto/seal.js";
import { WebhookDelivery } from "../../subgraphs/webhooks/webhook-delivery.entity.js";
import { WebhookEndpoint } from "../../subgraphs/webhooks/webhook-endpoint.entity.js";
import { startTestStack, type TestStack } from "../harness.js";
import {
  CreateBot,
  CreateWebhookEndpoint,
  Flags,
  Health,
  StartBot,
  UpsertFlag,
  WebhookEndpoints,
} from "./documents.js";

describe("webhooks, flags and admin subgraphs through the gateway", () => {
  let t: TestStack;
  let alice: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestStack();
    alice = await t.token("alice", ["trader"]);
    admin = await t.token("root", ["admin"]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("creates a webhook endpoint, shows its secret once and stores it encrypted", async () => {
    const { data, errors } = await t.execute(
      CreateWebhookEndpoint,
      {
        input: {
          url: "http://127.0.0.1:9/in",
          eventTypes: ["trade.executed", "bot.created"],
          description: "ops",
        },
      },
      { token: alice },
    );
    expect(errors).toBeUndefined();
    expect(data?.createWebhookEndpoint.userErrors).toEqual([]);
    const secret = data?.createWebhookEndpoint.secret ?? "";
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);

    const stored = await t
      .orm("webhooks")
      .em.fork()
      .findOneOrFail(WebhookEndpoint, { id: data?.createWebhookEndpoint.endpoint?.id ?? "" });
    expect(stored.sealedSecret).not.toContain(secret.slice(6, 20));
    expect(unseal(stored.sealedSecret, t.stack.secrets.webhookSecretKey)).toBe(secret);

    const listed = await t.execute(WebhookEndpoints, undefined, { token: alice });
    expect(listed.data?.webhookEndpoints.edges.map((e) => e.node.url)).toEqual(["http://127.0.0.1:9/in"]);
    expect(listed.data?.webhookEventTypes).toContain("trade.executed");
    const others = await t.execute(WebhookEndpoints, undefined, { token: await t.token("bob") });
    expect(others.data?.webhookEndpoints.totalCount).toBe(0);
  });

  it("makes one delivery per subscribed endpoint of the event's owner when a bot event is published", async () => {
    const dora = await t.token("dora");
    const created = await t.execute(
      CreateWebhookEndpoint,
      { input: { url: "http://127.0.0.1:9/dora", eventTypes: ["bot.created"] } },
      { token: dora },
    );
    const everything = await t.execute(
      CreateWebhookEndpoint,
      { input: { url: "http://127.0.0.1:9/dora-all", eventTypes: ["*"] } },
      { token: dora },
    );
    await t.execute(
      CreateWebhookEndpoint,
      { input: { url: "http://127.0.0.1:9/eve", eventTypes: ["*"] } },
      { token: await t.token("eve") },
    );
    const bot = await t.execute(CreateBot, { input: { name: "hooked", symbol: "BTC/USDT" } }, { token: dora });
    await t.execute(StartBot, { id: bot.data?.createBot.bot?.id ?? "" }, { token: dora });
    const endpointIds = [
      created.data?.createWebhookEndpoint.endpoint?.id,
      everything.data?.createWebhookEndpoint.endpoint?.id,
    ];
    const deliveries = await vi.waitFor(
      async () => {
        const rows = await t
          .orm("webhooks")
          .em.fork()
          .find(WebhookDelivery, { endpointId: { $in: endpointIds as string[] } }, { orderBy: { id: "asc" } });
        expect(rows).toHaveLength(3);
        return rows;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(
      deliveries.map((d) => [d.endpointId === endpointIds[0] ? "created-only" : "all", d.eventType, d.status]).sort(),
    ).toEqual([
      ["all", "bot.created", "PENDING"],
      ["all", "bot.status_changed", "PENDING"],
      ["created-only", "bot.created", "PENDING"],
    ]);
  });

  it("refuses unknown event types and bad URLs as userErrors, storing nothing", async () => {
    const { data } = await t.execute(
      CreateWebhookEndpoint,
      { input: { url: "ftp://files.example.com", eventTypes: ["trade.executed", "bot.exploded"] } },
      { token: alice },
    );
    expect(data?.createWebhookEndpoint.endpoint).toBeNull();
    expect(data?.createWebhookEndpoint.secret).toBeNull();
    expect(data?.createWebhookEndpoint.userErrors).toEqual([
      { field: ["input", "url"], message: 'url: must use http or https, got "ftp:"', code: "INVALID" },
      expect.objectContaining({
        field: ["input", "eventTypes"],
        message: expect.stringContaining('unknown event type "bot.exploded"'),
      }),
    ]);
    expect(await t.orm("webhooks").em.fork().count(WebhookEndpoint, { url: "ftp://files.example.com" })).toBe(0);
  });

  it("lets only admins write flags and validates every field", async () => {
    const input = { key: "ml.predictions", enabled: true, rolloutPercentage: 25, variants: [{ name: "a", weight: 1 }] };
    const denied = await t.execute(UpsertFlag, { input }, { token: alice });
    expect(denied.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");

    const created = await t.execute(UpsertFlag, { input }, { token: admin });
    expect(created.data?.upsertFeatureFlag.flag).toMatchObject({
      key: "ml.predictions",
      enabled: true,
      rolloutPercentage: 25,
      variants: [{ name: "a", weight: 1 }],
    });
    const updated = await t.execute(UpsertFlag, { input: { ...input, rolloutPercentage: 50 } }, { token: admin });
    expect(updated.data?.upsertFeatureFlag.flag?.rolloutPercentage).toBe(50);
    const listed = await t.execute(Flags, undefined, { token: alice });
    expect(listed.data?.featureFlags).toEqual([{ key: "ml.predictions", enabled: true, rolloutPercentage: 50 }]);

    const bad = await t.execute(
      UpsertFlag,
      {
        input: {
          key: "Bad Key",
          rolloutPercentage: 101,
          allowUserIds: ["u1"],
          denyUserIds: ["u1"],
          variants: [
            { name: "x", weight: 1 },
            { name: "x", weight: 0 },
          ],
        },
      },
      { token: admin },
    );
    expect(bad.data?.upsertFeatureFlag.flag).toBeNull();
    expect(bad.data?.upsertFeatureFlag.userErrors.map((e) => e.field?.join("."))).toEqual([
      "input.key",
      "input.rolloutPercentage",
      "input.allowUserIds",
      "input.variants.1.name",
      "input.variants.1.weight",
    ]);
  });

  it("reports the health of the database and every subgraph", async () => {
    const { data } = await t.execute(Health, undefined, { token: admin });
    expect(data?.health.status).toBe("PASS");
    const subgraphs = ["admin", "bots", "flags", "trades", "webhooks"];
    expect(data?.health.checks.filter((c) => c.componentType === "subgraph").map((c) => c.name)).toEqual(
      expect.arrayContaining(subgraphs.map((n) => `${n}:responseTime`)),
    );
    expect(data?.health.checks.filter((c) => c.name === "database:responseTime").map((c) => c.componentId)).toEqual(
      expect.arrayContaining(subgraphs),
    );

    const ready = await fetch(new URL("/health/ready", t.url));
    expect(ready.status).toBe(200);
    expect(ready.headers.get("content-type")).toBe("application/health+json");
    const body = (await ready.json()) as { status: string; checks: Record<string, unknown> };
    expect(body.status).toBe("pass");
    expect(Object.keys(body.checks)).toContain("supergraph:responseTime");
    const live = await fetch(new URL("/health/live", t.url));
    expect(await live.json()).toEqual({ status: "pass" });
  });
});

describe("gateway readiness", () => {
  it("fails with 503 naming the subgraph that stopped answering", async () => {
    const t = await startTestStack();
    try {
      await t.stack.subgraphs.find((s) => s.name === "flags")?.close();
      const ready = await fetch(new URL("/health/ready", t.url));
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as {
        status: string;
        checks: Record<string, { status: string; output?: string }[]>;
      };
      expect(body.status).toBe("fail");
      expect(body.checks["flags:responseTime"]?.[0]?.status).toBe("fail");
      expect(body.checks["bots:responseTime"]?.[0]?.status).toBe("pass");
    } finally {
      await t.close();
    }
  });
});
