import { userError, type UserError } from "../errors.js";

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MARKUP = /[<>]/;

/** Rules for one free-text input. */
export interface TextRules {
  /** Minimum length after trimming. @default 0 */
  min?: number;
  max: number;
  /** Allow line breaks (descriptions). @default false */
  multiline?: boolean;
}

/**
 * Trims `value` and checks its length, control characters and markup; problems are pushed to
 * `errors` as userErrors for `input.<field>`. Returns the trimmed value.
 */
export function checkText(value: string, field: string[], rules: TextRules, errors: UserError[]): string {
  const text = value.trim();
  const label = field.join(".");
  const min = rules.min ?? 0;
  if (text.length < min)
    errors.push(
      userError(field, min === 1 ? `${label}: must not be empty` : `${label}: must be at least ${min} characters`),
    );
  if (text.length > rules.max)
    errors.push(userError(field, `${label}: must be at most ${rules.max} characters, got ${text.length}`));
  if (CONTROL_CHARACTERS.test(text) || (!rules.multiline && /[\r\n\t]/.test(text))) {
    errors.push(userError(field, `${label}: must not contain control characters`));
  }
  if (MARKUP.test(text)) errors.push(userError(field, `${label}: must not contain markup (< or >)`));
  return text;
}

/** Deliberately plain: one @, no spaces, a dot in the domain (RFC 5322 allows far more than mailboxes use). */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

/** Checks an absolute http(s) URL without credentials; problems are pushed to `errors` for `field`. */
export function checkUrl(value: string, field: string[], errors: UserError[]): URL | undefined {
  const label = field.join(".");
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    errors.push(userError(field, `${label}: must be an absolute http(s) URL`));
    return undefined;
  }
  if (url.username !== "" || url.password !== "") {
    errors.push(userError(field, `${label}: must not contain a user name or password`));
    return undefined;
  }
  return url;
}

/** Checks an e-mail address; problems are pushed to `errors` for `field`. */
export function checkEmail(value: string, field: string[], errors: UserError[]): string {
  const address = value.trim();
  if (!EMAIL.test(address))
    errors.push(userError(field, `${field.join(".")}: must be an e-mail address such as name@example.com`));
  return address;
}
