import type { EntityManager } from "@mikro-orm/core";
import type { EntityName, FilterQuery } from "@mikro-orm/core";
import { checkFirst, decodeCursor, type Page } from "../graphql/connection.js";

/** `first`/`after` as a connection field receives them. */
export interface PageArgs {
  first: number;
  after?: string | null;
}

/** One page of `entity` matching `where`, in id (= creation) order, with the total count. */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: PageArgs,
): Promise<Page<T>> {
  const first = checkFirst(args.first);
  const after = args.after ? decodeCursor(args.after) : undefined;
  const pageWhere = (after === undefined ? where : { $and: [where, { id: { $gt: after } }] }) as FilterQuery<T>;
  const [rows, totalCount] = await Promise.all([
    em.find(entity, pageWhere, { orderBy: { id: "asc" } as never, limit: first + 1 }),
    em.count(entity, where),
  ]);
  return { nodes: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
}
