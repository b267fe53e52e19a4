import { LRUCache } from "lru-cache";
import { v7 as uuidv7 } from "uuid";
import type { EntityManager } from "../../src/db/orm.js";
import { readJson, type Sql } from "../../src/db/sql.js";
import { unseal } from "../../src/crypto/seal.js";
import { recordEvent, type OutboxEntity } from "../../src/events/outbox.js";
import type { DomainEvent } from "../../src/events/types.js";
import type { WebhookEvent } from "./tasks.js";
import type { BulkJob, TaskQueue } from "../../src/queue/types.js";
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from "./event-types.js";
import { loadPendingDelivery, saveAttemptOutcome } from "./attempt-store.js";
import type { EndpointBreakers } from "./circuit-breaker.js";
import { activeSecrets, webhookBody, webhookHeaders } from "./signature.js";
import { checkDestination, type SsrfPolicy } from "./ssrf.js";
import { DeliveryStatus, WebhookDelivery, type DeliveryAttemptRecord } from "./webhook-delivery.entity.js";
import { type WebhookEndpoint } from "./webhook-endpoint.entity.js";
import { postWebhook, type SendResult } from "./webhook-sender.js";

/** True when an endpoint subscribed to `eventTypes` wants an event of `type`. */
export function wants(eventTypes: readonly string[], type: string): boolean {
  return (
    (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type) &&
    (eventTypes.includes(ALL_EVENTS) || eventTypes.includes(type))
  );
}

/** The job of a delivery's `attempt`-th attempt: one job per attempt, so a redelivered event never doubles one. */
export const deliveryJobId = (deliveryId: string, attempt: number): string => `deliver-${deliveryId}-${attempt}`;

/** The job of a delivery's next attempt, due after `delayMs`. */
function nextAttemptJob(delivery: WebhookDelivery, delayMs: number): BulkJob {
  return {
    task: "webhooks.deliver",
    payload: { deliveryId: delivery.id },
    options: { jobId: deliveryJobId(delivery.id, delivery.attempts.length + 1), delayMs: Math.max(0, delayMs) },
  };
}

/** Queues a delivery's next attempt after `delayMs`. */
export async function enqueueNextAttempt(queue: TaskQueue, delivery: WebhookDelivery, delayMs: number): Promise<void> {
  await queue.enqueueMany([nextAttemptJob(delivery, delayMs)]);
}

/**
 * Queues again, for `at`, an attempt its endpoint's open circuit breaker held back. The job id names
 * the time, as the job that was held back still holds the attempt's own id.
 */
async function postponeAttempt(queue: TaskQueue, delivery: WebhookDelivery, at: Date, now: Date): Promise<void> {
  await queue.enqueue(
    "webhooks.deliver",
    { deliveryId: delivery.id },
    {
      jobId: `${deliveryJobId(delivery.id, delivery.attempts.length + 1)}-after-${at.getTime()}`,
      delayMs: Math.max(0, at.getTime() - now.getTime()),
    },
  );
}

/**
 * Makes one PENDING delivery per enabled endpoint of the event's owner that subscribes to its type,
 * and queues their first attempts. Idempotent by (endpoint, event): the relay delivers events at
 * least once.
 */
export async function fanOut(em: EntityManager, sql: Sql, queue: TaskQueue, event: WebhookEvent): Promise<number> {
  if (event.ownerId === null) return 0;
  // Plain SQL (src/db/sql.ts): every event of an owner asks, and most owners have no endpoint.
  const endpoints = await sql.all<{ id: string; event_types: string[] | string }>(
    'select "id", "event_types" from "webhook_endpoint" where "owner_id" = ? and "enabled" = ?',
    [event.ownerId, true],
  );
  const rows = endpoints
    .filter((endpoint) => wants(readJson(endpoint.event_types), event.type))
    .map((endpoint) => ({
      ...new WebhookDelivery(),
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      event,
    }));
  if (rows.length === 0) return 0;
  await em.createQueryBuilder(WebhookDelivery).insert(rows).onConflict(["endpointId", "eventId"]).ignore().execute();
  const deliveries = await em.find(WebhookDelivery, { eventId: event.id, status: DeliveryStatus.PENDING });
  await queue.enqueueMany(deliveries.map((delivery) => nextAttemptJob(delivery, 0)));
  return rows.length;
}

const RESUME_BATCH = 500;

/** After a restart: every PENDING delivery has its next attempt queued (jobs are deduplicated by id). */
export async function resumePendingDeliveries(em: EntityManager, queue: TaskQueue, now = new Date()): Promise<number> {
  const pending = await em.find(WebhookDelivery, { status: DeliveryStatus.PENDING });
  const jobs = pending.map((delivery) =>
    nextAttemptJob(delivery, (delivery.nextAttemptAt?.getTime() ?? now.getTime()) - now.getTime()),
  );
  // In batches: one Redis transaction per batch, not one holding every pending delivery at once.
  for (let start = 0; start < jobs.length; start += RESUME_BATCH)
    await queue.enqueueMany(jobs.slice(start, start + RESUME_BATCH));
  return pending.length;
}

