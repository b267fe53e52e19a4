import { SchemaMigration } from "../../../src/db/migration.js";
import { addOutboxTraceparent } from "../../../src/events/outbox.js";

/** bots_outbox.traceparent: the relay's jobs join the trace of the request that recorded the event. */
export class AddBotsOutboxTraceparent extends SchemaMigration {
  override up(): void {
    this.schema((schema) => addOutboxTraceparent(schema, "bots"));
  }
}
