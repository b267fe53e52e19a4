import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  activeSecrets,
  sign,
  signatureHeader,
  webhookBody,
  webhookHeaders,
  WebhookSigningError,
} from "../../subgraphs/webhooks/signature.js";

const USER_AGENT = "tradebot-graph-webhooks/0.1.0";
const GRACE_MS = 24 * 60 * 60 * 1000;

const event = {
  id: "01936f4e-7c2a-7b3e-9a51-3f0c2d8e4b10",
  type: "trade.executed",
  occurredAt: "2025-11-26T21:32:05.123Z",
  data: { tradeId: "t-1", side: "BUY", price: "64250.10", quantity: "0.015" },
};

function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** One delivery attempt as the sender makes it, signed now with `secrets`. */
function delivery(secrets: readonly string[], body = webhookBody(event)) {
  const timestampSeconds = nowSeconds();
  const headers = webhookHeaders({ id: event.id, timestampSeconds, body, secrets, userAgent: USER_AGENT });
  return { body, headers, timestampSeconds };
}

/** What a receiver built on the reference library does with a request. */
function receive(secret: string, body: string, headers: Record<string, string>): unknown {
  return new Webhook(secret).verify(body, headers);
}

describe("webhookBody", () => {
  it("is exactly {type, timestamp, data} with the event's time as timestamp", () => {
    expect(webhookBody(event)).toBe(
      '{"type":"trade.executed","timestamp":"2025-11-26T21:32:05.123Z",' +
        '"data":{"tradeId":"t-1","side":"BUY","price":"64250.10","quantity":"0.015"}}',
    );
  });

  it("normalizes the time to ISO 8601 UTC and refuses a non-date", () => {
    expect(JSON.parse(webhookBody({ ...event, occurredAt: "2025-11-26T22:32:05.123+01:00" }))).toMatchObject({
      timestamp: "2025-11-26T21:32:05.123Z",
    });
    expect(() => webhookBody({ ...event, occurredAt: "yesterday" })).toThrow(WebhookSigningError);
  });
});

