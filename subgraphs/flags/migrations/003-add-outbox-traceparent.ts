import { SchemaMigration } from "../../../src/db/migration.js";
import { addOutboxTraceparent } from "../../../src/events/outbox.js";

/** flags_outbox.traceparent: flag.updated joins the trace of the change that recorded it. */
export class AddFlagsOutboxTraceparent extends SchemaMigration {
  override up(): void {
    this.schema((schema) => addOutboxTraceparent(schema, "flags"));
  }
}
