import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromAST,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { ErrorCode } from "../../src/subgraph/errors.js";

/** Options of {@link useQueryLimits}; each limit is named after its config key in errors. */
export interface QueryLimitOptions {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Each field costs 1 × the list sizes above it: a field's `first` argument, else {@link DEFAULT_LIST_SIZE}. */
  maxCost: number;
  /** Hide "Did you mean …?" suggestions, which reveal the schema. */
  hideSuggestions: boolean;
}

/** What a list without a `first` argument is assumed to hold. */
export const DEFAULT_LIST_SIZE = 10;

/** QUERY_TOO_COMPLEX naming the limit (`limit`: its config key, `max`: its value). */
export function queryTooComplex(limit: keyof QueryLimitOptions, max: number, detail: string): GraphQLError {
  return new GraphQLError(`Query too complex: ${detail} (limit ${limit} = ${max}).`, {
    extensions: { code: ErrorCode.QueryTooComplex, limit, max },
  });
}

/** graphql-armor's message without its "Syntax Error: " prefix, lower-cased at the start. */
const detailOf = (error: GraphQLError): string => {
  const text = error.message.replace(/^Syntax Error:\s*/, "").replace(/\.$/, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
};

/** An armor rule reports through `context.reportError` instead of throwing its own error. */
function reporting(limit: keyof QueryLimitOptions, max: number) {
  return {
    n: max,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(queryTooComplex(limit, max, detailOf(error))),
    ],
  };
}

function listSize(fieldNode: FieldNode, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>) {
  const first = field.args.find((argument) => argument.name === "first");
  if (first !== undefined) {
    const given = fieldNode.arguments?.find((argument) => argument.name.value === "first");
    const value: unknown = given === undefined ? first.defaultValue : valueFromAST(given.value, first.type, variables);
    return typeof value === "number" && value > 0 ? value : DEFAULT_LIST_SIZE;
  }
  // A connection's `edges`/`nodes` hold what its `first` already counted.
  if (field.name === "edges" || field.name === "nodes") return 1;
  return isListType(getNullableType(field.type)) ? DEFAULT_LIST_SIZE : 1;
}

/**
 * The cost of the operation to run: every field costs 1, multiplied by the sizes of the lists it
 * sits in (taken from `first`, with this request's variables). A fragment's cost is computed once,
 * so fragment bombs cost nothing extra to measure; counting stops once past `stopAbove`.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  stopAbove = Number.MAX_SAFE_INTEGER,
): number {
  const operation = getOperationAST(document, operationName);
  if (operation === null || operation === undefined) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fragmentCosts = new Map<string, number>();
  const costOf = (selectionSet: SelectionSetNode, type: GraphQLNamedType | null | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (total > stopAbove) return total;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith("__")) continue;
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        if (field === undefined) continue;
        const children = selection.selectionSet
          ? costOf(selection.selectionSet, getNamedType(field.type)) * listSize(selection, field, variables)
          : 0;
        total += 1 + children;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += costOf(selection.selectionSet, on);
      } else {
        const name = selection.name.value;
        let cost = fragmentCosts.get(name);
        if (cost === undefined) {
          fragmentCosts.set(name, 0); // a cycle (refused by validation anyway) adds nothing
          const fragment = fragments.get(name);
          cost = fragment ? costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)) : 0;
          fragmentCosts.set(name, cost);
        }
        total += cost;
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, schema.getRootType(operation.operation));
}

/**
 * Query limits at the gateway, before anything reaches a subgraph: tokens (at parse), depth,
 * aliases, directives (graphql-armor) and cost (list sizes from `first`), each refused with
 * QUERY_TOO_COMPLEX naming the limit; field suggestions hidden on request.
 */
export function useQueryLimits(options: QueryLimitOptions): GatewayPlugin {
  const checkCost = (args: ExecutionArgs): void => {
    const { maxCost } = options;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const cost = operationCost(args.schema, args.document, args.operationName, variables, maxCost);
    if (cost > maxCost) throw queryTooComplex("maxCost", maxCost, `its cost is more than ${maxCost}`);
  };
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        maxTokensPlugin({
          n: options.maxTokens,
          onReject: [
            (_context, error) => {
              throw queryTooComplex("maxTokens", options.maxTokens, detailOf(error));
            },
          ],
        }),
      );
      if (options.hideSuggestions) addPlugin(blockFieldSuggestionsPlugin());
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxDepthRule(reporting("maxDepth", options.maxDepth)));
      addValidationRule(maxAliasesRule(reporting("maxAliases", options.maxAliases)));
      addValidationRule(maxDirectivesRule(reporting("maxDirectives", options.maxDirectives)));
    },
    // Cost depends on the variables (`first: $n`), so it is measured per execution, not in the
    // validation rules, whose results are cached per document.
    onExecute({ args }) {
      checkCost(args);
    },
    onSubscribe({ args }) {
      checkCost(args);
    },
  };
}
