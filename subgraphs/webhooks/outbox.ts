import { outboxEntity } from "../../src/events/outbox.js";

/** The webhooks subgraph's outbox table, `webhooks_outbox`. */
export const webhooksOutbox = outboxEntity("webhooks");
