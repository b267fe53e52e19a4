import { createHmac } from "node:crypto";

/** The prefix of a Standard Webhooks symmetric secret; the rest is the key in base64. */
export const SECRET_PREFIX = "whsec_";

/** The signature scheme version: HMAC-SHA256 (Standard Webhooks `v1`). */
const SCHEME = "v1";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A secret, timestamp or secret list that cannot make a valid Standard Webhooks signature. */
export class WebhookSigningError extends Error {
  override name = "WebhookSigningError";
}

/** The event fields a delivery's body is made of. */
export interface WebhookEvent {
  type: string;
  /** ISO 8601; becomes the payload's `timestamp`. */
  occurredAt: string;
  data: unknown;
}

/** The exact JSON body of a delivery: `{"type","timestamp","data"}`, `timestamp` being when the event happened. */
export function webhookBody(event: WebhookEvent): string {
  const occurredAt = new Date(event.occurredAt);
  if (Number.isNaN(occurredAt.getTime()))
    throw new WebhookSigningError(`occurredAt: must be an ISO 8601 date, got ${JSON.stringify(event.occurredAt)}`);
  return JSON.stringify({ type: event.type, timestamp: occurredAt.toISOString(), data: event.data ?? null });
}

/** The HMAC key of a `whsec_<base64>` secret; throws without echoing the secret. */
function signingKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX))
    throw new WebhookSigningError(`webhook secret: must start with "${SECRET_PREFIX}"`);
  const encoded = secret.slice(SECRET_PREFIX.length);
  const lengthOk = encoded.endsWith("=") ? encoded.length % 4 === 0 : encoded.length % 4 !== 1;
  if (!BASE64.test(encoded) || !lengthOk)
    throw new WebhookSigningError(`webhook secret: must be "${SECRET_PREFIX}" followed by base64`);
  return Buffer.from(encoded, "base64");
}

function checkTimestamp(timestampSeconds: number): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0)
    throw new WebhookSigningError(`timestamp: must be whole Unix seconds, got ${timestampSeconds}`);
  return String(timestampSeconds);
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the key in `secret` (`whsec_<base64>`). */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = signingKey(secret);
  const timestamp = checkTimestamp(timestampSeconds);
  const digest = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`, "utf8").digest("base64");
  return `${SCHEME},${digest}`;
}

/** The `webhook-signature` value: one signature per secret, space-separated, in the order given (newest first). */
export function signatureHeader(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  if (secrets.length === 0) throw new WebhookSigningError("webhook secrets: at least one is required");
  const signatures = secrets.map((secret) => sign(secret, id, timestampSeconds, body));
  return [...new Set(signatures)].join(" ");
}

/** What one delivery attempt needs to be signed. */
export interface WebhookHeadersArgs {
  /** The event id: the same on every retry, so receivers deduplicate by it. */
  id: string;
  /** Unix seconds of this attempt. */
  timestampSeconds: number;
  /** Exactly the bytes sent, as made by {@link webhookBody}. */
  body: string;
  /** Newest first, as returned by {@link activeSecrets}. */
  secrets: readonly string[];
  userAgent: string;
}

/** The headers of one delivery attempt (Standard Webhooks), all lower-case. */
export function webhookHeaders(args: WebhookHeadersArgs): Record<string, string> {
  return {
    "webhook-id": args.id,
    "webhook-timestamp": checkTimestamp(args.timestampSeconds),
    "webhook-signature": signatureHeader(args.secrets, args.id, args.timestampSeconds, args.body),
    "content-type": "application/json",
    "user-agent": args.userAgent,
  };
}

/**
 * The secrets to sign with, newest first: the previous one too while less than `graceMs` has passed
 * since the rotation, so receivers that still hold it keep verifying.
 */
export function activeSecrets(
  current: string,
  previous: string | null,
  rotatedAt: Date | null,
  graceMs: number,
  now: Date,
): string[] {
  if (previous === null || rotatedAt === null || previous === current) return [current];
  return now.getTime() - rotatedAt.getTime() < graceMs ? [current, previous] : [current];
}
