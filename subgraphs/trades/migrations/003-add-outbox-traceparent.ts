import { SchemaMigration } from "../../../src/db/migration.js";
import { addOutboxTraceparent } from "../../../src/events/outbox.js";

/** trades_outbox.traceparent: the fill's events and their webhooks join the trace of the submitOrder. */
export class AddTradesOutboxTraceparent extends SchemaMigration {
  override up(): void {
    this.schema((schema) => addOutboxTraceparent(schema, "trades"));
  }
}
