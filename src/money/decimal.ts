/** Money and quantities: exact decimals (decimal.js) from the wire to the database, never floats. */
export { Decimal } from "decimal.js";
