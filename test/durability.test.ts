/**
 * "No loss, clean stop" (issue 3): work that was accepted survives a crash, and a stop is clean. Real
 * processes on the real Redis and PostgreSQL, no mocks: the built stack (`dist/src/cli/start.js`) and
 * a worker fixture on the built task queue (`test/fixtures/queue-worker.mjs`) are spawned, SIGKILLed,
 * SIGTERMed and restarted; every wait is on their output, their exit or a polled state, with a deadline.
 * The build itself is run by the global setup (test/global-setup.ts).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import pg from "pg";
import { pino } from "pino";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signUserToken } from "../src/auth/tokens.js";
import { TASKS } from "../src/cli/catalog.js";
import { createRedisEventBus } from "../src/events/redis-bus.js";
import type { DomainEvent, EventBus } from "../src/events/types.js";
import { BullmqTaskQueue, type TaskQueue } from "../src/queue/index.js";
import { describeProc, exitWithin, killRunning, spawnNode, waitForStdout, type Proc } from "./processes.js";
import { createTestDatabase, postgresAvailable, REDIS_TEST_URL, redisAvailable } from "./services.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const START_SCRIPT = path.join(ROOT, "dist", "src", "cli", "start.js");
const WORKER_SCRIPT = fileURLToPath(new URL("./fixtures/queue-worker.mjs", import.meta.url));

const REDIS_UP = await redisAvailable();
const POSTGRES_AND_REDIS_UP = (await postgresAvailable()) && REDIS_UP;

/** How long the whole stack may take to print its banner. */
const READY_DEADLINE_MS = 20_000;
/** How long a worker fixture may take to say it is ready, or a job to start once it is. */
const WORKER_DEADLINE_MS = 10_000;
/** How long a process may take to stop after SIGTERM (the CLIs give themselves 10 s). */
const STOP_DEADLINE_MS = 12_000;
/** How long an event or a job may take to get where it is going, stalled-job recovery included. */
const DELIVERY_DEADLINE_MS = 15_000;

/** Every port the stack binds set to 0, so the OS picks free ones. */
const ALL_PORTS_ZERO: Readonly<Record<string, string>> = {
  PORT: "0",
  ...Object.fromEntries(["BOTS", "TRADES", "WEBHOOKS", "FLAGS", "ADMIN"].map((name) => [`${name}_SUBGRAPH_PORT`, "0"])),
};

/** Short locks and stalled checks, so a dead worker's job is noticed within a couple of seconds. */
const FAST_STALLS: Readonly<Record<string, string>> = { LOCK_DURATION_MS: "1000", STALLED_INTERVAL_MS: "1000" };

const logger = pino({ level: "silent" });
/** What each test made and afterEach removes, whatever the outcome. */
const cleanups: (() => Promise<void>)[] = [];

/** SIGKILLs the process and waits until it is gone. */
async function crash(proc: Proc): Promise<void> {
  proc.child.kill("SIGKILL");
  expect(await exitWithin(proc, STOP_DEADLINE_MS), describeProc(proc)).toEqual({ code: null, signal: "SIGKILL" });
}

function linesMatching(proc: Proc, pattern: RegExp): string[] {
  return proc.stdout.split("\n").filter((line) => pattern.test(line));
}

/** A prefix of the test's own for every Redis key and the bus channel; its keys are deleted after the test. */
function uniquePrefix(): string {
  const prefix = `test-durability-${randomUUID()}`;
  cleanups.push(async () => {
    const redis = new Redis(REDIS_TEST_URL);
    try {
      const keys: string[] = [];
      for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 1000 }))
        keys.push(...(batch as string[]));
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
  });
  return prefix;
}

/** How many Redis connections named under `prefix` are blocked in a read (a worker waiting for a job). */
async function blockedClients(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_TEST_URL);
  try {
    const list = (await redis.client("LIST")) as string;
    const clients = list
      .split("\n")
      .filter((line) => line.length > 0)
      .map((line) => new Map(line.split(" ").map((field) => field.split("=", 2) as [string, string])));
    return clients.filter(
      (client) => client.get("name")?.startsWith(`${prefix}:`) && client.get("flags")?.includes("b"),
    ).length;
  } finally {
    await redis.quit();
  }
}

