import { execute, parse, subscribe, type ExecutionResult, type GraphQLSchema } from "graphql";
import { Arg, Directive, Field, ID, Mutation, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../src/auth/viewer.js";
import { isAuthenticated, isTrader } from "../../src/subgraph/permissions.js";
import { buildSubgraphSchema, type SubgraphDefinition, type SubgraphServices } from "../../src/subgraph/subgraph.js";

@ObjectType()
@Directive('@key(fields: "id")')
class Widget {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "Added without a rule: must stay closed." })
  secret: string;
}

const widget = (id: string): Widget => Object.assign(new Widget(), { id, name: `widget ${id}`, secret: "s3cret" });

async function* once(): AsyncGenerator<Widget> {
  await Promise.resolve();
  yield widget("live");
}

@Resolver(() => Widget)
class WidgetResolver {
  @Query(() => Widget)
  widget(@Arg("id", () => ID) id: string): Widget {
    return widget(id);
  }

  @Query(() => String, { description: "Added without a rule: must stay closed." })
  unlisted(): string {
    return "leaked";
  }

  @Mutation(() => Widget)
  renameWidget(@Arg("id", () => ID) id: string): Widget {
    return widget(id);
  }

  @Subscription(() => Widget, { subscribe: () => once() })
  widgetChanged(@Root() payload: Widget): Widget {
    return payload;
  }

  @Subscription(() => Widget, { subscribe: () => once(), description: "Without a rule." })
  widgetLeaked(@Root() payload: Widget): Widget {
    return payload;
  }
}

const definition: SubgraphDefinition = {
  name: "bots",
  entities: [],
  migrations: [],
  resolvers: [WidgetResolver],
  referenceResolvers: { Widget: (reference: { id: string }) => widget(reference.id) },
  permissions: {
    Query: { widget: isAuthenticated },
    Mutation: { renameWidget: isTrader },
    Subscription: { widgetChanged: isAuthenticated },
    Widget: { name: isAuthenticated },
  },
  createLoaders: () => ({}),
};

const alice: Viewer = { id: "alice", roles: ["trader"] };
const vera: Viewer = { id: "vera", roles: ["viewer"] };
let schema: GraphQLSchema;

async function run(query: string, viewer: Viewer | null): Promise<ExecutionResult> {
  return execute({ schema, document: parse(query), contextValue: { viewer } });
}

const codes = (result: ExecutionResult): unknown[] => (result.errors ?? []).map((e) => e.extensions["code"]);

describe("permissions applied by the subgraph factory (graphql-shield, fallback deny)", () => {
  beforeAll(async () => {
    schema = await buildSubgraphSchema(definition, {} as SubgraphServices);
  });

  it("answers a field its rule opens", async () => {
    const result = await run('{ widget(id: "1") { id name } }', alice);
    expect(result).toEqual({ data: { widget: { id: "1", name: "widget 1" } } });
  });

  it("denies a root field no rule lists with FORBIDDEN naming it", async () => {
    const result = await run("{ unlisted }", alice);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.message).toBe("No permission rule opens Query.unlisted.");
    expect(codes(result)).toEqual(["FORBIDDEN"]);
  });

  it("denies an object field no rule lists, even under an open root field", async () => {
    const result = await run('{ widget(id: "1") { name secret } }', alice);
    expect(result.errors?.map((e) => e.message)).toEqual(["No permission rule opens Widget.secret."]);
    expect(JSON.stringify(result.data)).not.toContain("s3cret");
  });

  it("answers UNAUTHENTICATED without a viewer and FORBIDDEN for a read-only viewer's write", async () => {
    expect(codes(await run('{ widget(id: "1") { id } }', null))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await run('mutation { renameWidget(id: "1") { id } }', vera))).toEqual(["FORBIDDEN"]);
    expect((await run('mutation { renameWidget(id: "1") { id } }', alice)).errors).toBeUndefined();
  });

  it("keeps federation's machinery open: _service, _entities and entity key fields", async () => {
    const sdl = await run("{ _service { sdl } }", null);
    expect(sdl.errors).toBeUndefined();
    const entities = await run(
      '{ _entities(representations: [{ __typename: "Widget", id: "7" }]) { ... on Widget { id name } } }',
      alice,
    );
    expect(entities).toEqual({ data: { _entities: [{ id: "7", name: "widget 7" }] } });
  });

  it("guards subscriptions: an unlisted one is refused, a listed one needs its rule", async () => {
    const refused = (await subscribe({
      schema,
      document: parse("subscription { widgetLeaked { id } }"),
      contextValue: { viewer: alice },
    })) as ExecutionResult;
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    const anonymous = (await subscribe({
      schema,
      document: parse("subscription { widgetChanged { id } }"),
      contextValue: { viewer: null },
    })) as ExecutionResult;
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    const stream = (await subscribe({
      schema,
      document: parse("subscription { widgetChanged { id } }"),
      contextValue: { viewer: alice },
    })) as AsyncIterableIterator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { widgetChanged: { id: "live" } } });
    await stream.return?.();
  });
});
