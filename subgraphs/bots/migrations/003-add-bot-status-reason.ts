import { SchemaMigration } from "../../../src/db/migration.js";

/** Why the system set a bot to ERROR. */
export class AddBotStatusReason extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.alterTable("bot", (table) => {
        table.text("status_reason");
      }),
    );
  }
}
