import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInternalToken } from "../../src/auth/tokens.js";
import { startTestStack, type TestStack } from "../harness.js";

const query = JSON.stringify({ query: "{ bots(first: 5) { totalCount edges { node { ownerId } } } }" });

describe("subgraphs trust only the gateway's signed identity", () => {
  let t: TestStack;
  let botsUrl: string;

  beforeAll(async () => {
    t = await startTestStack();
    botsUrl = t.stack.subgraphUrls.get("bots") ?? "";
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (headers: Record<string, string>) =>
    fetch(botsUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: query });

  it("refuses a request without the internal token, even with a valid user JWT", async () => {
    const response = await post({
      authorization: `Bearer ${await t.token("mallory", ["admin"])}`,
      "x-viewer-id": "alice",
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
      data?: unknown;
    };
    expect(body.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(body.data).toBeUndefined();
  });

  it("refuses an internal token forged with another secret", async () => {
    const forged = await signInternalToken(
      { viewer: { id: "mallory", roles: ["admin"] } },
      "not-the-secret-".repeat(3),
      60,
    );
    const response = await post({ "x-internal-token": forged });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("The gateway's identity token was refused");
  });

  it("refuses an expired internal token", async () => {
    const stale = await signInternalToken(
      { viewer: { id: "mallory", roles: ["admin"] } },
      t.stack.secrets.internalSecret,
      -1,
    );
    const response = await post({ "x-internal-token": stale });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("expired");
  });

  it("accepts the gateway's token and answers for that viewer only", async () => {
    const genuine = await signInternalToken(
      { viewer: { id: "alice", roles: ["trader"] } },
      t.stack.secrets.internalSecret,
      60,
    );
    const response = await post({ "x-internal-token": genuine });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { bots: { totalCount: 0, edges: [] } } });
  });

  it("still answers health checks without identity", async () => {
    const live = await fetch(new URL("/health/live", botsUrl));
    expect(live.status).toBe(200);
    const ready = await fetch(new URL("/health/ready", botsUrl));
    expect(ready.headers.get("content-type")).toContain("application/health+json");
    expect(await ready.json()).toMatchObject({
      status: "pass",
      checks: { "database:responseTime": [{ status: "pass", observedUnit: "ms" }] },
    });
  });
});
