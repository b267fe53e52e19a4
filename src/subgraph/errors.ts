import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { Directive, Field, ObjectType } from "type-graphql";

/** Every `extensions.code` a client may see (API.md, Conventions). */
export const ErrorCode = {
  BadUserInput: "BAD_USER_INPUT",
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  NotFound: "NOT_FOUND",
  RateLimited: "RATE_LIMITED",
  QueryTooComplex: "QUERY_TOO_COMPLEX",
  InternalServerError: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

/** A client-facing error with a literal code from {@link ErrorCode}. */
export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { ...extensions, code, ...(status === undefined ? {} : { http: { status } }) },
  });
}

/** A formatted error as clients see it: anything without a client-facing code becomes a bare internal error. */
export function maskUnexpected(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.["code"];
  if (code === undefined || code === ErrorCode.InternalServerError) {
    return { message: "Internal server error", extensions: { code: ErrorCode.InternalServerError } };
  }
  return formatted;
}

/** Missing or invalid credentials. */
export const unauthenticated = (message = "You must be signed in to do this."): GraphQLError =>
  clientError(ErrorCode.Unauthenticated, message);

/** Signed in, but not allowed. */
export const forbidden = (message = "You are not allowed to do this."): GraphQLError =>
  clientError(ErrorCode.Forbidden, message);

/** Codes of expected business failures reported as userErrors. */
export const UserErrorCode = {
  Invalid: "INVALID",
  NotFound: "NOT_FOUND",
  InvalidState: "INVALID_STATE",
  Taken: "TAKEN",
  FeatureDisabled: "FEATURE_DISABLED",
} as const;
export type UserErrorCode = (typeof UserErrorCode)[keyof typeof UserErrorCode];

/** An expected failure of a mutation, returned as data (Shopify/GitHub style). */
@Directive("@shareable")
@ObjectType({ description: "An expected failure of a mutation: what is wrong and where." })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "name"].' })
  field?: string[];

  @Field()
  message: string;

  @Field({ description: "A stable code: INVALID, NOT_FOUND, INVALID_STATE, TAKEN, ..." })
  code: string;
}

/** Builds a {@link UserError} for `input.<path>`. */
export function userError(
  path: readonly string[],
  message: string,
  code: UserErrorCode = UserErrorCode.Invalid,
): UserError {
  return Object.assign(new UserError(), { field: path.length > 0 ? ["input", ...path] : undefined, message, code });
}

/** Builds a {@link UserError} for a top-level argument such as `id`. */
export function argumentError(
  argument: string,
  message: string,
  code: UserErrorCode = UserErrorCode.Invalid,
): UserError {
  return Object.assign(new UserError(), { field: [argument], message, code });
}
