import { SchemaMigration } from "../../../src/db/migration.js";
import { createOutboxTable } from "../../../src/events/outbox.js";

/** Orders (idempotent per bot and client key), positions, tickers, the trade's order, and the trades outbox. */
export class CreateOrders extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema
        .createTable("trade_order", (table) => {
          table.uuid("id").primary();
          table.uuid("bot_id").notNullable();
          table.string("owner_id", 255).notNullable();
          table.string("client_order_id", 64).notNullable();
          table.string("symbol", 32).notNullable();
          table.string("side", 4).notNullable();
          table.string("type", 8).notNullable();
          this.decimal(table, "quantity").notNullable();
          this.decimal(table, "limit_price");
          table.string("status", 16).notNullable();
          table.string("reject_reason", 64);
          table.uuid("trade_id");
          table.timestamp("created_at", { useTz: true }).notNullable();
          table.timestamp("updated_at", { useTz: true }).notNullable();
          table.unique(["bot_id", "client_order_id"]);
          table.index(["bot_id", "id"]);
        })
        .createTable("bot_position", (table) => {
          table.uuid("bot_id").primary();
          table.string("owner_id", 255).notNullable();
          table.string("symbol", 32).notNullable();
          this.decimal(table, "quantity").notNullable();
          this.decimal(table, "cost_basis").notNullable();
          this.decimal(table, "realized_pnl").notNullable();
          this.decimal(table, "fees").notNullable();
          this.decimal(table, "volume").notNullable();
          table.integer("trade_count").notNullable();
          table.integer("winning_trades").notNullable();
          table.integer("losing_trades").notNullable();
          table.timestamp("updated_at", { useTz: true }).notNullable();
        })
        .createTable("ticker", (table) => {
          table.string("symbol", 32).primary();
          this.decimal(table, "price").notNullable();
          table.timestamp("updated_at", { useTz: true }).notNullable();
        })
        .alterTable("trade", (table) => {
          table.uuid("order_id");
        }),
    );
    this.schema((schema) => createOutboxTable(schema, "trades"));
  }
}
