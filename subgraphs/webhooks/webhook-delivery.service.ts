import type { EntityManager } from "../../src/db/orm.js";
import type { DomainEvent } from "../../src/events/types.js";
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from "./event-types.js";
import { WebhookDelivery } from "./webhook-delivery.entity.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";

/** True when an endpoint subscribed to `eventTypes` wants an event of `type`. */
export function wants(eventTypes: readonly string[], type: string): boolean {
  return (
    (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type) &&
    (eventTypes.includes(ALL_EVENTS) || eventTypes.includes(type))
  );
}

/**
 * Makes one PENDING delivery per enabled endpoint of the event's owner that subscribes to its type.
 * Idempotent by (endpoint, event): the relay delivers events at least once.
 */
export async function fanOut(em: EntityManager, event: DomainEvent): Promise<number> {
  if (event.ownerId === null || !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(event.type)) return 0;
  const endpoints = await em.find(WebhookEndpoint, { ownerId: event.ownerId, enabled: true });
  const rows = endpoints
    .filter((endpoint) => wants(endpoint.eventTypes, event.type))
    .map((endpoint) => ({
      ...new WebhookDelivery(),
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      event,
    }));
  if (rows.length === 0) return 0;
  await em.createQueryBuilder(WebhookDelivery).insert(rows).onConflict(["endpointId", "eventId"]).ignore().execute();
  return rows.length;
}
