import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { applyMiddleware, type IMiddlewareFunction } from "graphql-middleware";
import { clientError, ErrorCode, UserError, UserErrorCode } from "../errors.js";

/** Longest string any argument may hold (a field's own rule may be stricter). */
export const MAX_STRING_LENGTH = 2000;
/** Longest ID argument. */
export const MAX_ID_LENGTH = 128;

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAKS_OR_TABS = /[\t\r\n]/;

/** Names of input fields whose text may span lines. */
const MULTILINE = new Set(["description"]);

/** A userError for `path`; its message starts with the path below `input` (as the services' do). */
function problem(path: readonly (string | number)[], message: string): UserError {
  const field = path.map(String);
  const label = (field[0] === "input" && field.length > 1 ? field.slice(1) : field).join(".");
  return Object.assign(new UserError(), { field, message: `${label}: ${message}`, code: UserErrorCode.Invalid });
}

function checkString(value: string, path: readonly (string | number)[], isId: boolean, problems: UserError[]): void {
  const name = [...path].reverse().find((segment): segment is string => typeof segment === "string") ?? "";
  const max = isId ? MAX_ID_LENGTH : MAX_STRING_LENGTH;
  if (value.length > max) problems.push(problem(path, `must be at most ${max} characters, got ${value.length}`));
  if (CONTROL.test(value) || (!MULTILINE.has(name) && LINE_BREAKS_OR_TABS.test(value)))
    problems.push(problem(path, "must not contain control characters"));
}

/** Strings inside a JSON argument: control characters and length (line breaks allowed). */
function checkJson(value: unknown, path: (string | number)[], problems: UserError[], depth = 0): void {
  if (depth > 32) {
    problems.push(problem(path, "is nested too deeply (at most 32 levels)"));
    return;
  }
  if (typeof value === "string") {
    if (value.length > MAX_STRING_LENGTH)
      problems.push(problem(path, `must be at most ${MAX_STRING_LENGTH} characters, got ${value.length}`));
    if (CONTROL.test(value)) problems.push(problem(path, "must not contain control characters"));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkJson(item, [...path, index], problems, depth + 1));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) checkJson(item, [...path, key], problems, depth + 1);
  }
}

function checkValue(value: unknown, type: GraphQLInputType, path: (string | number)[], problems: UserError[]): void {
  if (value === null || value === undefined) return;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    if (Array.isArray(value))
      value.forEach((item, index) => checkValue(item, nullable.ofType, [...path, index], problems));
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field !== undefined) checkValue(item, field.type, [...path, name], problems);
    }
    return;
  }
  if (!isScalarType(nullable)) return;
  if (typeof value === "string") checkString(value, path, nullable.name === "ID", problems);
  else if (nullable.name === "JSON") checkJson(value, path, problems);
}

/**
 * Every problem of a field's arguments at once: control characters (line breaks only in
 * descriptions; bidi overrides never) and length of every string, IDs and strings inside JSON
 * included; each a userError whose `field` is the argument path, e.g. `["input", "name"]`. What
 * a value means (markup in names, URLs, e-mail addresses) is checked with the domain's own rules
 * by `checkText`/`checkUrl`/`checkEmail` (text.ts), so that those problems are reported together.
 */
export function argumentProblems(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): UserError[] {
  const problems: UserError[] = [];
  for (const argument of field.args) checkValue(args[argument.name], argument.type, [argument.name], problems);
  return problems;
}

/**
 * Checks the arguments of every field that takes some (federation's own `_` fields aside) before
 * its resolver runs: a mutation whose payload has `userErrors` answers with all of them and
 * nothing else; any other field fails with BAD_USER_INPUT listing them in `extensions.userErrors`.
 */
export function applyInputHygiene(schema: GraphQLSchema): GraphQLSchema {
  const middleware: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0 || field.name.startsWith("_")) continue;
      const payload = getNamedType(field.type);
      const reportsUserErrors = isObjectType(payload) && "userErrors" in payload.getFields();
      (middleware[type.name] ??= {})[field.name] = async (
        resolve,
        parent,
        args: Record<string, unknown>,
        ctx,
        info,
      ) => {
        const problems = argumentProblems(field, args);
        if (problems.length === 0) return (await resolve(parent, args, ctx, info)) as unknown;
        if (reportsUserErrors) return { userErrors: problems };
        throw clientError(ErrorCode.BadUserInput, problems.map((p) => p.message).join("; "), {
          userErrors: problems.map(({ field: path, message, code }) => ({ field: path, message, code })),
        });
      };
    }
  }
  return applyMiddleware(schema, middleware);
}
