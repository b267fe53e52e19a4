import { execute, parse, type ExecutionResult, type GraphQLSchema } from "graphql";
import { Arg, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/subgraph/errors.js";
import { JSONScalar } from "../../src/subgraph/scalars.js";
import { allow } from "../../src/subgraph/permissions.js";
import { checkEmail, checkText, checkUrl } from "../../src/subgraph/validation/text.js";
import { buildSubgraphSchema, type SubgraphDefinition, type SubgraphServices } from "../../src/subgraph/subgraph.js";

@InputType()
class ProfileInput {
  @Field()
  name: string;

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true })
  url?: string;

  @Field({ nullable: true })
  email?: string;

  @Field(() => [String], { nullable: true })
  tags?: string[];

  @Field(() => JSONScalar, { nullable: true })
  settings?: unknown;
}

@ObjectType()
class SaveProfilePayload {
  @Field({ nullable: true })
  saved?: boolean;

  @Field(() => [UserError])
  userErrors: UserError[];
}

let resolverRuns = 0;

@Resolver()
class ProfileResolver {
  @Mutation(() => SaveProfilePayload)
  saveProfile(@Arg("input", () => ProfileInput) _input: ProfileInput): SaveProfilePayload {
    resolverRuns++;
    return { saved: true, userErrors: [] };
  }

  @Query(() => String)
  lookup(@Arg("id", () => ID) id: string): string {
    return id;
  }
}

const definition: SubgraphDefinition = {
  name: "admin",
  entities: [],
  migrations: [],
  resolvers: [ProfileResolver],
  permissions: { Query: allow, Mutation: allow, SaveProfilePayload: allow, UserError: allow },
  createLoaders: () => ({}),
};

let schema: GraphQLSchema;
const run = (query: string, variables?: Record<string, unknown>) =>
  execute({ schema, document: parse(query), variableValues: variables, contextValue: { viewer: null } }) as Promise<
    ExecutionResult<Record<string, { saved: boolean | null; userErrors: UserError[] }>>
  >;
const SAVE =
  "mutation($input: ProfileInput!) { saveProfile(input: $input) { saved userErrors { field message code } } }";

describe("input hygiene applied to every argument by the subgraph factory", () => {
  beforeAll(async () => {
    schema = await buildSubgraphSchema(definition, {} as SubgraphServices);
  });

  it("reports every problem of one input together, with field paths, and does not run the resolver", async () => {
    const before = resolverRuns;
    const result = await run(SAVE, {
      input: {
        name: "<b>Alice</b>\u0007",
        description: "two\nlines are fine \u202E but not a bidi override",
        url: "https://example.com/",
        tags: ["ok", "x".repeat(2001)],
        settings: { nested: ["fine", "bell\u0007"] },
      },
    });
    expect(resolverRuns).toBe(before);
    expect(result.data?.["saveProfile"]?.saved).toBeNull();
    expect(result.data?.["saveProfile"]?.userErrors).toEqual([
      { field: ["input", "name"], message: "name: must not contain control characters", code: "INVALID" },
      { field: ["input", "description"], message: "description: must not contain control characters", code: "INVALID" },
      { field: ["input", "tags", "1"], message: "tags.1: must be at most 2000 characters, got 2001", code: "INVALID" },
      {
        field: ["input", "settings", "nested", "1"],
        message: "settings.nested.1: must not contain control characters",
        code: "INVALID",
      },
    ]);
  });

  it("checks names, URLs and e-mail addresses with the shared rules, all problems together", () => {
    const errors: UserError[] = [];
    checkText("<b>Alice</b>", ["name"], { min: 1, max: 100 }, errors);
    checkUrl("javascript:alert(1)", ["url"], errors);
    checkUrl("https://user:pass@example.com/", ["callbackUrl"], errors);
    checkEmail("not an address", ["email"], errors);
    expect(checkUrl("https://example.com/hook", ["url"], errors)?.host).toBe("example.com");
    expect(checkEmail(" a.b@example.co ", ["email"], errors)).toBe("a.b@example.co");
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      [["input", "name"], "name: must not contain markup (< or >)"],
      [["input", "url"], "url: must be an absolute http(s) URL"],
      [["input", "callbackUrl"], "callbackUrl: must not contain a user name or password"],
      [["input", "email"], "email: must be an e-mail address such as name@example.com"],
    ]);
  });

  it("lets clean input through", async () => {
    const result = await run(SAVE, {
      input: { name: "Alice", description: "Line one\nLine two", url: "https://example.com/x", email: "a@example.com" },
    });
    expect(result.data?.["saveProfile"]).toEqual({ saved: true, userErrors: [] });
  });

  it("refuses a bad argument of a field without userErrors with BAD_USER_INPUT", async () => {
    const result = await run(`query($id: ID!) { lookup(id: $id) }`, { id: `id\u0000${"x".repeat(200)}` });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      userErrors: [
        { field: ["id"], message: "id: must be at most 128 characters, got 203", code: "INVALID" },
        { field: ["id"], message: "id: must not contain control characters", code: "INVALID" },
      ],
    });
  });
});
