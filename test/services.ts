import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";

/** Where the tests find a PostgreSQL server to create throwaway databases in. */
export const POSTGRES_ADMIN_URL = process.env["TEST_POSTGRES_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** True when running under CI, where every service-backed test must run. */
export const IN_CI = process.env["CI"] === "true";

/** True when PostgreSQL answers; under CI an unreachable server is an error, not a skip. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (error) {
    if (IN_CI)
      throw new Error(`CI=true but PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}: ${(error as Error).message}`, {
        cause: error,
      });
    console.warn(`PostgreSQL tests SKIPPED: not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Where the tests find Redis. */
export const REDIS_TEST_URL = process.env["TEST_REDIS_URL"] ?? "redis://127.0.0.1:6379";

/** True when Redis answers; under CI an unreachable server is an error, not a skip. */
export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_TEST_URL, { lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
  // connect() rejects with "Connection is closed."; the error event before it says why.
  let cause: Error | undefined;
  client.on("error", (error: Error) => (cause = error));
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    const reason = cause ?? (error as Error);
    if (IN_CI)
      throw new Error(`CI=true but Redis is not reachable at ${REDIS_TEST_URL}: ${reason.message}`, { cause: error });
    console.warn(`Redis tests SKIPPED: not reachable at ${REDIS_TEST_URL} (${reason.message})`);
    return false;
  } finally {
    client.disconnect();
  }
}

/** A fresh, empty PostgreSQL database; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tradebot_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Deletes every Redis key under `prefix` (a test's queues and bus channel). */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const client = new Redis(REDIS_TEST_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}
