import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebhookEndpoint } from "../../subgraphs/webhooks/webhook-endpoint.entity.js";
import { startTestStack, type TestStack } from "../harness.js";
import {
  CreateBot,
  CreateWebhookEndpoint,
  DeleteWebhookEndpoint,
  EndpointDeliveries,
  JobById,
  RedeliverWebhook,
  RotateWebhookSecret,
  SendTestWebhook,
  UpdateWebhookEndpoint,
} from "./documents.js";

interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Never answer (to test timeouts). */
  hang?: boolean;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A real HTTP receiver on 127.0.0.1 that answers each request with the next scripted response. */
class Receiver {
  readonly requests: Received[] = [];
  private readonly server: Server;
  private script: ((request: Received) => Answer)[] = [];

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const received = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
        this.requests.push(received);
        const answer: Answer = (this.script.shift() ?? (() => ({ status: 200 })))(received);
        if (answer.hang) return;
        res.writeHead(answer.status, answer.headers).end(`answer ${answer.status}`);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  answer(...responses: ((request: Received) => Answer)[]): void {
    this.script = responses;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe("webhook deliveries", () => {
  let t: TestStack;
  let receiver: Receiver;
  let url: string;

  beforeAll(async () => {
    receiver = new Receiver();
    url = await receiver.start();
    t = await startTestStack({
      env: { WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8", WEBHOOK_RETRY_SCHEDULE: "0,0,0", WEBHOOK_TIMEOUT_MS: "300" },
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  async function endpointFor(user: string, path: string) {
    const token = await t.token(user);
    const { data } = await t.execute(
      CreateWebhookEndpoint,
      { input: { url: `${url}/${path}`, eventTypes: ["bot.created"] } },
      { token },
    );
    expect(data?.createWebhookEndpoint.userErrors).toEqual([]);
    return {
      token,
      id: data?.createWebhookEndpoint.endpoint?.id ?? "",
      secret: data?.createWebhookEndpoint.secret ?? "",
    };
  }

  async function deliveriesOf(token: string, id: string, settled: (status: string) => boolean) {
    return vi.waitFor(
      async () => {
        const endpoint = (await t.execute(EndpointDeliveries, { id }, { token })).data?.webhookEndpoint;
        const node = endpoint?.deliveries.edges[0]?.node;
        expect(node && settled(node.status)).toBe(true);
        return { endpoint, delivery: node };
      },
      { timeout: 10_000, interval: 25 },
    );
  }

  it("signs each delivery so that the reference standardwebhooks receiver verifies it", async () => {
    const { token, id, secret } = await endpointFor("ann", "signed");
    receiver.answer(() => ({ status: 204 }));
    const before = receiver.requests.length;
    const bot = await t.execute(CreateBot, { input: { name: "signed bot", symbol: "BTC/USDT" } }, { token });
    const { delivery } = await deliveriesOf(token, id, (s) => s === "SUCCEEDED");
    const request = receiver.requests[before];
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["user-agent"]).toMatch(/^tradebot-graph-webhooks\//);
    expect(request?.headers["webhook-id"]).toBe(delivery?.eventId);
    const payload = new Webhook(secret).verify(request?.body ?? "", request?.headers as Record<string, string>) as {
      type: string;
      data: { bot: { id: string } };
    };
    expect(payload.type).toBe("bot.created");
    expect(payload.data.bot.id).toBe(bot.data?.createBot.bot?.id);
    expect(delivery?.attempts).toEqual([expect.objectContaining({ responseStatus: 204, error: null })]);
    expect(delivery?.nextAttemptAt).toBeNull();
  });

  it("retries after a 500 with the same webhook-id and succeeds on the 200", async () => {
    const { token, id, secret } = await endpointFor("ben", "flaky");
    receiver.answer(
      () => ({ status: 500 }),
      () => ({ status: 200 }),
    );
    const before = receiver.requests.length;
    await t.execute(CreateBot, { input: { name: "flaky", symbol: "BTC/USDT" } }, { token });
    const { delivery } = await deliveriesOf(token, id, (s) => s === "SUCCEEDED");
    expect(delivery?.attempts.map((a) => [a.responseStatus, a.error])).toEqual([
      [500, "HTTP 500"],
      [200, null],
    ]);
    expect(delivery?.attempts[0]?.responseBody).toBe("answer 500");
    const [first, second] = receiver.requests.slice(before);
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(() =>
      new Webhook(secret).verify(second?.body ?? "", second?.headers as Record<string, string>),
    ).not.toThrow();
  });

  it("disables the endpoint on 410 Gone", async () => {
    const { token, id } = await endpointFor("cat", "gone");
    receiver.answer(() => ({ status: 410 }));
    await t.execute(CreateBot, { input: { name: "gone", symbol: "BTC/USDT" } }, { token });
    const { endpoint, delivery } = await deliveriesOf(token, id, (s) => s === "FAILED");
    expect(delivery?.attempts).toHaveLength(1);
    expect(endpoint?.enabled).toBe(false);
    expect(endpoint?.disabledReason).toMatch(/^The endpoint answered 410 Gone on /);
  });

  it("fails an attempt that gets no answer in time, and FAILS the delivery when the schedule is exhausted", async () => {
    const { token, id } = await endpointFor("dan", "slow");
    receiver.answer(
      () => ({ status: 200, hang: true }),
      () => ({ status: 502 }),
      () => ({ status: 302, headers: { location: "http://example.com" } }),
    );
    await t.execute(CreateBot, { input: { name: "slow", symbol: "BTC/USDT" } }, { token });
    const { delivery } = await deliveriesOf(token, id, (s) => s === "FAILED");
    expect(delivery?.attempts.map((a) => [a.responseStatus, a.error])).toEqual([
      [null, "no response within 300 ms"],
      [502, "HTTP 502"],
      [302, "HTTP 302"],
    ]);
  });

  it("honours Retry-After on a 503", async () => {
    const { token, id } = await endpointFor("eve", "busy");
    receiver.answer(
      () => ({ status: 503, headers: { "retry-after": "1" } }),
      () => ({ status: 200 }),
    );
    const before = receiver.requests.length;
    await t.execute(CreateBot, { input: { name: "busy", symbol: "BTC/USDT" } }, { token });
    await deliveriesOf(token, id, (s) => s === "SUCCEEDED");
    const [first, second] = receiver.requests.slice(before);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("refuses private and metadata destinations when an endpoint is created", async () => {
    const token = await t.token("fay");
    for (const [target, kind] of [
      ["http://10.0.0.1/hook", "private"],
      ["http://169.254.169.254/latest", "169.254.169.254"],
      ["http://[::1]/hook", "loopback"],
    ] as const) {
      const { data } = await t.execute(CreateWebhookEndpoint, { input: { url: target, eventTypes: ["*"] } }, { token });
      expect(data?.createWebhookEndpoint.endpoint).toBeNull();
      expect(data?.createWebhookEndpoint.userErrors[0]?.field).toEqual(["input", "url"]);
      expect(data?.createWebhookEndpoint.userErrors[0]?.message).toContain(kind);
    }
  });

  it("signs with the new and the old secret after a rotation, each of which verifies", async () => {
    const { token, id, secret: oldSecret } = await endpointFor("gus", "rotated");
    const rotated = await t.execute(RotateWebhookSecret, { id }, { token });
    const newSecret = rotated.data?.rotateWebhookSecret.secret ?? "";
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    receiver.answer(() => ({ status: 200 }));
    const before = receiver.requests.length;
    await t.execute(SendTestWebhook, { id }, { token });
    await vi.waitFor(() => expect(receiver.requests.length).toBeGreaterThan(before), { timeout: 10_000 });
    const request = receiver.requests[before];
    expect(String(request?.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [newSecret, oldSecret]) {
      expect(new Webhook(secret).verify(request?.body ?? "", request?.headers as Record<string, string>)).toMatchObject(
        { type: "webhook.test" },
      );
    }
    const foreign = await t.execute(RotateWebhookSecret, { id }, { token: await t.token("mallory") });
    expect(foreign.data?.rotateWebhookSecret.userErrors[0]?.code).toBe("NOT_FOUND");
  });

  it("redelivers a FAILED delivery as a new series of attempts", async () => {
    const { token, id } = await endpointFor("hal", "again");
    receiver.answer(
      () => ({ status: 500 }),
      () => ({ status: 500 }),
      () => ({ status: 500 }),
    );
    await t.execute(CreateBot, { input: { name: "again", symbol: "BTC/USDT" } }, { token });
    const { delivery } = await deliveriesOf(token, id, (s) => s === "FAILED");
    receiver.answer(
      () => ({ status: 500 }),
      () => ({ status: 200 }),
    );
    const again = await t.execute(RedeliverWebhook, { deliveryId: delivery?.id ?? "" }, { token });
    expect(again.data?.redeliverWebhook.delivery?.status).toBe("PENDING");
    const settled = await deliveriesOf(token, id, (s) => s === "SUCCEEDED");
    expect(settled.delivery?.attempts.map((a) => a.responseStatus)).toEqual([500, 500, 500, 500, 200]);
  });

  it("updates an endpoint's url, event types and description with the checks of create", async () => {
    const { token, id } = await endpointFor("ida", "before");
    const changed = await t.execute(
      UpdateWebhookEndpoint,
      { id, input: { url: `${url}/after`, eventTypes: ["trade.executed", "bot.deleted"], description: "Desk" } },
      { token },
    );
    expect(changed.data?.updateWebhookEndpoint).toEqual({
      endpoint: expect.objectContaining({
        id,
        url: `${url}/after`,
        eventTypes: ["trade.executed", "bot.deleted"],
        description: "Desk",
        enabled: true,
      }),
      userErrors: [],
    });
    const kept = await t.execute(UpdateWebhookEndpoint, { id, input: { description: null } }, { token });
    expect(kept.data?.updateWebhookEndpoint.endpoint).toMatchObject({ url: `${url}/after`, description: null });

    const bad = await t.execute(
      UpdateWebhookEndpoint,
      { id, input: { url: "http://169.254.169.254/latest", eventTypes: ["trade.executed", "bot.exploded"] } },
      { token },
    );
    expect(bad.data?.updateWebhookEndpoint.endpoint).toBeNull();
    expect(bad.data?.updateWebhookEndpoint.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "eventTypes"], message: expect.stringContaining('"bot.exploded"') }),
    ]);
    const ssrf = await t.execute(UpdateWebhookEndpoint, { id, input: { url: "http://10.1.2.3/hook" } }, { token });
    expect(ssrf.data?.updateWebhookEndpoint.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "url"], message: expect.stringContaining("private") }),
    ]);
    const after = await t.execute(EndpointDeliveries, { id }, { token });
    expect(after.data?.webhookEndpoint?.id).toBe(id);

    const foreign = await t.execute(
      UpdateWebhookEndpoint,
      { id, input: { description: "mine now" } },
      { token: await t.token("mallory") },
    );
    expect(foreign.data?.updateWebhookEndpoint).toEqual({
      endpoint: null,
      userErrors: [expect.objectContaining({ field: ["id"], code: "NOT_FOUND" })],
    });
    const admin = await t.execute(
      UpdateWebhookEndpoint,
      { id, input: { description: "checked by ops" } },
      { token: await t.token("root", ["admin"]) },
    );
    expect(admin.data?.updateWebhookEndpoint.endpoint?.description).toBe("checked by ops");
    const omitted = await t.execute(UpdateWebhookEndpoint, { id, input: { eventTypes: ["*"] } }, { token });
    expect(omitted.data?.updateWebhookEndpoint.endpoint).toMatchObject({
      url: `${url}/after`,
      eventTypes: ["*"],
      description: "checked by ops",
      enabled: true,
    });
  });

  it("re-enables an endpoint disabled by a 410, clearing the reason, and deliveries resume", async () => {
    const { token, id } = await endpointFor("jon", "back");
    receiver.answer(() => ({ status: 410 }));
    await t.execute(CreateBot, { input: { name: "gone for now", symbol: "BTC/USDT" } }, { token });
    await deliveriesOf(token, id, (s) => s === "FAILED");
    const enabled = await t.execute(UpdateWebhookEndpoint, { id, input: { enabled: true } }, { token });
    expect(enabled.data?.updateWebhookEndpoint.endpoint).toMatchObject({ enabled: true, disabledReason: null });
    receiver.answer(() => ({ status: 200 }));
    await t.execute(CreateBot, { input: { name: "back again", symbol: "BTC/USDT" } }, { token });
    await vi.waitFor(
      async () => {
        const endpoint = (await t.execute(EndpointDeliveries, { id }, { token })).data?.webhookEndpoint;
        expect(endpoint?.deliveries.edges.map((edge) => edge.node.status)).toEqual(["FAILED", "SUCCEEDED"]);
      },
      { timeout: 10_000, interval: 25 },
    );

    const disabled = await t.execute(UpdateWebhookEndpoint, { id, input: { enabled: false } }, { token });
    expect(disabled.data?.updateWebhookEndpoint.endpoint).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/^Disabled through updateWebhookEndpoint on /),
    });
  });

