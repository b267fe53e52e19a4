import { SchemaMigration } from "../../../src/db/migration.js";

/** The feature_flag table. */
export class CreateFeatureFlag extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.createTable("feature_flag", (table) => {
        table.string("key", 64).primary();
        table.text("description");
        table.boolean("enabled").notNullable();
        table.integer("rollout_percentage").notNullable();
        table.jsonb("allow_user_ids").notNullable();
        table.jsonb("deny_user_ids").notNullable();
        table.jsonb("variants").notNullable();
        table.timestamp("updated_at", { useTz: true }).notNullable();
      }),
    );
  }
}
