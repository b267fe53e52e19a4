import type { ClassType } from "type-graphql";
import { ArgsType, Directive, Field, Int, ObjectType } from "type-graphql";
import { clientError, ErrorCode } from "./errors.js";

/** Relay `PageInfo`, shared by every subgraph. */
@Directive("@shareable")
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** `first` (1–100, default 20) and `after`, as every connection takes them. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: "How many items, 1–100." })
  first: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  after?: string | null;
}

/** One page of a connection, as a service returns it. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  totalCount: number;
}

/** A connection's edge and connection types for one node type, named `<Name>Edge`/`<Name>Connection`. */
export function Connection<T extends { id: string }>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;

    /** Builds the connection from a page of nodes. */
    static from(page: Page<T>): ConnectionType {
      const edges = page.nodes.map((node) => Object.assign(new Edge(), { cursor: encodeCursor(node.id), node }));
      return Object.assign(new ConnectionType(), {
        edges,
        pageInfo: Object.assign(new PageInfo(), {
          hasNextPage: page.hasNextPage,
          endCursor: edges.at(-1)?.cursor ?? null,
        }),
        totalCount: page.totalCount,
      });
    }
  }
  return ConnectionType;
}

/** The opaque cursor of an item: its (time-ordered) id, base64url-encoded. */
export function encodeCursor(id: string): string {
  return Buffer.from(`cursor:${id}`).toString("base64url");
}

/** Decodes a cursor from a client; a malformed one is a BAD_USER_INPUT error naming `after`. */
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString();
  if (!text.startsWith("cursor:"))
    throw clientError(ErrorCode.BadUserInput, `after: "${cursor}" is not a cursor from this API`);
  return text.slice("cursor:".length);
}

/** Checks `first` is within 1–100. */
export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw clientError(ErrorCode.BadUserInput, `first: must be between 1 and 100, got ${first}`);
  }
  return first;
}
