/** A Decimal string cut to `digits` decimal places, without trailing zeros (the exact value stays a string). */
export function decimal(value: string | null | undefined, digits = 8): string {
  if (value == null) return "—";
  const [whole, fraction = ""] = value.split(".");
  const cut = fraction.slice(0, digits).replace(/0+$/, "");
  return cut === "" ? (whole ?? value) : `${whole}.${cut}`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** An ISO date-time in the viewer's locale and time zone. */
export function dateTime(value: string | null | undefined): string {
  return value == null ? "—" : dateTimeFormat.format(new Date(value));
}

/** A ratio (0–1) as a percentage, or a dash when there is none. */
export function percent(ratio: number | null | undefined): string {
  return ratio == null ? "—" : `${(ratio * 100).toFixed(1)} %`;
}

/** A CSS class for a signed Decimal string: gains green, losses red. */
export function signClass(value: string): string {
  if (value.startsWith("-")) return "negative";
  return /[1-9]/.test(value) ? "positive" : "";
}
