import { outboxEntity } from "../../src/events/outbox.js";

/** The bots subgraph's outbox table, `bots_outbox`. */
export const botsOutbox = outboxEntity("bots");
