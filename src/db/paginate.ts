import DataLoader from "dataloader";
import { raw, type EntityDictionary, type EntityKey, type EntityName, type FilterQuery } from "@mikro-orm/core";
import type { EntityManager as CoreEntityManager } from "@mikro-orm/core";
import { checkFirst, decodeCursor, type Page } from "../subgraph/connection.js";
import type { EntityManager } from "./orm.js";

/** `first`/`after` as a connection field receives them. */
export interface PageArgs {
  first: number;
  after?: string | null;
}

/** Checks `first` (1–100) and decodes `after` into the id the page starts after. */
function pageBounds(args: PageArgs): { first: number; afterId: string | undefined } {
  return { first: checkFirst(args.first), afterId: args.after ? decodeCursor(args.after) : undefined };
}

/** The page from up to `first + 1` rows in id order: one more row than asked means there is a next page. */
function pageOf<T>(rows: T[], first: number, totalCount: number): Page<T> {
  return { nodes: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
}

/** One page of `entity` matching `where`, in id (= creation) order, with the total count. */
export async function findPage<T extends { id: string }>(
  em: CoreEntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: PageArgs,
): Promise<Page<T>> {
  const { first, afterId } = pageBounds(args);
  const pageWhere = (afterId === undefined ? where : { $and: [where, { id: { $gt: afterId } }] }) as FilterQuery<T>;
  const [rows, totalCount] = await Promise.all([
    em.find(entity, pageWhere, { orderBy: { id: "asc" } as never, limit: first + 1 }),
    em.count(entity, where),
  ]);
  return pageOf(rows, first, totalCount);
}

/** What a {@link PageLoader} is asked for: one parent's page of its rows. */
export interface PageRequest<T> {
  /** The parent whose rows are paged, e.g. a bot's id for its trades. */
  parentId: string;
  args: PageArgs;
  /** What the rows must match besides their parent (the viewer's and the field's filters). */
  where: FilterQuery<T>;
}

/** Pages of many parents' rows, batched per request; see {@link pageLoader}. */
export type PageLoader<T> = DataLoader<PageRequest<T>, Page<T>, string>;

/** Alias of the rank column the page query adds; stripped before rows become entities. */
const RANK = "page_rank";

/**
 * A per-request loader of pages of `entity` by parent (`parentKey`, e.g. `botId`), each as
 * {@link findPage} would return it. Requests with equal `args` and `where` share two queries,
 * whatever the number of parents: the pages, ranked per parent by a window function, and the counts,
 * grouped by parent.
 */
export function pageLoader<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  parentKey: EntityKey<T>,
): PageLoader<T> {
  return new DataLoader<PageRequest<T>, Page<T>, string>(
    async (requests) => {
      const groups = new Map<string, PageRequest<T>[]>();
      for (const request of requests) {
        const key = groupKey(request);
        const group = groups.get(key);
        if (group === undefined) groups.set(key, [request]);
        else group.push(request);
      }
      const loaded = new Map<string, Map<string, Page<T>> | Error>();
      await Promise.all(
        [...groups].map(async ([key, group]) => {
          const [{ args, where }] = group as [PageRequest<T>];
          const parentIds = [...new Set(group.map((request) => request.parentId))];
          loaded.set(
            key,
            await loadPages(em, entity, parentKey, parentIds, args, where).catch((error: unknown) =>
              error instanceof Error ? error : new Error(String(error)),
            ),
          );
        }),
      );
      return requests.map((request) => {
        const pages = loaded.get(groupKey(request)) ?? new Error("the request's group was not loaded");
        if (pages instanceof Error) return pages;
        return pages.get(request.parentId) ?? { nodes: [], hasNextPage: false, totalCount: 0 };
      });
    },
    { cacheKeyFn: (request) => JSON.stringify([request.parentId, groupKey(request)]) },
  );
}

/** Requests with the same group key differ only in their parent and are loaded together. */
function groupKey<T>(request: PageRequest<T>): string {
  return JSON.stringify([request.args.first, request.args.after ?? null, request.where]);
}

/** The pages of `parentIds`, all with the same `args` and `where`, in two queries. */
async function loadPages<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  parentKey: EntityKey<T>,
  parentIds: string[],
  args: PageArgs,
  where: FilterQuery<T>,
): Promise<Map<string, Page<T>>> {
  const { first, afterId } = pageBounds(args);
  const meta = em.getMetadata(entity);
  const parentColumn = meta.properties[parentKey].fieldNames[0] ?? parentKey;
  const idColumn = meta.properties["id" as EntityKey<T>].fieldNames[0] ?? "id";
  const ofParents = { [parentKey]: { $in: parentIds } } as FilterQuery<T>;
  const knex = em.getKnex();

  // MikroORM's query builder converts the filter's values as em.find would (dates, custom types).
  const rankedRows = em
    .createQueryBuilder(entity, "e")
    .select("*")
    .where({ $and: [where, ofParents, ...(afterId === undefined ? [] : [{ id: { $gt: afterId } }])] } as FilterQuery<T>)
    .getKnexQuery()
    .select(
      knex.raw("row_number() over (partition by ?? order by ??) as ??", [`e.${parentColumn}`, `e.${idColumn}`, RANK]),
    );
  const pageQuery = knex
    .select("*")
    .from(rankedRows.as("ranked"))
    .where(RANK, "<=", first + 1)
    .orderBy([parentColumn, idColumn]);
  const countQuery = em
    .createQueryBuilder(entity, "e")
    .select([parentKey, raw("count(*) as total")])
    .where({ $and: [where, ofParents] } as FilterQuery<T>)
    .groupBy(parentKey);

  const [rows, counts] = await Promise.all([
    em.execute<Record<string, unknown>[]>(pageQuery),
    countQuery.execute<Record<string, unknown>[]>("all", false),
  ]);
  const rowsOf = new Map<string, T[]>();
  for (const rankedRow of rows) {
    const row = Object.fromEntries(Object.entries(rankedRow).filter(([column]) => column !== RANK));
    const node = em.map(entity, row as EntityDictionary<T>);
    const parentId = String(row[parentColumn]);
    const nodes = rowsOf.get(parentId);
    if (nodes === undefined) rowsOf.set(parentId, [node]);
    else nodes.push(node);
  }

  const totals = new Map(counts.map((row) => [String(row[parentColumn]), Number(row["total"])]));
  return new Map(parentIds.map((id) => [id, pageOf(rowsOf.get(id) ?? [], first, totals.get(id) ?? 0)]));
}
