import { outboxEntity } from "../../src/events/outbox.js";

/** The flags subgraph's outbox table, `flags_outbox`: `flag.updated` events. */
export const flagsOutbox = outboxEntity("flags");
