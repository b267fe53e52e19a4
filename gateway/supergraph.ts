import { readFileSync } from "node:fs";

const JOIN_GRAPH = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]*)"\)/g;

/** The subgraph URLs a supergraph names, by subgraph name. */
export function subgraphUrlsOf(supergraphSdl: string): Map<string, string> {
  return new Map([...supergraphSdl.matchAll(JOIN_GRAPH)].map((match) => [match[1] ?? "", match[2] ?? ""]));
}

/** The supergraph with the URLs of the named subgraphs replaced; others are kept. */
export function withSubgraphUrls(supergraphSdl: string, urls: ReadonlyMap<string, string>): string {
  return supergraphSdl.replace(JOIN_GRAPH, (whole, name: string) => {
    const url = urls.get(name);
    return url === undefined ? whole : `@join__graph(name: "${name}", url: "${url}")`;
  });
}

/** Reads a supergraph file; a missing or empty file is an error naming it and the setting. */
export function readSupergraph(path: string): string {
  let sdl: string;
  try {
    sdl = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(
      `cannot read the supergraph ${path} (gateway.supergraphPath, SUPERGRAPH_PATH): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (subgraphUrlsOf(sdl).size === 0) {
    throw new Error(`${path} is not a supergraph: it names no subgraph (@join__graph); run npm run schema:compose`);
  }
  return sdl;
}