  it("deletes an endpoint for its owner only, and its pending deliveries stop", async () => {
    const { token, id } = await endpointFor("kim", "deleted");
    const foreign = await t.execute(DeleteWebhookEndpoint, { id }, { token: await t.token("mallory") });
    expect(foreign.data?.deleteWebhookEndpoint).toEqual({
      deletedWebhookEndpointId: null,
      userErrors: [{ field: ["id"], code: "NOT_FOUND", message: `id: no webhook endpoint "${id}" that you can see` }],
    });

    receiver.answer(() => ({ status: 503, headers: { "retry-after": "1" } }));
    const before = receiver.requests.length;
    await t.execute(CreateBot, { input: { name: "soon deleted", symbol: "BTC/USDT" } }, { token });
    const { delivery } = await deliveriesOf(token, id, (s) => s === "PENDING");
    await vi.waitFor(() => expect(receiver.requests.length).toBe(before + 1), { timeout: 10_000 });
    const deleted = await t.execute(DeleteWebhookEndpoint, { id }, { token });
    expect(deleted.data?.deleteWebhookEndpoint).toEqual({ deletedWebhookEndpointId: id, userErrors: [] });
    expect((await t.execute(EndpointDeliveries, { id }, { token })).data?.webhookEndpoint).toBeNull();

    // The retry queued before the deletion runs when due and finds nothing to send.
    const admin = await t.token("root", ["admin"]);
    const retry = await vi.waitFor(
      async () => {
        const job = (await t.execute(JobById, { queue: "webhooks", id: `deliver-${delivery?.id}-2` }, { token: admin }))
          .data?.job;
        expect(job?.status).toBe("COMPLETED");
        return job;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(retry?.result).toEqual({ outcome: "SKIPPED" });
    expect(receiver.requests.length).toBe(before + 1);
  });

  it("disables an endpoint whose every attempt has failed for disableAfterHours and tells the owner's other endpoints", async () => {
    const { token, id } = await endpointFor("lea", "dying");
    const watcher = await t.execute(
      CreateWebhookEndpoint,
      { input: { url: `${url}/watcher`, eventTypes: ["webhook.endpoint_disabled"] } },
      { token },
    );
    const watcherSecret = watcher.data?.createWebhookEndpoint.secret ?? "";
    const em = t.orm("webhooks").em.fork();
    const longAgo = new Date(Date.now() - 121 * 3600 * 1000);

    // A success ends a failing streak, however old: the failures after it start a new one.
    await em.nativeUpdate(WebhookEndpoint, { id }, { failingSince: longAgo });
    receiver.answer(() => ({ status: 200 }));
    await t.execute(CreateBot, { input: { name: "fine", symbol: "BTC/USDT" } }, { token });
    await deliveriesOf(token, id, (s) => s === "SUCCEEDED");
    receiver.answer(
      () => ({ status: 500 }),
      () => ({ status: 500 }),
      () => ({ status: 500 }),
    );
    await t.execute(CreateBot, { input: { name: "new streak", symbol: "BTC/USDT" } }, { token });
    const streak = await vi.waitFor(
      async () => {
        const endpoint = (await t.execute(EndpointDeliveries, { id }, { token })).data?.webhookEndpoint;
        expect(endpoint?.deliveries.edges[1]?.node.status).toBe("FAILED");
        return endpoint;
      },
      { timeout: 10_000, interval: 25 },
    );
    expect(streak?.enabled).toBe(true);
    expect(streak?.deliveries.edges[1]?.node.attempts).toHaveLength(3);

    // The streak has now lasted longer than 120 h: the next failed attempt disables the endpoint.
    await em.nativeUpdate(WebhookEndpoint, { id }, { failingSince: longAgo });
    receiver.answer(() => ({ status: 500 }));
    const before = receiver.requests.length;
    await t.execute(CreateBot, { input: { name: "last straw", symbol: "BTC/USDT" } }, { token });
    const disabled = await vi.waitFor(
      async () => {
        const endpoint = (await t.execute(EndpointDeliveries, { id }, { token })).data?.webhookEndpoint;
        expect(endpoint?.enabled).toBe(false);
        return endpoint;
      },
      { timeout: 10_000, interval: 25 },
    );
    expect(disabled?.disabledReason).toMatch(
      new RegExp(`^Every delivery attempt since ${longAgo.toISOString()} failed \\(the limit is 120 h\\)`),
    );
    expect(disabled?.deliveries.edges[2]?.node).toMatchObject({
      status: "FAILED",
      attempts: [{ responseStatus: 500 }],
    });

    const notice = await vi.waitFor(
      () => {
        const request = receiver.requests
          .slice(before)
          .find((r) => r.headers["webhook-id"] && r.body.includes("disabled"));
        expect(request).toBeDefined();
        return request;
      },
      { timeout: 10_000, interval: 25 },
    );
    expect(
      new Webhook(watcherSecret).verify(notice?.body ?? "", notice?.headers as Record<string, string>),
    ).toMatchObject({
      type: "webhook.endpoint_disabled",
      data: { endpointId: id, reason: disabled?.disabledReason },
    });
    expect(receiver.requests.slice(before)).toHaveLength(2);
  });
});

describe("the per-endpoint circuit breaker", () => {
  const cooldownMs = 4000;
  let t: TestStack;
  let receiver: Receiver;
  let url: string;

  beforeAll(async () => {
    receiver = new Receiver();
    url = await receiver.start();
    t = await startTestStack({
      env: {
        WEBHOOK_RETRY_SCHEDULE: "0,0,0,0",
        WEBHOOK_TIMEOUT_MS: "300",
        WEBHOOK_BREAKER_FAILURE_THRESHOLD: "2",
        WEBHOOK_BREAKER_COOLDOWN_MS: String(cooldownMs),
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  it("holds attempts back while open, without counting or losing them, until a probe succeeds", async () => {
    const token = await t.token("ola");
    const created = await t.execute(
      CreateWebhookEndpoint,
      { input: { url: `${url}/down`, eventTypes: ["bot.created"] } },
      { token },
    );
    const id = created.data?.createWebhookEndpoint.endpoint?.id ?? "";
    receiver.answer(
      () => ({ status: 500 }),
      () => ({ status: 500 }),
    );
    await t.execute(CreateBot, { input: { name: "first", symbol: "BTC/USDT" } }, { token });
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(2), { timeout: 10_000 });
    await t.execute(CreateBot, { input: { name: "second", symbol: "BTC/USDT" } }, { token });

    // Open: both deliveries wait, the first with its two failed attempts, the second with none.
    const held = await vi.waitFor(
      async () => {
        const endpoint = (await t.execute(EndpointDeliveries, { id }, { token })).data?.webhookEndpoint;
        const nodes = endpoint?.deliveries.edges.map((edge) => edge.node) ?? [];
        expect(nodes.map((node) => [node.status, node.attempts.length])).toEqual([
          ["PENDING", 2],
          ["PENDING", 0],
        ]);
        expect(nodes.every((node) => new Date(String(node.nextAttemptAt)).getTime() > Date.now())).toBe(true);
        return nodes;
      },
      { timeout: 10_000, interval: 25 },
    );
    expect(receiver.requests).toHaveLength(2);

    const settled = await vi.waitFor(
      async () => {
        const endpoint = (await t.execute(EndpointDeliveries, { id }, { token })).data?.webhookEndpoint;
        const nodes = endpoint?.deliveries.edges.map((edge) => edge.node) ?? [];
        expect(nodes.map((node) => node.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
        return nodes;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(settled.map((node) => node.attempts.map((a) => a.responseStatus))).toEqual([[500, 500, 200], [200]]);
    expect(held.map((node) => node.id)).toEqual(settled.map((node) => node.id));
    expect(receiver.requests).toHaveLength(4);
    const [, lastFailure, probe] = receiver.requests;
    expect((probe?.at ?? 0) - (lastFailure?.at ?? 0)).toBeGreaterThanOrEqual(cooldownMs - 50);
  });
});
