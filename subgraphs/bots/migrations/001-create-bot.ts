import { SchemaMigration } from "../../../src/db/migration.js";

/** The bot table. */
export class CreateBot extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.createTable("bot", (table) => {
        table.uuid("id").primary();
        table.string("name", 100).notNullable();
        table.string("owner_id", 255).notNullable();
        table.string("exchange", 64).notNullable();
        table.string("symbol", 32).notNullable();
        table.string("strategy", 64).notNullable();
        table.jsonb("config").notNullable();
        table.string("status", 16).notNullable();
        table.timestamp("created_at", { useTz: true }).notNullable();
        table.timestamp("updated_at", { useTz: true }).notNullable();
        table.index(["owner_id", "id"]);
      }),
    );
  }
}
