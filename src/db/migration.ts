import { Migration } from "@mikro-orm/migrations";
import type { Knex } from "@mikro-orm/knex";
import { isSqlite } from "./platform.js";

/**
 * A migration written once for both dialects with knex's schema builder, which emits SQLite or
 * PostgreSQL DDL for the database it runs on.
 */
export abstract class SchemaMigration extends Migration {
  /** Adds the statements `build` produces to this migration. */
  protected schema(build: (schema: Knex.SchemaBuilder) => Knex.SchemaBuilder): void {
    for (const statement of build(this.getKnex().schema).toSQL()) this.addSql(statement.sql);
  }

  /** An exact decimal column: `numeric` on PostgreSQL, `text` on SQLite (see DecimalType). */
  protected decimal(table: Knex.CreateTableBuilder, column: string): Knex.ColumnBuilder {
    return table.specificType(column, isSqlite(this.driver.getPlatform()) ? "text" : "numeric");
  }
}
