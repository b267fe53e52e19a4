import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateBot } from "./documents.js";
import { startTestStack, type TestStack } from "../harness.js";

/** GETs a path of the gateway as a browser would. */
function browse(t: TestStack, path: string, accept = "text/html"): Promise<Response> {
  return fetch(new URL(path, t.url), { headers: { accept }, redirect: "manual" });
}

describe("in development", () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack({ env: { NODE_ENV: "development", SIMULATED_MARKET: "false" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("hands this machine a dev token of the admin, which the API accepts", async () => {
    const response = await browse(t, "/dev/token", "application/json");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { token: string; sub: string; roles: string[] };
    expect(body).toMatchObject({ sub: "admin", roles: ["admin", "trader"] });
    const created = await t.execute(CreateBot, { input: { name: "dev", symbol: "BTC/USDT" } }, { token: body.token });
    expect(created.data?.createBot.bot?.ownerId).toBe("admin");
  });

  it("marks the console's page as offered a dev token", async () => {
    expect(await (await browse(t, "/console/")).text()).toContain(
      '<meta name="tradebot-dev-token" content="offered" />',
    );
  });

  it("serves the playground with its token in the headers and a policy that names its one script", async () => {
    const response = await browse(t, "/graphql");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<title>tradebot-graph</title>");
    expect(html).toContain("Bearer ey");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
  });
});

describe("outside development", () => {
  for (const nodeEnv of ["production", "test"]) {
    describe(`NODE_ENV=${nodeEnv}`, () => {
      let t: TestStack;

      beforeAll(async () => {
        t = await startTestStack({ env: { NODE_ENV: nodeEnv, GRAPHQL_INTROSPECTION: "true" } });
      });
      afterAll(async () => {
        await t?.close();
      });

      it("has no dev token endpoint, and the console's page does not offer one", async () => {
        expect((await browse(t, "/dev/token", "application/json")).status).toBe(404);
        expect(await (await browse(t, "/console/")).text()).not.toContain("tradebot-dev-token");
      });

      it("serves the playground without a token", async () => {
        const html = await (await browse(t, "/graphql")).text();
        expect(html).toContain("<title>tradebot-graph</title>");
        expect(html).not.toContain("Bearer ey");
      });
    });
  }
});

describe("the web console's files", () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("redirects /console to /console/ and serves the app for any path below it", async () => {
    const redirect = await browse(t, "/console");
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe("/console/");
    for (const path of ["/console/", "/console/bots/123"]) {
      const page = await browse(t, path);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(await page.text()).toContain('<div id="app">');
    }
  });

  it("answers 404 for an asset it does not have, and never serves a file outside its folder", async () => {
    expect((await browse(t, "/console/assets/missing.js", "*/*")).status).toBe(404);
    const escaped = await browse(t, "/console/assets/..%2f..%2f..%2fpackage.json", "*/*");
    expect(await escaped.text()).not.toContain('"name": "tradebot-graph"');
  });
});
