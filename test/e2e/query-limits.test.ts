import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../gateway/gateway.js";
import { createLogger } from "../../src/observability/logger.js";
import { startTestStack, type GraphQLResponse, type TestStack } from "../harness.js";

const LIMITS = {
  QUERY_MAX_DEPTH: "6",
  QUERY_MAX_ALIASES: "3",
  QUERY_MAX_TOKENS: "400",
  QUERY_MAX_DIRECTIVES: "3",
  QUERY_MAX_COST: "500",
  MAX_BODY_BYTES: "8192",
  MAX_BATCH_SIZE: "2",
  CORS_ORIGINS: "https://app.example.com",
};

type Body = Omit<GraphQLResponse<unknown>, "status" | "headers">;

async function post(url: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body | Body[] };
}

function expectTooComplex(body: Body | Body[], limit: string, max: number): void {
  const errors = (Array.isArray(body) ? body[0]?.errors : body.errors) ?? [];
  const error = errors.find((e) => e.extensions?.["code"] === "QUERY_TOO_COMPLEX");
  expect(error, JSON.stringify(body)).toBeDefined();
  expect(error?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit, max });
  expect(error?.message).toContain(`limit ${limit} = ${max}`);
}

describe("query limits and HTTP hygiene at the gateway", () => {
  let t: TestStack;
  let token: string;
  let production: Gateway | undefined;
  let productionUrl = "";

  beforeAll(async () => {
    t = await startTestStack({ env: LIMITS });
    token = await t.token("alice");
    // The same stack behind a gateway configured as in production: no introspection, no suggestions.
    production = createGateway({
      config: { ...t.config, nodeEnv: "production", protection: { ...t.config.protection, introspection: false } },
      logger: createLogger({ level: "silent", pretty: false }),
      secrets: t.stack.secrets,
      subgraphUrls: t.stack.subgraphUrls,
    });
    productionUrl = await production.listen(0, "127.0.0.1");
  });
  afterAll(async () => {
    await production?.close();
    await t?.close();
  });

  it("refuses a query deeper than maxDepth, naming the limit", async () => {
    const deep = `{ bots { edges { node { trades { edges { node { bot { id } } } } } } } }`;
    const { body } = await post(t.url, { query: deep }, token);
    expectTooComplex(body, "maxDepth", 6);
  });

  it("refuses more aliases than maxAliases", async () => {
    const aliases = `{ a: health { status } b: health { status } c: health { status } d: health { status } }`;
    expectTooComplex((await post(t.url, { query: aliases }, token)).body, "maxAliases", 3);
  });

  it("refuses more tokens than maxTokens before validating", async () => {
    const tokens = `{ ${Array.from({ length: 450 }, () => "__typename").join(" ")} }`;
    expectTooComplex((await post(t.url, { query: tokens }, token)).body, "maxTokens", 400);
  });

  it("refuses more directives than maxDirectives", async () => {
    const directives = `{ health { status @skip(if: false) checks @skip(if: false) { name @skip(if: false) status @skip(if: false) } } }`;
    expectTooComplex((await post(t.url, { query: directives }, token)).body, "maxDirectives", 3);
  });

  it("counts cost with list sizes from first, literal or variable", async () => {
    const nested = `query($n: Int!) { bots(first: $n) { edges { node { orders(first: $n) { totalCount } } } } }`;
    expectTooComplex((await post(t.url, { query: nested, variables: { n: 30 } }, token)).body, "maxCost", 500);
    const small = await post(t.url, { query: nested, variables: { n: 5 } }, token);
    expect(small.status).toBe(200);
    expect((small.body as Body).errors).toBeUndefined();
  });

  it("neutralises a fragment bomb by cost, computing each fragment once", async () => {
    const levels = Array.from(
      { length: 12 },
      (_, i) => `fragment F${i} on Query { ${i === 11 ? "health { status }" : `...F${i + 1} ...F${i + 1}`} }`,
    );
    const bomb = `{ ...F0 }\n${levels.join("\n")}`;
    const started = performance.now();
    const { body } = await post(t.url, { query: bomb }, token);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(JSON.stringify(body)).not.toContain('"status":"PASS"');
  });

  it("hides introspection and field suggestions in production, keeps them otherwise", async () => {
    const introspection = { query: "{ __schema { queryType { name } } }" };
    expect((await post(t.url, introspection)).body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    const hidden = await post(productionUrl, introspection);
    expect(JSON.stringify(hidden.body)).not.toContain('"name":"Query"');
    expect((hidden.body as Body).errors?.length).toBeGreaterThan(0);

    const typo = { query: "{ bost(id: 1) { id } }" };
    expect(JSON.stringify((await post(t.url, typo, token)).body)).toContain("Did you mean");
    const quiet = JSON.stringify((await post(productionUrl, typo, token)).body);
    expect(quiet).not.toContain("Did you mean");
    expect(quiet).not.toContain('"bot"');
  });

  it("refuses a body over the limit with 413, and a chunked body without a length with 411", async () => {
    const large = await post(t.url, { query: `{ health { status } }`, variables: { pad: "x".repeat(9000) } });
    expect(large.status).toBe(413);
    const chunkedStatus = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(t.url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write('{"query":"{ health { status } }"}');
      req.end();
    });
    expect(chunkedStatus).toBe(411);
  });

  it("answers a batch up to the limit and refuses a larger one", async () => {
    const one = { query: "{ health { status } }" };
    const two = await post(t.url, [one, one]);
    expect(two.status).toBe(200);
    expect(two.body).toHaveLength(2);
    const three = await post(t.url, [one, one, one]);
    expect(three.status).toBeGreaterThanOrEqual(400);
    expect(three.status).toBeLessThan(500);
    expect(JSON.stringify(three.body)).toContain("2");
  });

  it("refuses a cross-site simple GET (CSRF) unless a preflight-forcing header is present", async () => {
    const url = `${t.url}?query=${encodeURIComponent("{ health { status } }")}`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { "x-graphql-csrf": "1" } })).status).toBe(200);
  });

  it("allows CORS only for configured origins and sends security headers", async () => {
    const preflight = (origin: string) =>
      fetch(t.url, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    expect((await preflight("https://app.example.com")).headers.get("access-control-allow-origin")).toBe(
      "https://app.example.com",
    );
    expect((await preflight("https://evil.example.com")).headers.get("access-control-allow-origin")).not.toBe(
      "https://evil.example.com",
    );
    const { headers } = await post(t.url, { query: "{ health { status } }" });
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});
