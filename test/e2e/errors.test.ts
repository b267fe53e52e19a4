import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../harness.js";

/** What must never reach a client. */
const LEAKS = [
  /no such table/i,
  /sqlite/i,
  /select /i,
  /insert /i,
  /\bat .*\.(ts|js):\d+/,
  /stack/i,
  /knex/i,
  /mikro/i,
];

describe("internal errors never leak", () => {
  let t: TestStack;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    // A throwaway stack whose bots table is then dropped: every bot query fails inside the database.
    t = await startTestStack({ logLines });
    await t.orm("bots").em.getConnection().execute("DROP TABLE bot");
  });
  afterAll(async () => {
    await t?.close();
  });

  async function send(query: string, requestId: string) {
    const token = await t.token("alice");
    const response = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": requestId },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, text: await response.text() };
  }

  it.each([
    ["a query", "{ bots { totalCount edges { node { id name } } } }", "errors-query-1"],
    [
      "a mutation",
      'mutation { createBot(input: { name: "x", symbol: "BTC/USDT" }) { bot { id } } }',
      "errors-mutation-1",
    ],
  ])(
    "answers %s that fails in the database with a bare INTERNAL_SERVER_ERROR and logs it with the request id",
    async (_kind, query, requestId) => {
      const { status, text } = await send(query, requestId);
      expect(status).toBeLessThan(500);
      const body = JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
      expect(body.errors?.[0]).toMatchObject({
        message: "Internal server error",
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      });
      // The request id (issue 7) is the only other extension: it lets the client quote it to an operator.
      expect(Object.keys(body.errors?.[0]?.extensions ?? {})).toEqual(["code", "requestId"]);
      expect(body.errors?.[0]?.extensions?.["requestId"]).toBe(requestId);
      for (const leak of LEAKS) expect(text, `response leaked ${String(leak)}`).not.toMatch(leak);

      const logged = logLines.find(
        (line) =>
          line["requestId"] === requestId &&
          line["level"] === 50 &&
          /no such table/i.test(JSON.stringify(line["err"] ?? "")),
      );
      expect(logged, "the cause is logged with the request id").toBeDefined();
      const atGateway = logLines.find(
        (line) =>
          line["component"] === "gateway" && line["msg"] === "unexpected error" && line["requestId"] === requestId,
      );
      expect(atGateway, "the gateway logs the masked error with the request id too").toBeDefined();
    },
  );

  it("still answers what does not touch the broken table", async () => {
    const { text } = await send("{ health { status } }", "errors-health-1");
    expect(JSON.parse(text)).toMatchObject({ data: { health: { status: expect.any(String) as string } } });
  });
});