/** A fresh PostgreSQL database, dropped after the test. */
async function testDatabase(): Promise<string> {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  return database.url;
}

/** Runs one statement on `url` and returns its rows. */
async function sql<Row>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** The test's own handle on the queues of `prefix`: it enqueues and reads, and runs no worker. */
function testQueue(prefix: string): TaskQueue {
  const queue = new BullmqTaskQueue({ redisUrl: REDIS_TEST_URL, prefix, logger, tasks: TASKS });
  cleanups.push(() => queue.close());
  return queue;
}

/** A worker fixture on `prefix` with `HANDLER=handler`, once it says it is ready. */
async function startWorker(
  name: string,
  prefix: string,
  handler: "echo" | "hang" | "stdin" | "record",
  env: Readonly<Record<string, string>> = {},
): Promise<Proc> {
  const worker = spawnNode(name, WORKER_SCRIPT, [], {
    REDIS_URL: REDIS_TEST_URL,
    QUEUE_PREFIX: prefix,
    HANDLER: handler,
    ...env,
  });
  await waitForStdout(worker, /^ready$/m, WORKER_DEADLINE_MS);
  return worker;
}

/** Waits until the handler of `jobId` has started in `worker` (on attempt `attempt`). */
function started(worker: Proc, jobId: string, attempt = 1): Promise<RegExpMatchArray> {
  return waitForStdout(worker, new RegExp(`^started ${jobId} attempt ${attempt}$`, "m"), WORKER_DEADLINE_MS);
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

/** Sends `query` to the gateway as `token`; fails on any GraphQL error or user error. */
async function mutate<T>(url: string, token: string, query: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as GraphQLBody;
  expect(body.errors, JSON.stringify(body)).toBeUndefined();
  expect(response.status).toBe(200);
  const payload = Object.values(body.data ?? {})[0] as { userErrors: unknown[] } & T;
  expect(payload.userErrors).toEqual([]);
  return payload;
}

async function createBot(url: string, token: string, name: string): Promise<string> {
  const { bot } = await mutate<{ bot: { id: string } }>(
    url,
    token,
    `mutation { createBot(input: {name: ${JSON.stringify(name)}, symbol: "BTC/USDT"}) { bot { id } userErrors { message } } }`,
  );
  return bot.id;
}

/** Starts the whole stack and returns it with its gateway URL, once it has printed its banner. */
async function startStackProcess(name: string, env: Readonly<Record<string, string>>): Promise<[Proc, string]> {
  const stack = spawnNode(name, START_SCRIPT, [], env);
  const [, gatewayUrl] = await waitForStdout(stack, /^Ready in .*\n\s+gateway\s+(http:\/\/\S+)/m, READY_DEADLINE_MS);
  return [stack, gatewayUrl ?? ""];
}

/** The bot of a `bot.created` event. */
function botIdOf(event: DomainEvent): string | undefined {
  return event.type === "bot.created" ? event.data.bot.id : undefined;
}

beforeAll(() => {
  if (!existsSync(START_SCRIPT)) throw new Error(`${START_SCRIPT} is missing: run npm run build first`);
});

afterEach(async () => {
  await killRunning();
  const failures = (
    await Promise.allSettled(
      cleanups
        .splice(0)
        .reverse()
        .map((cleanup) => cleanup()),
    )
  ).filter((result) => result.status === "rejected");
  if (failures.length > 0) throw new AggregateError(failures.map((failure) => failure.reason as unknown));
});

/**
 * What a stack on PostgreSQL and Redis needs: a throwaway database, a queue prefix, a data folder
 * (removed after the test), its secrets and the environment of `npm start` with them (plus `extra`).
 */
async function productionStack(extra: Record<string, string> = {}) {
  const databaseUrl = await testDatabase();
  const prefix = uniquePrefix();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "durability-"));
  cleanups.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
  const jwtSecret = randomBytes(32).toString("hex");
  const env = {
    ...ALL_PORTS_ZERO,
    LOG_LEVEL: "warn",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: REDIS_TEST_URL,
    QUEUE_PREFIX: prefix,
    AUTH_JWT_SECRET: jwtSecret,
    AUTH_INTERNAL_SECRET: randomBytes(32).toString("hex"),
    WEBHOOK_SECRET_KEY: randomBytes(32).toString("hex"),
    WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8",
    ...extra,
  };
  return { databaseUrl, prefix, jwtSecret, env };
}

