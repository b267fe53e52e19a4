import { outboxEntity } from "../../src/events/outbox.js";

/** The trades subgraph's outbox table, `trades_outbox`. */
export const tradesOutbox = outboxEntity("trades");
