import { SchemaMigration } from "../../../src/db/migration.js";
import { createOutboxTable } from "../../../src/events/outbox.js";

/** The flags_outbox table: `flag.updated` events, written with the changes that cause them. */
export class CreateFlagsOutbox extends SchemaMigration {
  override up(): void {
    this.schema((schema) => createOutboxTable(schema, "flags"));
  }
}