describe.skipIf(!POSTGRES_AND_REDIS_UP)("an event accepted before a crash (stack on PostgreSQL and Redis)", () => {
  it("is published after the restart exactly once, with exactly one webhook delivery, and SIGTERM then exits 0", async () => {
    const { databaseUrl, prefix, jwtSecret, env } = await productionStack();
    const trader = `trader-${randomUUID()}`;
    const token = await signUserToken({ id: trader, roles: ["trader"] }, jwtSecret, "10m");
    // Everything published on the stack's channel, from before the first start on.
    const events: DomainEvent[] = [];
    const bus: EventBus = await createRedisEventBus({ url: REDIS_TEST_URL, prefix, logger });
    cleanups.push(() => bus.close());
    bus.subscribe((event) => events.push(event));

    // 1. A stack whose relay never runs accepts the work: the bot and its event commit together...
    const [doomed, doomedUrl] = await startStackProcess("stack (relay off)", {
      ...env,
      OUTBOX_RELAY_ENABLED: "false",
    });
    const { endpoint } = await mutate<{ endpoint: { id: string } }>(
      doomedUrl,
      token,
      'mutation { createWebhookEndpoint(input: {url: "http://127.0.0.1:9/hook", eventTypes: ["bot.created"]}) { endpoint { id } userErrors { message } } }',
    );
    const firstBot = await createBot(doomedUrl, token, "accepted before the crash");
    const outboxRowOf = (botId: string) =>
      sql<{ id: string; published_at: Date | null }>(
        databaseUrl,
        `select id, published_at from bots_outbox where type = 'bot.created' and data->'bot'->>'id' = $1`,
        [botId],
      );
    const [accepted, ...others] = await outboxRowOf(firstBot);
    expect(others).toEqual([]);
    expect(accepted).toEqual({ id: expect.any(String), published_at: null });
    const eventId = accepted!.id;

    // ...and the process dies before anything is published.
    await crash(doomed);
    expect(events).toEqual([]);

    // 2. Restart with the relay on (the default).
    const [restarted, restartedUrl] = await startStackProcess("stack (restarted)", env);

    await vi.waitFor(() => expect(events.map((event) => event.id)).toContain(eventId), {
      timeout: DELIVERY_DEADLINE_MS,
      interval: 20,
    });
    // The relay publishes oldest first: once an event recorded after the restart is out, the first
    // one is marked published and cannot come again. So count only then.
    const secondBot = await createBot(restartedUrl, token, "created after the restart");
    await vi.waitFor(() => expect(events.map(botIdOf)).toContain(secondBot), {
      timeout: DELIVERY_DEADLINE_MS,
      interval: 20,
    });
    const firstBotEvents = events.filter((event) => botIdOf(event) === firstBot);
    expect(firstBotEvents).toHaveLength(1);
    expect(firstBotEvents[0]).toMatchObject({ id: eventId, type: "bot.created", ownerId: trader });
    expect(events.filter((event) => event.id === eventId)).toHaveLength(1);
    expect((await outboxRowOf(firstBot))[0]?.published_at).toBeInstanceOf(Date);

    // 3. The webhooks subgraph fanned each event out once (its job is keyed by the event id): one
    // delivery per (endpoint, event).
    const queue = testQueue(prefix);
    const secondEventId = events.find((event) => botIdOf(event) === secondBot)?.id ?? "";
    for (const id of [eventId, secondEventId]) {
      await vi.waitFor(async () => expect((await queue.getJob("webhooks", `fanout-${id}`))?.status).toBe("completed"), {
        timeout: DELIVERY_DEADLINE_MS,
        interval: 50,
      });
    }
    expect(await queue.getJob("webhooks", `fanout-${eventId}`)).toMatchObject({
      result: { deliveries: 1 },
      attemptsMade: 1,
    });
    const deliveries = await sql<{ event_id: string; status: string }>(
      databaseUrl,
      "select event_id, status from webhook_delivery where endpoint_id = $1 order by event_id",
      [endpoint.id],
    );
    expect(deliveries).toEqual([
      { event_id: eventId, status: "PENDING" },
      { event_id: secondEventId, status: "PENDING" },
    ]);

    // 4. A clean stop.
    restarted.child.kill("SIGTERM");
    expect(await exitWithin(restarted, STOP_DEADLINE_MS), describeProc(restarted)).toEqual({
      code: 0,
      signal: null,
    });
  }, 60_000);
});

