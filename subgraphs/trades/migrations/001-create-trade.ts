import { SchemaMigration } from "../../../src/db/migration.js";

/** The trade table; amounts are exact decimals. */
export class CreateTrade extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.createTable("trade", (table) => {
        table.uuid("id").primary();
        table.uuid("bot_id").notNullable();
        table.string("owner_id", 255).notNullable();
        table.string("symbol", 32).notNullable();
        table.string("side", 4).notNullable();
        this.decimal(table, "quantity").notNullable();
        this.decimal(table, "price").notNullable();
        this.decimal(table, "fee").notNullable();
        table.string("fee_currency", 16).notNullable();
        this.decimal(table, "realized_pnl").notNullable();
        table.timestamp("executed_at", { useTz: true }).notNullable();
        table.index(["bot_id", "id"]);
      }),
    );
  }
}
