import { applyMiddleware } from "graphql-middleware";
import { allow, deny, rule, shield, type IRule } from "graphql-shield";
import {
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { canWrite, isAdmin as viewerIsAdmin, type Viewer } from "../auth/viewer.js";
import { forbidden, unauthenticated } from "./errors.js";

export { allow, deny };

/** One graphql-shield rule. */
export type ShieldRule = IRule | typeof allow | typeof deny;
type IRuleFieldMap = Record<string, ShieldRule>;
/** A subgraph's rules: per type, one rule for every field or a rule per field (API.md, Identity). */
export type PermissionMap = Readonly<Record<string, ShieldRule | IRuleFieldMap>>;

interface ViewerContext {
  viewer: Viewer | null;
}

/** Signed in, any role. */
export const isAuthenticated: ShieldRule = rule("isAuthenticated", { cache: "contextual" })(
  (_parent, _args, ctx: ViewerContext) => ctx.viewer !== null || unauthenticated(),
);

/** May change what they own: a trader or an admin; a viewer only reads. */
export const isTrader: ShieldRule = rule("isTrader", { cache: "contextual" })((_parent, _args, ctx: ViewerContext) => {
  if (ctx.viewer === null) return unauthenticated();
  return canWrite(ctx.viewer) || forbidden("This needs the trader or admin role; a viewer only reads.");
});

/** An admin. */
export const isAdmin: ShieldRule = rule("isAdmin", { cache: "contextual" })((_parent, _args, ctx: ViewerContext) => {
  if (ctx.viewer === null) return unauthenticated();
  return viewerIsAdmin(ctx.viewer) || forbidden("Only admins can do this.");
});

/** The same rule for each named type (for types reached only through fields that already checked). */
export function typesOpenTo(typeRule: ShieldRule, typeNames: readonly string[]): PermissionMap {
  return Object.fromEntries(typeNames.map((name) => [name, typeRule]));
}

/** Field names of a `@key(fields: "...")` selection, top level only (nested keys open their own types). */
function keyFieldNames(directive: ConstDirectiveNode): string[] {
  const fields = directive.arguments?.find((argument) => argument.name.value === "fields")?.value;
  if (fields?.kind !== Kind.STRING) return [];
  const names: string[] = [];
  let depth = 0;
  for (const token of fields.value.match(/[{}]|[_A-Za-z][_0-9A-Za-z]*/g) ?? []) {
    if (token === "{") depth++;
    else if (token === "}") depth--;
    else if (depth === 0) names.push(token);
  }
  return names;
}

function keyFieldsOf(type: GraphQLObjectType): string[] {
  const nodes = [type.astNode, ...type.extensionASTNodes];
  return nodes.flatMap((node) =>
    (node?.directives ?? []).filter((d) => d.name.value === "key").flatMap((d) => keyFieldNames(d)),
  );
}

/**
 * Federation's own machinery, open to every caller the subgraph already let in (the gateway's
 * token is checked before execution): `_service`, `_entities`, `_Service` and each entity's key
 * fields, which the gateway needs to join entities. `_entities` itself applies the entity's
 * reference resolver, which answers null for what the viewer may not see.
 */
function federationRules(schema: GraphQLSchema): PermissionMap {
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  const rules: Record<string, IRuleFieldMap> = {
    // `_entities` exists only in a subgraph that defines entities.
    Query: Object.fromEntries(["_service", "_entities"].filter((f) => f in queryFields).map((f) => [f, allow])),
  };
  if (schema.getType("_Service") !== undefined) rules["_Service"] = { sdl: allow };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const keys = keyFieldsOf(type);
    if (keys.length > 0) rules[type.name] = Object.fromEntries(keys.map((name) => [name, allow]));
  }
  return rules;
}

/** Merges the subgraph's map over federation's; a type-wide rule of the subgraph keeps the key fields open. */
function withFederation(schema: GraphQLSchema, permissions: PermissionMap): PermissionMap {
  const merged: Record<string, ShieldRule | IRuleFieldMap> = { ...permissions };
  for (const [typeName, federation] of Object.entries(federationRules(schema))) {
    const own = permissions[typeName];
    if (own === undefined) merged[typeName] = federation;
    else if (isFieldMap(own)) merged[typeName] = { ...federation, ...own };
    else merged[typeName] = { ...federation, "*": own };
  }
  return merged;
}

function isFieldMap(value: ShieldRule | IRuleFieldMap): value is IRuleFieldMap {
  return !("resolve" in value && typeof value.resolve === "function");
}

/**
 * The subgraph's schema behind graphql-shield: every field answers only when a rule of `permissions`
 * (or federation's machinery) opens it; any other field, e.g. one added later without a rule, is
 * FORBIDDEN. Errors thrown by resolvers pass through unchanged.
 */
export function applyPermissions(schema: GraphQLSchema, permissions: PermissionMap): GraphQLSchema {
  const middleware = shield(withFederation(schema, permissions), {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: (_error, _parent, _args, _ctx, info) =>
      forbidden(`No permission rule opens ${info.parentType.name}.${info.fieldName}.`),
  }).generate(schema);
  const guarded = applyMiddleware(schema, middleware);
  guardSubscribe(guarded, (middleware as Record<string, unknown>)["Subscription"]);
  return guarded;
}

type FieldMiddleware = (
  resolve: GraphQLFieldResolver<unknown, unknown>,
  ...rest: Parameters<GraphQLFieldResolver<unknown, unknown>>
) => unknown;

/** Shield gives a rule as a function, or (logic rules such as deny) as `{ resolve }`. */
function middlewareFunction(value: unknown): FieldMiddleware | undefined {
  if (typeof value === "function") return value as FieldMiddleware;
  const resolve = (value as { resolve?: unknown } | undefined)?.resolve;
  return typeof resolve === "function" ? (resolve as FieldMiddleware) : undefined;
}

/**
 * graphql-middleware wraps a subscription field's `resolve` (run per event) when it has one, as
 * type-graphql's do, and leaves `subscribe` open: without this a refused subscriber would still be
 * attached to the event source. Each `subscribe` runs the field's rule first.
 */
function guardSubscribe(schema: GraphQLSchema, fields: unknown): void {
  const subscription = schema.getSubscriptionType();
  if (subscription === null || subscription === undefined || typeof fields !== "object" || fields === null) return;
  for (const [name, field] of Object.entries(subscription.getFields())) {
    const rule = middlewareFunction((fields as Record<string, unknown>)[name]);
    const subscribe = field.subscribe;
    if (rule === undefined || subscribe === undefined) continue;
    field.subscribe = (source, args, context, info) => rule(subscribe, source, args, context, info);
  }
}