describe.skipIf(!POSTGRES_AND_REDIS_UP)(
  "a webhook retry scheduled when the stack is SIGKILLed (PostgreSQL and Redis)",
  () => {
    it("is delivered after the restart, signed, and recorded as exactly one success", async () => {
      const { databaseUrl, prefix, jwtSecret, env } = await productionStack({
        // The first attempt at once, the retry about 4 s later (±10 %): the crash falls in between.
        WEBHOOK_RETRY_SCHEDULE: "0,4",
      });
      const token = await signUserToken({ id: `trader-${randomUUID()}`, roles: ["trader"] }, jwtSecret, "10m");

      // A receiver that answers 500 to the first request and 200 to every later one.
      const requests: { headers: Record<string, string>; body: string }[] = [];
      const receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
          requests.push({
            headers: req.headers as Record<string, string>,
            body: Buffer.concat(chunks).toString("utf8"),
          });
          res.writeHead(requests.length === 1 ? 500 : 200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
      cleanups.push(async () => {
        receiver.closeAllConnections();
        await new Promise((resolve) => receiver.close(resolve));
      });
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

      const [doomed, doomedUrl] = await startStackProcess("stack (crashes)", env);
      const { endpoint, secret } = await mutate<{ endpoint: { id: string }; secret: string }>(
        doomedUrl,
        token,
        `mutation { createWebhookEndpoint(input: {url: ${JSON.stringify(hookUrl)}, eventTypes: ["bot.created"]}) { endpoint { id } secret userErrors { message } } }`,
      );
      const botId = await createBot(doomedUrl, token, "delivered across a crash");
      const deliveriesOf = () =>
        sql<{ id: string; status: string; attempts: { responseStatus: number | null }[] }>(
          databaseUrl,
          "select id, status, attempts from webhook_delivery where endpoint_id = $1",
          [endpoint.id],
        );

      // The first attempt failed and the retry waits in Redis as a delayed job: now the process dies.
      const queue = testQueue(prefix);
      const [failedOnce] = await vi.waitFor(
        async () => {
          const rows = await deliveriesOf();
          expect(rows).toEqual([expect.objectContaining({ status: "PENDING", attempts: [expect.anything()] })]);
          expect((await queue.getJob("webhooks", `deliver-${rows[0]?.id}-2`))?.status).toBe("delayed");
          return rows;
        },
        { timeout: DELIVERY_DEADLINE_MS, interval: 20 },
      );
      await crash(doomed);
      expect(requests).toHaveLength(1);

      const [restarted] = await startStackProcess("stack (restarted)", env);
      const [delivered] = await vi.waitFor(
        async () => {
          const rows = await deliveriesOf();
          expect(rows[0]?.status).toBe("SUCCEEDED");
          return rows;
        },
        { timeout: DELIVERY_DEADLINE_MS, interval: 50 },
      );
      expect(delivered?.id).toBe(failedOnce?.id);
      expect(delivered?.attempts.map((attempt) => attempt.responseStatus)).toEqual([500, 200]);
      expect(requests).toHaveLength(2);
      expect(requests[1]?.headers["webhook-id"]).toBe(requests[0]?.headers["webhook-id"]);
      const payload = new Webhook(secret).verify(requests[1]?.body ?? "", requests[1]?.headers ?? {}) as DomainEvent;
      expect(payload).toMatchObject({ type: "bot.created", data: { bot: { id: botId } } });

      restarted.child.kill("SIGTERM");
      expect(await exitWithin(restarted, STOP_DEADLINE_MS), describeProc(restarted)).toEqual({ code: 0, signal: null });
      // Stopped cleanly after the success: no later attempt was sent.
      expect(requests).toHaveLength(2);
    }, 60_000);
  },
);

describe.skipIf(!POSTGRES_AND_REDIS_UP)("a job whose worker is SIGKILLed mid-run (BullMQ and PostgreSQL)", () => {
  it("goes back to waiting after the stalled check and completes exactly once in the next worker", async () => {
    const databaseUrl = await testDatabase();
    await sql(databaseUrl, "create table durability_runs (job_id text not null unique)");
    const prefix = uniquePrefix();
    const queue = testQueue(prefix);

    const doomed = await startWorker("worker (hangs)", prefix, "hang", FAST_STALLS);
    const job = await queue.enqueue("maintenance.echo", { message: "survivor" });
    await started(doomed, job.id);
    await crash(doomed);
    // Still active, under a lock that nobody renews any more.
    expect(await queue.getJob("jobs", job.id)).toMatchObject({ status: "active", attemptsMade: 0 });

    const rescuer = await startWorker("worker (records)", prefix, "record", {
      ...FAST_STALLS,
      DATABASE_URL: databaseUrl,
    });
    await vi.waitFor(async () => expect((await queue.getJob("jobs", job.id))?.status).toBe("completed"), {
      timeout: DELIVERY_DEADLINE_MS,
      interval: 50,
    });

    await waitForStdout(rescuer, new RegExp(`^finished ${job.id}$`, "m"), WORKER_DEADLINE_MS);
    // A stall is not a failed attempt: BullMQ counts the one attempt that finished.
    expect(await queue.getJob("jobs", job.id)).toMatchObject({
      status: "completed",
      result: "echo survivor",
      attemptsMade: 1,
      failedReason: null,
    });
    expect(linesMatching(rescuer, /^(started|finished) /)).toEqual([
      `started ${job.id} attempt 1`,
      `finished ${job.id}`,
    ]);
    expect(await sql(databaseUrl, "select job_id from durability_runs")).toEqual([{ job_id: job.id }]);

    rescuer.child.kill("SIGTERM");
    expect(await exitWithin(rescuer, STOP_DEADLINE_MS), describeProc(rescuer)).toEqual({ code: 0, signal: null });
  }, 30_000);
});

describe.skipIf(!REDIS_UP)("a worker process stopped with SIGTERM (BullMQ)", () => {
  it("takes no new job, finishes the active one, then exits 0", async () => {
    const prefix = uniquePrefix();
    const queue = testQueue(prefix);
    // Two slots: with one job active, the worker would take another if it did not stop.
    const worker = await startWorker("worker (stdin)", prefix, "stdin", { CONCURRENCY: "2" });
    const active = await queue.enqueue("maintenance.echo", { message: "active" });
    await started(worker, active.id);
    // The free slot's blocking read for the next job is under way (the worker's Redis connections are
    // named after the prefix): the job enqueued below will be fetched, so the stopping worker must hand it back.
    await vi.waitFor(async () => expect(await blockedClients(prefix)).toBe(1), {
      timeout: WORKER_DEADLINE_MS,
      interval: 10,
    });

    worker.child.kill("SIGTERM");
    // Printed in the turn that calls close(): from here on no job may start.
    await waitForStdout(worker, /^stopping SIGTERM$/m, WORKER_DEADLINE_MS);
    // Fetched by that read, then handed back untouched: waiting again, its handler never started.
    const late = await queue.enqueue("maintenance.echo", { message: "late" });
    await vi.waitFor(
      async () =>
        expect(await queue.getJob("jobs", late.id)).toMatchObject({ status: "waiting", processedAt: expect.any(Date) }),
      { timeout: WORKER_DEADLINE_MS, interval: 20 },
    );
    expect(await queue.getJob("jobs", active.id)).toMatchObject({ status: "active" });
    expect(worker.exit, describeProc(worker)).toBeUndefined(); // held by the active job

    worker.child.stdin?.write(`finish ${active.id}\n`);
    expect(await exitWithin(worker, STOP_DEADLINE_MS), describeProc(worker)).toEqual({ code: 0, signal: null });

    expect(linesMatching(worker, /^(started|finished|stopping|stopped)\b/)).toEqual([
      `started ${active.id} attempt 1`,
      "stopping SIGTERM",
      `finished ${active.id}`,
      "stopped",
    ]);
    expect(await queue.getJob("jobs", active.id)).toMatchObject({
      status: "completed",
      result: "echo active",
      attemptsMade: 1,
    });
    expect(await queue.getJob("jobs", late.id)).toMatchObject({ status: "waiting", attemptsMade: 0 });

    // Not lost either: the next worker runs it.
    const next = await startWorker("worker (echoes)", prefix, "echo");
    await waitForStdout(next, new RegExp(`^finished ${late.id}$`, "m"), WORKER_DEADLINE_MS);
    await vi.waitFor(async () => expect((await queue.getJob("jobs", late.id))?.status).toBe("completed"), {
      timeout: WORKER_DEADLINE_MS,
      interval: 20,
    });
    expect(linesMatching(next, /^started /)).toEqual([`started ${late.id} attempt 1`]);
    next.child.kill("SIGTERM");
    expect(await exitWithin(next, STOP_DEADLINE_MS), describeProc(next)).toEqual({ code: 0, signal: null });
  });

  it("gives up on a job still active after shutdownTimeoutMs, exits 0 in time, and the job runs again elsewhere", async () => {
    const shutdownTimeoutMs = 300;
    const prefix = uniquePrefix();
    const queue = testQueue(prefix);
    const worker = await startWorker("worker (hangs)", prefix, "hang", {
      ...FAST_STALLS,
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    });
    const job = await queue.enqueue("maintenance.echo", { message: "abandoned" });
    await started(worker, job.id);

    const signalledAt = performance.now();
    worker.child.kill("SIGTERM");
    const exit = await exitWithin(worker, STOP_DEADLINE_MS);
    const stopMs = performance.now() - signalledAt;

    expect(exit, describeProc(worker)).toEqual({ code: 0, signal: null });
    // Timers keep whole milliseconds, so allow one early; the margin is for closing connections and exiting.
    expect(stopMs).toBeGreaterThanOrEqual(shutdownTimeoutMs - 1);
    expect(stopMs).toBeLessThan(shutdownTimeoutMs + 1500);
    expect(worker.stdout).not.toContain(`finished ${job.id}`);
    expect(worker.stderr).toContain("active jobs did not finish in time");

    // Abandoned, not lost: neither completed nor failed, still active under a lock that expires...
    expect(await queue.getJob("jobs", job.id)).toMatchObject({ status: "active", attemptsMade: 0 });
    // ...so the stalled check of the next worker gives it back, and it runs (once) to completion.
    const rescuer = await startWorker("worker (echoes)", prefix, "echo", FAST_STALLS);
    await vi.waitFor(async () => expect((await queue.getJob("jobs", job.id))?.status).toBe("completed"), {
      timeout: DELIVERY_DEADLINE_MS,
      interval: 50,
    });
    await waitForStdout(rescuer, new RegExp(`^finished ${job.id}$`, "m"), WORKER_DEADLINE_MS);
    expect(await queue.getJob("jobs", job.id)).toMatchObject({ result: "echo abandoned", attemptsMade: 1 });
    expect(linesMatching(rescuer, /^started /)).toEqual([`started ${job.id} attempt 1`]);

    rescuer.child.kill("SIGTERM");
    expect(await exitWithin(rescuer, STOP_DEADLINE_MS), describeProc(rescuer)).toEqual({ code: 0, signal: null });
  });
});