/** How deliveries are made. */
export interface DeliveryOptions {
  queue: TaskQueue;
  /** Unseals endpoint secrets. */
  secretKey: string;
  policy: SsrfPolicy;
  timeoutMs: number;
  /** Seconds before each attempt: [0] the first, [1] the first retry, …; exhausted means FAILED. */
  retrySchedule: readonly number[];
  userAgent: string;
  /** How long after a rotation deliveries are also signed with the previous secret. */
  rotationGraceMs: number;
  /** An endpoint whose every attempt has failed this long is disabled. */
  disableAfterMs: number;
  /** Where `webhook.endpoint_disabled` events are recorded, with the change. */
  outbox: OutboxEntity;
  /** This process's circuit breakers, one per endpoint. */
  breakers: EndpointBreakers;
  /** 0 ≤ random() < 1, for jitter. @default Math.random */
  random?: () => number;
}

/** Statuses that may carry `Retry-After`, which is then honoured instead of the schedule. */
const RETRY_AFTER_STATUSES = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds from `now`, or undefined. */
export function retryAfterMs(header: string | string[] | undefined, now: Date): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - now.getTime();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** The outcome of one attempt. */
export type AttemptOutcome = "SUCCEEDED" | "FAILED" | "RETRYING" | "SKIPPED" | "POSTPONED";

/**
 * One attempt of a delivery (Standard Webhooks): checks the destination again (DNS can change),
 * signs and POSTs the event, records the attempt, then settles the delivery: 2xx SUCCEEDED; 410
 * disables the endpoint; otherwise the next attempt follows the schedule (with ±10 % jitter, or
 * `Retry-After` on 429/502/503/504) until it is exhausted (FAILED). Redirects are not followed.
 * While the endpoint's circuit breaker is open, the attempt is not made nor counted but POSTPONED.
 */
export async function attemptDelivery(
  em: EntityManager,
  options: DeliveryOptions,
  deliveryId: string,
  now = new Date(),
): Promise<AttemptOutcome> {
  const loaded = await loadPendingDelivery(em, deliveryId);
  if (loaded === null) return "SKIPPED";
  const { delivery, endpoint } = loaded;
  let result: SendResult;
  if (endpoint === null || !endpoint.enabled) {
    options.breakers.forget(delivery.endpointId);
    result = { status: null, headers: {}, body: null, error: "the endpoint is disabled or deleted", durationMs: 0 };
  } else {
    const admission = options.breakers.admit(endpoint.id, now);
    if (!admission.admitted) {
      delivery.nextAttemptAt = admission.retryAt;
      await em.nativeUpdate(WebhookDelivery, { id: delivery.id }, { nextAttemptAt: admission.retryAt });
      await postponeAttempt(options.queue, delivery, admission.retryAt, now);
      return "POSTPONED";
    }
    const destination = await checkDestination(endpoint.url, options.policy);
    if (!destination.ok) {
      result = { status: null, headers: {}, body: null, error: destination.reason, durationMs: 0 };
    } else {
      const body = webhookBody(delivery.event);
      const headers = webhookHeaders({
        id: delivery.event.id,
        timestampSeconds: Math.floor(now.getTime() / 1000),
        body,
        secrets: activeSecrets(
          unsealCached(endpoint.sealedSecret, options.secretKey),
          endpoint.previousSealedSecret === null
            ? null
            : unsealCached(endpoint.previousSealedSecret, options.secretKey),
          endpoint.secretRotatedAt,
          options.rotationGraceMs,
          now,
        ),
        userAgent: options.userAgent,
      });
      result = await postWebhook(destination.url, destination.addresses[0], headers, body, options.timeoutMs);
    }
  }
  const attempt: DeliveryAttemptRecord = {
    attemptedAt: now.toISOString(),
    responseStatus: result.status,
    durationMs: result.durationMs,
    error:
      result.error ??
      (result.status !== null && (result.status < 200 || result.status > 299) ? `HTTP ${result.status}` : null),
    responseBody: result.body,
  };
  delivery.attempts = [...delivery.attempts, attempt];
  const succeeded = result.status !== null && result.status >= 200 && result.status <= 299;
  if (endpoint?.enabled) {
    if (succeeded) options.breakers.succeeded(endpoint.id);
    else options.breakers.failed(endpoint.id, new Date(now.getTime() + result.durationMs));
  }
  let outcome: AttemptOutcome;
  let delayMs = 0;
  const failingBefore = endpoint?.failingSince ?? null;
  const failingSince = endpoint?.enabled ? trackFailures(endpoint, succeeded, now) : null;
  if (succeeded) {
    outcome = "SUCCEEDED";
  } else if (endpoint === null || !endpoint.enabled) {
    outcome = "FAILED";
  } else if (result.status === 410) {
    disableEndpoint(em, options.outbox, endpoint, `The endpoint answered 410 Gone on ${now.toISOString()}.`);
    outcome = "FAILED";
  } else if (failingSince !== null && now.getTime() - failingSince.getTime() >= options.disableAfterMs) {
    const hours = Math.round((options.disableAfterMs / 3_600_000) * 100) / 100;
    disableEndpoint(
      em,
      options.outbox,
      endpoint,
      `Every delivery attempt since ${failingSince.toISOString()} failed (the limit is ${hours} h); the last on ${now.toISOString()}.`,
    );
    outcome = "FAILED";
  } else {
    const scheduled = options.retrySchedule[delivery.attempts.length - delivery.seriesStart];
    const retryAfter =
      result.status !== null && RETRY_AFTER_STATUSES.has(result.status)
        ? retryAfterMs(result.headers["retry-after"], now)
        : undefined;
    if (scheduled === undefined) {
      outcome = "FAILED";
    } else {
      outcome = "RETRYING";
      delayMs = retryAfter ?? Math.round(scheduled * 1000 * (0.9 + 0.2 * (options.random ?? Math.random)()));
    }
  }
  delivery.status =
    outcome === "SUCCEEDED"
      ? DeliveryStatus.SUCCEEDED
      : outcome === "FAILED"
        ? DeliveryStatus.FAILED
        : DeliveryStatus.PENDING;
  delivery.nextAttemptAt = outcome === "RETRYING" ? new Date(now.getTime() + delayMs) : null;
  if (endpoint !== null && !endpoint.enabled) options.breakers.forget(endpoint.id);
  if (endpoint !== null && (endpoint.failingSince !== failingBefore || !endpoint.enabled)) {
    // The endpoint changed too (and may have an event in the outbox): one transaction for all.
    await em.flush();
  } else {
    // The common case, only the delivery changed: one statement instead of a transaction of three.
    await saveAttemptOutcome(em, delivery);
  }
  if (outcome === "RETRYING") await enqueueNextAttempt(options.queue, delivery, delayMs);
  return outcome;
}

