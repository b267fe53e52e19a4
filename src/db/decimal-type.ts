import { Decimal } from "decimal.js";
import { Type, type Platform } from "@mikro-orm/core";
import { isSqlite } from "./platform.js";

/**
 * Money and quantities as exact decimals: `numeric` on PostgreSQL, `text` on SQLite (whose NUMERIC
 * affinity would turn "0.3" into a float). Never a JavaScript number on the way.
 */
export class DecimalType extends Type<Decimal | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: Decimal | string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return new Decimal(value).toFixed();
  }

  override convertToJSValue(value: string | number | null | undefined): Decimal | null | undefined {
    if (value === null || value === undefined) return value;
    return new Decimal(value);
  }

  override compareAsType(): string {
    return "string";
  }

  override getColumnType(_prop: unknown, platform: Platform): string {
    return isSqlite(platform) ? "text" : "numeric";
  }
}
