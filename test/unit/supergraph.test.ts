import { describe, expect, it } from "vitest";
import { subgraphUrlsOf, withSubgraphUrls } from "../../gateway/supergraph.js";

const sdl = `enum join__Graph {
  BOTS @join__graph(name: "bots", url: "http://127.0.0.1:4001/graphql")
  TRADES @join__graph(name: "trades", url: "http://127.0.0.1:4002/graphql")
}`;

describe("supergraph subgraph URLs", () => {
  it("reads and replaces the URLs of named subgraphs only", () => {
    const moved = withSubgraphUrls(sdl, new Map([["bots", "http://10.0.0.5:9000/graphql"]]));
    expect(subgraphUrlsOf(moved)).toEqual(
      new Map([
        ["bots", "http://10.0.0.5:9000/graphql"],
        ["trades", "http://127.0.0.1:4002/graphql"],
      ]),
    );
  });
});
