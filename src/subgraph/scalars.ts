import { Decimal } from "../money/decimal.js";
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { BuildSchemaOptions } from "type-graphql";

const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

function parseDecimal(value: unknown): Decimal {
  if (typeof value !== "string" || !DECIMAL_PATTERN.test(value)) {
    throw new GraphQLError(`Decimal must be a string such as "0.3", got ${JSON.stringify(value)}`);
  }
  return new Decimal(value);
}

/** `Decimal`: an exact decimal carried as a string on the wire, `decimal.js` in code. */
export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: "Decimal",
  description: 'An exact decimal number as a string, e.g. "0.3". Never a float.',
  serialize(value) {
    // isDecimal also recognises instances of Decimal clones (e.g. a higher-precision one for money).
    if (Decimal.isDecimal(value)) return value.toFixed();
    return parseDecimal(value).toFixed();
  },
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Decimal must be written as a string, e.g. "0.3"');
    return parseDecimal(ast.value);
  },
});

/** `DateTime` (ISO 8601, UTC) and `JSON`, as graphql-scalars defines them. */
export const DateTimeScalar = DateTimeResolver;
export const JSONScalar = JSONResolver;

/** Maps TypeScript types to the scalars above for type-graphql. */
export const scalarsMap: NonNullable<BuildSchemaOptions["scalarsMap"]> = [
  { type: Date, scalar: DateTimeScalar },
  { type: Decimal, scalar: DecimalScalar },
];
