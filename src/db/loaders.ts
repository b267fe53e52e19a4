import DataLoader from "dataloader";

/**
 * A per-request loader of rows by a unique key: one query per tick for all keys asked, one value
 * per key in key order, null for a key with no row.
 */
export function loaderByKey<T>(
  load: (keys: string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await load([...keys])).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