describe("deliveries verified by the reference standardwebhooks receiver", () => {
  it("reproduces the Standard Webhooks reference vector exactly", () => {
    // From the reference library's own test "sign function works" (libraries/javascript/src/webhook.test.ts).
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    expect(sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(expected);
    expect(
      new Webhook(secret).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", new Date(1614265330_000), '{"test": 2432232314}'),
    ).toBe(expected);
  });

  it("carries the five headers and verifies, returning the payload {type, timestamp, data}", () => {
    const secret = newSecret();
    const { body, headers, timestampSeconds } = delivery([secret]);
    expect(Object.keys(headers).sort()).toEqual([
      "content-type",
      "user-agent",
      "webhook-id",
      "webhook-signature",
      "webhook-timestamp",
    ]);
    expect(headers).toMatchObject({
      "webhook-id": event.id,
      "webhook-timestamp": String(timestampSeconds),
      "content-type": "application/json",
      "user-agent": USER_AGENT,
    });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(receive(secret, body, headers)).toEqual({ type: event.type, timestamp: event.occurredAt, data: event.data });
  });

  it("verifies a real HTTP POST received by a server using the reference library", async () => {
    const secret = newSecret();
    const received: { method?: string; headers?: IncomingHttpHeaders; payload?: unknown } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.method = req.method;
        received.headers = req.headers;
        try {
          received.payload = receive(
            secret,
            Buffer.concat(chunks).toString("utf8"),
            req.headers as Record<string, string>,
          );
          res.writeHead(204).end();
        } catch {
          res.writeHead(401).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { body, headers } = delivery([secret]);
      const response = await fetch(`http://127.0.0.1:${port}/hooks`, { method: "POST", headers, body });
      expect(response.status).toBe(204);
      expect(received.method).toBe("POST");
      expect(received.headers?.["user-agent"]).toBe(USER_AGENT);
      expect(received.headers?.["content-type"]).toBe("application/json");
      expect(received.payload).toEqual({ type: event.type, timestamp: event.occurredAt, data: event.data });
    } finally {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    }
  });

  it("during the rotation grace period, the same request verifies with the old secret and with the new one", () => {
    const previous = newSecret();
    const current = newSecret();
    const rotatedAt = new Date(Date.now() - 60_000);
    const secrets = activeSecrets(current, previous, rotatedAt, GRACE_MS, new Date());
    expect(secrets).toEqual([current, previous]);
    const { body, headers, timestampSeconds } = delivery(secrets);
    expect(headers["webhook-signature"]?.split(" ")).toEqual([
      sign(current, event.id, timestampSeconds, body),
      sign(previous, event.id, timestampSeconds, body),
    ]);
    expect(receive(current, body, headers)).toEqual(JSON.parse(body));
    expect(receive(previous, body, headers)).toEqual(JSON.parse(body));
  });

  it("after the grace period, only the new secret verifies", () => {
    const previous = newSecret();
    const current = newSecret();
    const rotatedAt = new Date(Date.now() - GRACE_MS - 1);
    const secrets = activeSecrets(current, previous, rotatedAt, GRACE_MS, new Date());
    expect(secrets).toEqual([current]);
    const { body, headers } = delivery(secrets);
    expect(receive(current, body, headers)).toEqual(JSON.parse(body));
    expect(() => receive(previous, body, headers)).toThrow(WebhookVerificationError);
  });

  it("fails on a tampered body or a wrong secret", () => {
    const secret = newSecret();
    const { body, headers } = delivery([secret]);
    const tampered = body.replace('"quantity":"0.015"', '"quantity":"15"');
    expect(tampered).not.toBe(body);
    expect(() => receive(secret, tampered, headers)).toThrow("No matching signature found");
    expect(() => receive(newSecret(), body, headers)).toThrow("No matching signature found");
  });

  it("a retry keeps the event id, is signed at its own time and still verifies", () => {
    const secret = newSecret();
    const body = webhookBody(event);
    const first = webhookHeaders({
      id: event.id,
      timestampSeconds: nowSeconds() - 120,
      body,
      secrets: [secret],
      userAgent: USER_AGENT,
    });
    const retry = webhookHeaders({
      id: event.id,
      timestampSeconds: nowSeconds(),
      body,
      secrets: [secret],
      userAgent: USER_AGENT,
    });
    expect(retry["webhook-id"]).toBe(first["webhook-id"]);
    expect(retry["webhook-signature"]).not.toBe(first["webhook-signature"]);
    expect(receive(secret, body, first)).toEqual(JSON.parse(body));
    expect(receive(secret, body, retry)).toEqual(JSON.parse(body));
    const replayed = { ...retry, "webhook-timestamp": String(nowSeconds() - 3600) };
    expect(() => receive(secret, body, replayed)).toThrow(WebhookVerificationError);
  });
});

describe("signing input checks", () => {
  it("refuses a secret that is not whsec_<base64>, without echoing it", () => {
    for (const secret of ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_not base64!", "whsec_A", "whsec_AA="]) {
      expect(() => sign(secret, event.id, nowSeconds(), "{}")).toThrow(WebhookSigningError);
    }
    expect(() => sign("sk_live_hunter2", event.id, nowSeconds(), "{}")).toThrow(
      /^webhook secret: must start with "whsec_"$/,
    );
  });

  it("refuses a timestamp that is not whole Unix seconds and an empty secret list", () => {
    expect(() => sign(newSecret(), event.id, Date.now() / 1000, "{}")).toThrow(WebhookSigningError);
    expect(() => signatureHeader([], event.id, nowSeconds(), "{}")).toThrow(WebhookSigningError);
  });
});

describe("activeSecrets", () => {
  const rotatedAt = new Date("2025-11-26T00:00:00.000Z");
  const at = (ms: number) => new Date(rotatedAt.getTime() + ms);

  it("signs with both secrets until the grace period ends, then with the current one only", () => {
    expect(activeSecrets("whsec_bmV3", "whsec_b2xk", rotatedAt, GRACE_MS, at(0))).toEqual(["whsec_bmV3", "whsec_b2xk"]);
    expect(activeSecrets("whsec_bmV3", "whsec_b2xk", rotatedAt, GRACE_MS, at(GRACE_MS - 1))).toEqual([
      "whsec_bmV3",
      "whsec_b2xk",
    ]);
    expect(activeSecrets("whsec_bmV3", "whsec_b2xk", rotatedAt, GRACE_MS, at(GRACE_MS))).toEqual(["whsec_bmV3"]);
  });

  it("signs with the current secret alone when never rotated", () => {
    expect(activeSecrets("whsec_bmV3", null, null, GRACE_MS, at(0))).toEqual(["whsec_bmV3"]);
    expect(activeSecrets("whsec_bmV3", "whsec_b2xk", null, GRACE_MS, at(0))).toEqual(["whsec_bmV3"]);
  });
});
