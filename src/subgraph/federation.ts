import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";
import { scalarsMap } from "./scalars.js";

/** Federation directives any subgraph may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/**
 * Subscriptions here take their events from the request context (`subscribe` option), never from
 * type-graphql topics; type-graphql still wants a PubSub to exist.
 */
const TOPICS_UNUSED: NonNullable<BuildSchemaOptions["pubSub"]> = {
  publish() {
    throw new Error("subscriptions use the `subscribe` option with context.live, not topics");
  },
  subscribe() {
    throw new Error("subscriptions use the `subscribe` option with context.live, not topics");
  },
};

/** `__resolveReference` per entity type name. */
export type ReferenceResolvers = Record<string, (reference: { id: string }, context: never) => unknown>;

/** Options for {@link buildFederatedSchema}. */
export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions["resolvers"];
  orphanedTypes?: BuildSchemaOptions["orphanedTypes"];
  referenceResolvers?: ReferenceResolvers;
  /** Instantiates resolver classes. */
  container: BuildSchemaOptions["container"];
}

/**
 * The one federation helper: builds a type-graphql schema, prints it with its directives, adds the
 * federation `@link` that type-graphql does not emit, and turns it into an Apollo subgraph schema.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: options.container,
    scalarsMap,
    pubSub: TOPICS_UNUSED,
    validate: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = {
      ...resolvers[typeName],
      __resolveReference: resolveReference,
    } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}
