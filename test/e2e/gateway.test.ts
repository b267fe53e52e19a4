import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../harness.js";
import { Bots } from "./documents.js";

describe("the gateway", () => {
  let t: TestStack;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    t = await startTestStack({ logLines, logLevel: "debug" });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("serves GraphiQL to a browser on GET /graphql", async () => {
    const response = await fetch(t.url, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toMatch(/graphiql/i);
  });

  it("logs one line per operation at the gateway and in the subgraph, joined by the request id", async () => {
    const { data } = await t.execute(
      Bots,
      { first: 1 },
      { token: await t.token("dora"), headers: { "x-request-id": "find-me-42" } },
    );
    expect(data?.bots.totalCount).toBe(0);
    const mine = logLines.filter((line) => line["requestId"] === "find-me-42" && line["msg"] === "operation");
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ component: "gateway", operationName: "Bots", viewerId: "dora", outcome: "ok" }),
        expect.objectContaining({ subgraph: "bots", viewerId: "dora", outcome: "ok" }),
      ]),
    );
    expect(logLines).toContainEqual(expect.objectContaining({ msg: "sql", subgraph: "bots", requestId: "find-me-42" }));
    expect(JSON.stringify(logLines)).not.toContain(t.stack.secrets.jwtSecret);
  });
});