/**
 * Endpoint secrets already unsealed, by sealed text (each version of a secret is sealed with its own IV):
 * AES-GCM and key derivation on every attempt cost more than the rest of the signing.
 */
const unsealedSecrets = new LRUCache<string, { secretKey: string; secret: string }>({ max: 10_000 });

function unsealCached(sealed: string, secretKey: string): string {
  const cached = unsealedSecrets.get(sealed);
  if (cached !== undefined && cached.secretKey === secretKey) return cached.secret;
  const secret = unseal(sealed, secretKey);
  unsealedSecrets.set(sealed, { secretKey, secret });
  return secret;
}

/**
 * Keeps an endpoint's failing streak: a success ends it, the first failure after a success starts it.
 * Returns since when the endpoint has been failing, or null.
 */
function trackFailures(endpoint: WebhookEndpoint, succeeded: boolean, now: Date): Date | null {
  if (succeeded) endpoint.failingSince = null;
  else endpoint.failingSince ??= now;
  return endpoint.failingSince;
}

/** Disables an endpoint and records `webhook.endpoint_disabled` in the outbox: both commit on the next flush, or neither. */
function disableEndpoint(em: EntityManager, outbox: OutboxEntity, endpoint: WebhookEndpoint, reason: string): void {
  endpoint.enabled = false;
  endpoint.disabledReason = reason;
  recordEvent(em, outbox, "webhook.endpoint_disabled", {
    ownerId: endpoint.ownerId,
    data: { endpointId: endpoint.id, reason },
  });
}

/** Sends a `webhook.test` event to one endpoint, whatever it subscribes to: a delivery whose first attempt is queued now. */
export async function sendTestDelivery(
  em: EntityManager,
  queue: TaskQueue,
  endpoint: WebhookEndpoint,
  now = new Date(),
): Promise<WebhookDelivery> {
  const event: DomainEvent<"webhook.test"> = {
    id: uuidv7(),
    type: "webhook.test",
    occurredAt: now.toISOString(),
    ownerId: endpoint.ownerId,
    data: { endpointId: endpoint.id, message: "This is a test event from tradebot-graph." },
  };
  const delivery = em.create(WebhookDelivery, {
    endpointId: endpoint.id,
    eventId: event.id,
    eventType: event.type,
    event,
  });
  await em.flush();
  await enqueueNextAttempt(queue, delivery, 0);
  return delivery;
}

/** Starts a new series of attempts for a delivery (the schedule from its start), whatever its state. */
export async function redeliver(
  em: EntityManager,
  queue: TaskQueue,
  delivery: WebhookDelivery,
  now = new Date(),
): Promise<WebhookDelivery> {
  em.assign(delivery, { status: DeliveryStatus.PENDING, seriesStart: delivery.attempts.length, nextAttemptAt: now });
  await em.flush();
  await enqueueNextAttempt(queue, delivery, 0);
  return delivery;
}
