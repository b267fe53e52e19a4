import { SchemaMigration } from "../../../src/db/migration.js";
import { createOutboxTable } from "../../../src/events/outbox.js";

/** The bots_outbox table: bot events, written with the changes that cause them. */
export class CreateBotsOutbox extends SchemaMigration {
  override up(): void {
    this.schema((schema) => createOutboxTable(schema, "bots"));
  }
}
