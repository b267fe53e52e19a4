import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BullmqTaskQueue,
  InvalidJobError,
  MemoryTaskQueue,
  type JobContext,
  UnrecoverableError,
  type JobEvent,
  type JobStatus,
  type QueueStats,
  type TaskName,
  type TaskQueue,
} from "../../src/queue/index.js";
import { TASKS } from "../../src/cli/catalog.js";
import { REDIS_TEST_URL, redisAvailable } from "../services.js";
import { deferred, waitFor } from "./helpers.js";

const logger = pino({ level: "silent" });
const QUEUE_NAMES = TASKS.queueNames;

/** Options a test may set on the queues it makes. */
interface QueueOverrides {
  shutdownTimeoutMs?: number;
  stalledIntervalMs?: number;
  lockDurationMs?: number;
}

interface Backend {
  name: "memory" | "bullmq";
  /** A queue on the test's own prefix; every queue a test makes is closed after it. */
  create(prefix: string, overrides?: QueueOverrides): TaskQueue;
  /** A queue to read what `closed` left (the same one in memory, a new one on the same Redis keys). */
  reopen(closed: TaskQueue, prefix: string): TaskQueue;
}

const memory: Backend = {
  name: "memory",
  create: (_prefix, overrides = {}) =>
    new MemoryTaskQueue({ shutdownTimeoutMs: 5000, ...overrides, logger, tasks: TASKS }),
  reopen: (closed) => closed,
};

const bullmq: Backend = {
  name: "bullmq",
  create: (prefix, overrides = {}) =>
    new BullmqTaskQueue({
      redisUrl: REDIS_TEST_URL,
      prefix,
      shutdownTimeoutMs: 5000,
      stalledIntervalMs: 30_000,
      lockDurationMs: 30_000,
      ...overrides,
      logger,
      tasks: TASKS,
    }),
  reopen: (_closed, prefix) => bullmq.create(prefix),
};

const backends: Backend[] = [memory, ...((await redisAvailable()) ? [bullmq] : [])];

/** The events of one job, in order. */
function eventsOf(events: readonly JobEvent[], jobId: string): JobEvent["event"][] {
  return events.filter((event) => event.jobId === jobId).map((event) => event.event);
}

describe.each(backends)("the $name task queue", (backend) => {
  let prefix: string;
  let opened: TaskQueue[] = [];
  let redis: Redis | undefined;

  beforeAll(() => {
    if (backend.name === "bullmq") redis = new Redis(REDIS_TEST_URL);
  });
  beforeEach(() => {
    prefix = `test-queue-${randomUUID()}`;
  });
  afterAll(async () => {
    await redis?.quit();
  });
  afterEach(async () => {
    await Promise.all(opened.map((queue) => queue.close()));
    opened = [];
    if (redis === undefined) return;
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 1000 }))
      keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
  });

  function create(overrides?: QueueOverrides): TaskQueue {
    const queue = backend.create(prefix, overrides);
    opened.push(queue);
    return queue;
  }

  function reopen(closed: TaskQueue): TaskQueue {
    const queue = backend.reopen(closed, prefix);
    if (queue !== closed) opened.push(queue);
    return queue;
  }

  /** Every event of `queue` from now on. */
  function record(queue: TaskQueue): JobEvent[] {
    const events: JobEvent[] = [];
    queue.onJobEvent((event) => events.push(event));
    return events;
  }

  async function statusOf(queue: TaskQueue, id: string, name = "jobs"): Promise<string | undefined> {
    return (await queue.getJob(name, id))?.status;
  }

  it("runs jobs without priority first in arrival order, then prioritized ones by priority, then arrival", async () => {
    const queue = create();
    const order: string[] = [];
    await queue.pause("jobs");
    queue.process(
      "maintenance.echo",
      ({ payload }) => {
        order.push(payload.message);
        return Promise.resolve();
      },
      { concurrency: 1 },
    );
    const jobs: [string, number | undefined][] = [
      ["p5-first", 5],
      ["none-first", undefined],
      ["p1", 1],
      ["lowest", 2_097_151],
      ["p5-second", 5],
      ["none-second", undefined],
    ];
    for (const [message, priority] of jobs) {
      const job = await queue.enqueue("maintenance.echo", { message }, priority === undefined ? {} : { priority });
      expect(job.status).toBe(priority === undefined ? "waiting" : "prioritized");
    }
    await queue.resume("jobs");
    await waitFor(() => order.length === jobs.length, 5000, "every job to run");
    expect(order).toEqual(["none-first", "none-second", "p1", "p5-first", "p5-second", "lowest"]);
  });

  it("does not run a delayed job before its time: delayed, then waiting, active and completed", async () => {
    const queue = create();
    const events = record(queue);
    const started: number[] = [];
    queue.process("maintenance.noop", () => {
      started.push(Date.now());
      return Promise.resolve();
    });
    const job = await queue.enqueue("maintenance.noop", {}, { delayMs: 300 });
    expect(job.status).toBe("delayed");
    expect(job.delayedUntil?.getTime()).toBe(job.createdAt.getTime() + 300);
    expect(await queue.getJob("jobs", job.id)).toMatchObject({ status: "delayed", delayedUntil: job.delayedUntil });

    await waitFor(() => eventsOf(events, job.id).includes("completed"), 5000, "the delayed job to complete");
    const done = await queue.getJob("jobs", job.id);
    expect(done).toMatchObject({ status: "completed", attemptsMade: 1, delayedUntil: null });
    expect((done?.processedAt?.getTime() ?? 0) - job.createdAt.getTime()).toBeGreaterThanOrEqual(300);
    expect((started[0] ?? 0) - job.createdAt.getTime()).toBeGreaterThanOrEqual(300);
    expect(eventsOf(events, job.id)).toEqual(["added", "delayed", "waiting", "active", "completed"]);
  });

  it("retries with exponential backoff and jitter, then fails with its attempts and last reason", async () => {
    const queue = create();
    const events = record(queue);
    const starts: number[] = [];
    const failures: number[] = [];
    queue.process("maintenance.echo", ({ attempt }) => {
      starts.push(Date.now());
      failures.push(Date.now());
      return Promise.reject(new Error(`attempt ${attempt} failed`));
    });
    const job = await queue.enqueue(
      "maintenance.echo",
      { message: "flaky" },
      { attempts: 3, backoff: { type: "exponential", delayMs: 100, jitter: 0.25 } },
    );
    await waitFor(() => eventsOf(events, job.id).includes("failed"), 5000, "the job to fail");

    expect(await queue.getJob("jobs", job.id)).toMatchObject({
      status: "failed",
      attemptsMade: 3,
      maxAttempts: 3,
      failedReason: "attempt 3 failed",
    });
    expect(starts).toHaveLength(3);
    // Wait n is 100 × 2^(n−1) ms, shortened by jitter by at most a quarter: ≥ 75, then ≥ 150.
    expect((starts[1] ?? 0) - (failures[0] ?? 0)).toBeGreaterThanOrEqual(75);
    expect((starts[2] ?? 0) - (failures[1] ?? 0)).toBeGreaterThanOrEqual(150);
    expect(eventsOf(events, job.id)).toEqual([
      "added",
      "waiting",
      "active",
      "delayed",
      "waiting",
      "active",
      "delayed",
      "waiting",
      "active",
      "failed",
    ]);
  });

  it("retries with a fixed backoff until an attempt succeeds; the last failure stays as failedReason", async () => {
    const queue = create();
    const events = record(queue);
    const starts: number[] = [];
    queue.process("maintenance.echo", ({ attempt, payload }) => {
      starts.push(Date.now());
      if (attempt < 3) return Promise.reject(new Error(`attempt ${attempt} failed`));
      return Promise.resolve(`${payload.message} on attempt ${attempt}`);
    });
    const job = await queue.enqueue(
      "maintenance.echo",
      { message: "done" },
      { attempts: 5, backoff: { type: "fixed", delayMs: 60 } },
    );
    await waitFor(() => eventsOf(events, job.id).includes("completed"), 5000, "the job to complete");

    expect(await queue.getJob("jobs", job.id)).toMatchObject({
      status: "completed",
      attemptsMade: 3,
      maxAttempts: 5,
      result: "done on attempt 3",
      failedReason: "attempt 2 failed",
    });
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(60);
    expect((starts[2] ?? 0) - (starts[1] ?? 0)).toBeGreaterThanOrEqual(60);
  });

  it("stops retrying at once when the handler throws UnrecoverableError", async () => {
    const queue = create();
    const events = record(queue);
    let calls = 0;
    queue.process("maintenance.echo", () => {
      calls += 1;
      return Promise.reject(new UnrecoverableError("the message can never be echoed"));
    });
    const job = await queue.enqueue(
      "maintenance.echo",
      { message: "x" },
      { attempts: 5, backoff: { type: "fixed", delayMs: 10 } },
    );
    await waitFor(() => eventsOf(events, job.id).includes("failed"), 5000, "the job to fail");

    expect(await queue.getJob("jobs", job.id)).toMatchObject({
      status: "failed",
      attemptsMade: 1,
      maxAttempts: 5,
      failedReason: "the message can never be echoed",
    });
    expect(calls).toBe(1);
    expect(eventsOf(events, job.id)).toEqual(["added", "waiting", "active", "failed"]);
  });

  it("deduplicates by jobId: an existing id returns the existing job and adds nothing", async () => {
    const queue = create();
    const first = await queue.enqueue("maintenance.echo", { message: "first" }, { jobId: "report-42" });
    const second = await queue.enqueue("maintenance.echo", { message: "second" }, { jobId: "report-42", priority: 3 });

    expect(first).toMatchObject({ id: "report-42", status: "waiting", data: { message: "first" } });
    expect(second).toEqual(first);
    expect((await queue.getJobs("jobs", "waiting")).map((job) => job.id)).toEqual(["report-42"]);
    expect(await queue.getJobs("jobs", "prioritized")).toEqual([]);
  });

  it("enqueueMany adds every job, an existing id adding nothing, and refuses all of them when one is bad", async () => {
    const queue = create();
    await queue.enqueue("maintenance.echo", { message: "first" }, { jobId: "bulk-1" });

    await queue.enqueueMany([
      { task: "maintenance.echo", payload: { message: "again" }, options: { jobId: "bulk-1" } },
      { task: "maintenance.echo", payload: { message: "second" }, options: { jobId: "bulk-2" } },
      { task: "maintenance.echo", payload: { message: "later" }, options: { jobId: "bulk-3", delayMs: 60_000 } },
    ]);
    expect(await queue.getJob("jobs", "bulk-1")).toMatchObject({ status: "waiting", data: { message: "first" } });
    expect(await queue.getJob("jobs", "bulk-2")).toMatchObject({ status: "waiting", data: { message: "second" } });
    expect(await queue.getJob("jobs", "bulk-3")).toMatchObject({ status: "delayed", data: { message: "later" } });

    const bad = queue.enqueueMany([
      { task: "maintenance.echo", payload: { message: "fine" }, options: { jobId: "bulk-4" } },
      { task: "maintenance.echo", payload: { message: 42 } as never, options: { jobId: "bulk-5" } },
    ]);
    await expect(bad).rejects.toThrow("maintenance.echo payload: message: expected string, received number");
    expect(await queue.getJob("jobs", "bulk-4")).toBeNull();
    expect((await queue.getJobs("jobs", "waiting")).map((job) => job.id).sort()).toEqual(["bulk-1", "bulk-2"]);
  });

  it("reports each status change through onJobEvent and getJob, with progress and result", async () => {
    const queue = create();
    const events = record(queue);
    const started = deferred();
    const release = deferred();
    queue.process("maintenance.echo", async (job) => {
      await job.updateProgress(50);
      started.resolve();
      await release.promise;
      return job.payload.message.toUpperCase();
    });
    const job = await queue.enqueue("maintenance.echo", { message: "hello" });
    expect(job).toMatchObject({
      queue: "jobs",
      name: "maintenance.echo",
      status: "waiting",
      priority: 0,
      attemptsMade: 0,
      maxAttempts: 1,
      progress: 0,
      failedReason: null,
      data: { message: "hello" },
      result: null,
      processedAt: null,
      finishedAt: null,
      delayedUntil: null,
    });

    await started.promise;
    const active = await queue.getJob("jobs", job.id);
    expect(active).toMatchObject({ status: "active", progress: 50, attemptsMade: 0, finishedAt: null });
    expect(active?.processedAt).toBeInstanceOf(Date);
    release.resolve();

    await waitFor(() => eventsOf(events, job.id).includes("completed"), 5000, "the job to complete");
    const done = await queue.getJob("jobs", job.id);
    expect(done).toMatchObject({ status: "completed", result: "HELLO", progress: 50, attemptsMade: 1 });
    expect(done?.finishedAt?.getTime()).toBeGreaterThanOrEqual(done?.processedAt?.getTime() ?? Infinity);
    expect(eventsOf(events, job.id)).toEqual(["added", "waiting", "active", "progress", "completed"]);
  });

  it("stops delivering events to a listener once it unsubscribes", async () => {
    const queue = create();
    const kept = record(queue);
    const dropped: JobEvent[] = [];
    const unsubscribe = queue.onJobEvent((event) => dropped.push(event));
    const first = await queue.enqueue("maintenance.noop", {});
    await waitFor(() => eventsOf(dropped, first.id).includes("waiting"), 5000, "the first job's events");
    unsubscribe();
    const second = await queue.enqueue("maintenance.noop", {});
    await waitFor(() => eventsOf(kept, second.id).includes("waiting"), 5000, "the second job's events");
    expect(eventsOf(dropped, second.id)).toEqual([]);
  });

  it("moves a failed job back to waiting on retry, attempts reset, and runs it again", async () => {
    const queue = create();
    const events = record(queue);
    let healthy = false;
    queue.process("maintenance.echo", () =>
      healthy ? Promise.resolve("delivered") : Promise.reject(new Error("downstream unavailable")),
    );
    const job = await queue.enqueue("maintenance.echo", { message: "x" });
    await waitFor(() => eventsOf(events, job.id).includes("failed"), 5000, "the job to fail");
    expect(await queue.getJob("jobs", job.id)).toMatchObject({
      status: "failed",
      attemptsMade: 1,
      failedReason: "downstream unavailable",
    });

    await queue.pause("jobs");
    healthy = true;
    const retried = await queue.retry("jobs", job.id);
    expect(retried).toMatchObject({
      status: "waiting",
      attemptsMade: 0,
      failedReason: null,
      processedAt: null,
      finishedAt: null,
    });
    await queue.resume("jobs");
    await waitFor(() => eventsOf(events, job.id).includes("completed"), 5000, "the retried job to complete");

    expect(await queue.getJob("jobs", job.id)).toMatchObject({ status: "completed", result: "delivered" });
    expect(eventsOf(events, job.id)).toEqual([
      "added",
      "waiting",
      "active",
      "failed",
      "retried",
      "active",
      "completed",
    ]);
    await expect(queue.retry("jobs", job.id)).rejects.toThrow(
      `job "${job.id}" of queue "jobs" is completed; only failed jobs can be retried`,
    );
    await expect(queue.retry("jobs", "no-such-job")).rejects.toThrow(InvalidJobError);
  });

  it("removes a job that is not active, refuses an active one and answers false for none", async () => {
    const queue = create();
    const events = record(queue);
    const waiting = await queue.enqueue("maintenance.echo", { message: "waiting" });
    const delayed = await queue.enqueue("maintenance.echo", { message: "later" }, { delayMs: 60_000 });
    expect(await queue.remove("jobs", waiting.id)).toBe(true);
    expect(await queue.remove("jobs", delayed.id)).toBe(true);
    expect(await queue.getJob("jobs", waiting.id)).toBeNull();
    expect(await queue.remove("jobs", waiting.id)).toBe(false);
    await waitFor(() => eventsOf(events, delayed.id).includes("removed"), 5000, "the removed event");
    expect(eventsOf(events, waiting.id)).toEqual(["added", "waiting", "removed"]);

    const started = deferred();
    const release = deferred();
    queue.process("maintenance.echo", async () => {
      started.resolve();
      await release.promise;
    });
    const active = await queue.enqueue("maintenance.echo", { message: "busy" });
    await started.promise;
    await expect(queue.remove("jobs", active.id)).rejects.toThrow(
      `job "${active.id}" of queue "jobs" is active and cannot be removed`,
    );
    release.resolve();
    await waitFor(async () => (await statusOf(queue, active.id)) === "completed", 5000, "the job to complete");
    expect(await queue.remove("jobs", active.id)).toBe(true);
    const [jobs] = await queue.stats();
    expect(jobs).toMatchObject({ name: "jobs", waiting: 0, delayed: 0, active: 0, completed: 0 });
  });

  it("starts no job of a paused queue until it resumes; stats count by state and show the pause", async () => {
    const queue = create();
    const ran: string[] = [];
    queue.process("maintenance.echo", ({ payload }) => {
      ran.push(payload.message);
      return Promise.resolve();
    });
    queue.process("webhooks.fanout", () => Promise.resolve());
    await queue.pause("jobs");
    await queue.enqueue("maintenance.echo", { message: "plain" });
    await queue.enqueue("maintenance.echo", { message: "urgent" }, { priority: 1 });
    await queue.enqueue("maintenance.echo", { message: "later" }, { delayMs: 60_000 });
    // The other queue's job running to completion shows that workers are live meanwhile.
    const other = await queue.enqueue("webhooks.fanout", {
      event: { id: "evt-1", type: "webhook.test", occurredAt: new Date().toISOString(), ownerId: null, data: {} },
    });
    await waitFor(async () => (await statusOf(queue, other.id, "webhooks")) === "completed", 5000, "the other job");

    expect(ran).toEqual([]);
    const idle = { waiting: 0, active: 0, delayed: 0, prioritized: 0, completed: 0, failed: 0, paused: false };
    const expected: Record<string, Omit<QueueStats, "name">> = {
      jobs: { ...idle, waiting: 1, delayed: 1, prioritized: 1, paused: true },
      webhooks: { ...idle, completed: 1 },
    };
    expect(await queue.stats()).toEqual(QUEUE_NAMES.map((name) => ({ name, ...(expected[name] ?? idle) })));

    await queue.resume("jobs");
    await waitFor(() => ran.length === 2, 5000, "the paused jobs to run");
    expect(ran).toEqual(["plain", "urgent"]);
    expect((await queue.stats())[0]).toMatchObject({ waiting: 0, prioritized: 0, completed: 2, paused: false });
  });

  it("lists jobs by status, newest (or last in line) first, up to the limit", async () => {
    const queue = create();
    const add = async (message: string, options = {}): Promise<string> =>
      (await queue.enqueue("maintenance.echo", { message }, options)).id;
    const first = await add("first");
    const second = await add("second");
    const third = await add("third");
    const low = await add("low", { priority: 9 });
    const high = await add("high", { priority: 1 });
    const soon = await add("soon", { delayMs: 30_000 });
    const late = await add("late", { delayMs: 60_000 });

    const ids = async (status: JobStatus, limit?: number): Promise<string[]> =>
      (await queue.getJobs("jobs", status, limit)).map((job) => job.id);
    expect(await ids("waiting")).toEqual([third, second, first]);
    expect(await ids("waiting", 2)).toEqual([third, second]);
    expect(await ids("prioritized")).toEqual([low, high]);
    expect(await ids("delayed")).toEqual([late, soon]);
    expect((await queue.getJobs("jobs", "delayed", 1))[0]).toMatchObject({
      status: "delayed",
      data: { message: "late" },
    });
    expect(await ids("failed")).toEqual([]);

    queue.process("maintenance.echo", () => Promise.resolve(), { concurrency: 1 });
    await waitFor(async () => (await queue.stats())[0]?.completed === 5, 5000, "five completed jobs");
    const completed = await queue.getJobs("jobs", "completed");
    expect(completed.map((job) => job.id).sort()).toEqual([first, second, third, low, high].sort());
    const finishedAt = completed.map((job) => job.finishedAt?.getTime() ?? 0);
    expect(finishedAt).toEqual([...finishedAt].sort((a, b) => b - a));
    await expect(queue.getJobs("jobs", "waiting", 0)).rejects.toThrow(InvalidJobError);
  });

  it("refuses an unknown task, a bad payload and bad options, naming the field, and enqueues nothing", async () => {
    const queue = create();
    const events = record(queue);
    const before = await queue.stats();

    await expect(queue.enqueue("maintenance.nope" as string as TaskName, {})).rejects.toThrow(
      new InvalidJobError(`unknown task "maintenance.nope"; registered: ${Object.keys(TASKS.definitions).join(", ")}`),
    );
    const badPayload = queue.enqueue("maintenance.echo", { message: 42 } as never);
    await expect(badPayload).rejects.toBeInstanceOf(InvalidJobError);
    await expect(badPayload).rejects.toMatchObject({
      name: "InvalidJobError",
      message: "maintenance.echo payload: message: expected string, received number",
      path: ["message"],
    });
    await expect(queue.enqueue("maintenance.echo", { message: "x", extra: 1 } as never)).rejects.toThrow(
      'maintenance.echo payload: unrecognized key: "extra"',
    );
    await expect(queue.enqueue("maintenance.echo", { message: "x" }, { priority: 0 })).rejects.toThrow(
      "maintenance.echo options: priority: expected an integer from 1 to 2097151",
    );
    await expect(queue.enqueue("maintenance.noop", {}, { jobId: "42" })).rejects.toThrow(
      "maintenance.noop options: jobId: must not be an integer (those are generated ids)",
    );
    await expect(
      queue.enqueue("maintenance.noop", {}, { attempts: 2, backoff: { type: "fixed", delayMs: 10, jitter: 2 } }),
    ).rejects.toThrow("maintenance.noop options: backoff.jitter: expected a number from 0 to 1");
    await expect(queue.getJob("nope", "1")).rejects.toThrow(
      `unknown queue "nope"; registered: ${QUEUE_NAMES.join(", ")}`,
    );

    expect(await queue.stats()).toEqual(before);
    // Proof that events flow, then that none came before it.
    const probe = await queue.enqueue("maintenance.noop", {});
    await waitFor(() => eventsOf(events, probe.id).includes("waiting"), 5000, "the probe's events");
    expect(events.map((event) => event.jobId)).toEqual([probe.id, probe.id]);
  });

  it("fails jobs of a task without a handler in this process, retrying them as usual", async () => {
    const queue = create();
    const events = record(queue);
    queue.process("maintenance.noop", () => Promise.resolve());
    const job = await queue.enqueue("maintenance.echo", { message: "x" }, { attempts: 2 });
    await waitFor(() => eventsOf(events, job.id).includes("failed"), 5000, "the job to fail");
    expect(await queue.getJob("jobs", job.id)).toMatchObject({
      status: "failed",
      attemptsMade: 2,
      failedReason: 'no handler for task "maintenance.echo" on queue "jobs" in this process',
    });
  });

  it("runs at most `concurrency` jobs of a task at once, per process() call", async () => {
    const queue = create();
    const release = deferred();
    let running = 0;
    let most = 0;
    queue.process(
      "maintenance.echo",
      async () => {
        running += 1;
        most = Math.max(most, running);
        await release.promise;
        running -= 1;
      },
      { concurrency: 2 },
    );
    // Another task on the same queue: its worker now runs three jobs at once, echo still two.
    queue.process("maintenance.noop", () => Promise.resolve(), { concurrency: 1 });
    for (let i = 0; i < 5; i += 1) await queue.enqueue("maintenance.echo", { message: `m${i}` });
    await waitFor(() => running === 2, 5000, "two jobs running");
    release.resolve();
    await waitFor(async () => (await queue.stats())[0]?.completed === 5, 5000, "five completed jobs");
    expect(most).toBe(2);
    expect(() => queue.process("maintenance.echo", () => Promise.resolve())).toThrow(
      'task "maintenance.echo" already has a handler in this process',
    );
  });

  it("close() waits for an active job to finish", async () => {
    const queue = create();
    const started = deferred();
    let finishedAt = 0;
    queue.process("maintenance.echo", async () => {
      started.resolve();
      await sleep(200); // the work, which outlasts the close() call
      finishedAt = Date.now();
      return "finished";
    });
    const job = await queue.enqueue("maintenance.echo", { message: "x" });
    await started.promise;
    await queue.close();
    const closedAt = Date.now();

    expect(finishedAt).toBeGreaterThan(0);
    expect(closedAt).toBeGreaterThanOrEqual(finishedAt);
    expect(await reopen(queue).getJob("jobs", job.id)).toMatchObject({ status: "completed", result: "finished" });
    await expect(queue.enqueue("maintenance.noop", {})).rejects.toThrow("the task queue is closed");
  });

  it("close() gives up on a job still active after shutdownTimeoutMs", async () => {
    const queue = create({ shutdownTimeoutMs: 100 });
    const started = deferred();
    queue.process("maintenance.echo", () => {
      started.resolve();
      return new Promise(() => undefined); // never finishes
    });
    await queue.enqueue("maintenance.echo", { message: "x" });
    await started.promise;
    const closing = performance.now();
    await queue.close();
    // Timers keep whole milliseconds, so allow one early.
    expect(performance.now() - closing).toBeGreaterThanOrEqual(99);
    expect(performance.now() - closing).toBeLessThan(3000);
  });

  it.runIf(backend.name === "bullmq")(
    "never starts a job once close() has begun: one fetched meanwhile goes back to waiting, untouched",
    async () => {
      const closing = create();
      const events = record(closing);
      const started = deferred();
      const release = deferred();
      const seen: string[] = [];
      closing.process(
        "maintenance.echo",
        async ({ payload }) => {
          seen.push(payload.message);
          if (payload.message !== "long") return;
          started.resolve();
          await release.promise;
        },
        { concurrency: 2 },
      );
      await closing.enqueue("maintenance.echo", { message: "long" });
      await started.promise;
      // With a job active and the queue drained, the worker usually has a blocking read for the next job under way.
      const short = await closing.enqueue("maintenance.echo", { message: "short" });
      await waitFor(() => eventsOf(events, short.id).includes("completed"), 5000, "the short job");
      const closed = closing.close();
      const late = await create().enqueue("maintenance.echo", { message: "late" });
      release.resolve();
      await closed;

      expect(seen).toEqual(["long", "short"]);
      expect(await reopen(closing).getJob("jobs", late.id)).toMatchObject({ status: "waiting", attemptsMade: 0 });
    },
  );

  it.runIf(backend.name === "bullmq")(
    "gives a job whose worker died to another worker after the stalled check",
    async () => {
      const fast = { stalledIntervalMs: 200, lockDurationMs: 400 };
      const doomed = create({ ...fast, shutdownTimeoutMs: 0 });
      const started = deferred();
      doomed.process("maintenance.echo", () => {
        started.resolve();
        return new Promise(() => undefined); // never finishes: the worker dies holding the job
      });
      const job = await doomed.enqueue("maintenance.echo", { message: "survivor" });
      await started.promise;
      await doomed.close(); // gives up at once: the job stays active, its lock no longer renewed

      const rescuer = create(fast);
      expect(await statusOf(rescuer, job.id)).toBe("active");
      const attempts: number[] = [];
      rescuer.process("maintenance.echo", ({ attempt, payload }) => {
        attempts.push(attempt);
        return Promise.resolve(`rescued ${payload.message}`);
      });
      await waitFor(async () => (await statusOf(rescuer, job.id)) === "completed", 10_000, "the rescue");
      expect(await rescuer.getJob("jobs", job.id)).toMatchObject({ result: "rescued survivor", attemptsMade: 1 });
      expect(attempts).toEqual([1]); // a stall is not a failed attempt
    },
  );

  describe("schedulers", () => {
    // everyMs may not be shorter than 1000 (both backends refuse it; BullMQ itself has no minimum).
    const everyMs = 1000;

    it("runs its task now, then every everyMs; each run has its own scheduledAt, kept by its retries", async () => {
      const queue = create();
      const attempts: { attempt: number; schedulerId?: string; scheduledAt?: number; startedAt: number }[] = [];
      queue.process("maintenance.echo", ({ attempt, schedulerId, scheduledAt }) => {
        attempts.push({ attempt, schedulerId, scheduledAt: scheduledAt?.getTime(), startedAt: Date.now() });
        return attempt === 1 ? Promise.reject(new Error("every first attempt fails")) : Promise.resolve();
      });
      const enqueued: JobContext<"maintenance.noop">[] = [];
      queue.process("maintenance.noop", (job) => {
        enqueued.push(job);
        return Promise.resolve();
      });
      const before = Date.now();
      await queue.schedule("maintenance.echo", "dca-bot-1", everyMs, { message: "buy" }, { attempts: 2 });
      const after = Date.now();
      await queue.enqueue("maintenance.noop", {});
      await waitFor(() => attempts.filter((a) => a.attempt === 2).length === 3, 5000, "three runs of two attempts");

      const runs = attempts.filter((a) => a.attempt === 1).map((a) => a.scheduledAt ?? 0);
      // The first run is now; each next one everyMs later, and none starts before its time.
      expect(runs[0]).toBeGreaterThanOrEqual(before);
      expect(runs[0]).toBeLessThanOrEqual(after);
      expect(runs.slice(0, 3)).toEqual([0, 1, 2].map((i) => (runs[0] ?? 0) + i * everyMs));
      for (const { scheduledAt, startedAt } of attempts) expect(startedAt).toBeGreaterThanOrEqual(scheduledAt ?? 0);
      // Both attempts of a run see its run time.
      expect(
        attempts.slice(0, 6).map(({ attempt, schedulerId, scheduledAt }) => [attempt, schedulerId, scheduledAt]),
      ).toEqual(
        runs.slice(0, 3).flatMap((runAt) => [
          [1, "dca-bot-1", runAt],
          [2, "dca-bot-1", runAt],
        ]),
      );
      const completed = await queue.getJobs("jobs", "completed");
      expect(completed.filter((job) => job.name === "maintenance.echo").slice(-3)).toMatchObject(
        [0, 1, 2].map(() => ({ data: { message: "buy" }, attemptsMade: 2, maxAttempts: 2 })),
      );
      expect(enqueued).toHaveLength(1);
      expect(enqueued[0]?.scheduledAt).toBeUndefined();
      expect(enqueued[0]?.schedulerId).toBeUndefined();
    });

    it("keeps one scheduler per id: replacing swaps the payload of the run not started, a new interval restarts now", async () => {
      const queue = create();
      await queue.pause("jobs"); // the first run waits
      const before = Date.now();
      await queue.schedule("maintenance.echo", "report", 60_000, { message: "v1" });
      const [created] = await queue.getSchedulers("jobs");
      expect(created).toMatchObject({ id: "report", queue: "jobs", task: "maintenance.echo", everyMs: 60_000 });
      expect(created?.nextRunAt?.getTime()).toBeGreaterThanOrEqual(before);
      expect(created?.nextRunAt?.getTime()).toBeLessThanOrEqual(Date.now());

      await queue.schedule("maintenance.echo", "report", 60_000, { message: "v2" });
      expect(await queue.getSchedulers("jobs")).toEqual([created]);
      expect((await queue.getJobs("jobs", "waiting")).map((job) => job.data)).toEqual([{ message: "v2" }]);

      await queue.schedule("maintenance.echo", "report", 120_000, { message: "v3" });
      const [replaced] = await queue.getSchedulers("jobs");
      expect(await queue.getSchedulers("jobs")).toHaveLength(1);
      expect(replaced).toMatchObject({ id: "report", everyMs: 120_000 });
      expect(replaced?.nextRunAt?.getTime()).toBeGreaterThanOrEqual(created?.nextRunAt?.getTime() ?? Infinity);
      expect((await queue.getJobs("jobs", "waiting")).map((job) => job.data)).toEqual([{ message: "v3" }]);

      const ran: string[] = [];
      queue.process("maintenance.echo", ({ payload }) => {
        ran.push(payload.message);
        return Promise.resolve();
      });
      await queue.resume("jobs");
      await waitFor(() => ran.length === 1, 5000, "the first run");
      expect(ran).toEqual(["v3"]);
      // The next run is made as this one starts, one interval after it.
      const next = new Date((replaced?.nextRunAt?.getTime() ?? 0) + 120_000);
      expect(await queue.getSchedulers("jobs")).toEqual([{ ...replaced, nextRunAt: next }]);
      const delayed = await queue.getJobs("jobs", "delayed");
      expect(delayed).toMatchObject([{ name: "maintenance.echo", data: { message: "v3" }, delayedUntil: next }]);
    });

    it("lists the schedulers of a queue by next run time", async () => {
      const queue = create();
      const runAt = new Map<string, number>();
      const handler = ({ schedulerId, scheduledAt }: JobContext<TaskName>): Promise<void> => {
        runAt.set(schedulerId ?? "", scheduledAt?.getTime() ?? 0);
        return Promise.resolve();
      };
      queue.process("maintenance.noop", handler);
      queue.process("maintenance.echo", handler);
      await queue.schedule("maintenance.noop", "slow", 60_000, {});
      await queue.schedule("maintenance.echo", "fast", 30_000, { message: "x" });
      await queue.schedule("webhooks.fanout", "elsewhere", everyMs, {
        event: { id: "evt-1", type: "webhook.test", occurredAt: new Date().toISOString(), ownerId: null, data: {} },
      });
      await waitFor(() => runAt.size === 2, 5000, "the first runs");

      expect(await queue.getSchedulers("jobs")).toEqual([
        {
          id: "fast",
          queue: "jobs",
          task: "maintenance.echo",
          everyMs: 30_000,
          nextRunAt: new Date((runAt.get("fast") ?? 0) + 30_000),
        },
        {
          id: "slow",
          queue: "jobs",
          task: "maintenance.noop",
          everyMs: 60_000,
          nextRunAt: new Date((runAt.get("slow") ?? 0) + 60_000),
        },
      ]);
      // No worker for it: its first run waits, and is still its next.
      const [waiting] = await queue.getJobs("webhooks", "waiting");
      expect(await queue.getSchedulers("webhooks")).toEqual([
        { id: "elsewhere", queue: "webhooks", task: "webhooks.fanout", everyMs, nextRunAt: waiting?.createdAt },
      ]);
    });

    it("unschedule stops new runs and drops the next one not yet due; runs already due still run", async () => {
      const queue = create();
      const events = record(queue);
      const ran: string[] = [];
      queue.process(
        "maintenance.echo",
        ({ payload }) => {
          ran.push(payload.message);
          return Promise.resolve();
        },
        { concurrency: 1 },
      );
      await queue.pause("jobs");
      await queue.schedule("maintenance.echo", "due", everyMs, { message: "due" });
      expect(await queue.unschedule("jobs", "due")).toBe(true);
      expect((await queue.getJobs("jobs", "waiting")).map((job) => job.data)).toEqual([{ message: "due" }]);
      await queue.resume("jobs");

      await queue.schedule("maintenance.echo", "later", everyMs, { message: "later" });
      await waitFor(() => ran.includes("later"), 5000, "the first run");
      const [next] = await queue.getJobs("jobs", "delayed");
      expect(next).toMatchObject({ data: { message: "later" } });
      expect(await queue.unschedule("jobs", "later")).toBe(true);
      expect(await queue.getJobs("jobs", "delayed")).toEqual([]);
      expect(await queue.getJob("jobs", next?.id ?? "")).toBeNull();
      await waitFor(() => eventsOf(events, next?.id ?? "").includes("removed"), 5000, "the removed event");
      expect(await queue.unschedule("jobs", "later")).toBe(false);
      expect(await queue.getSchedulers("jobs")).toEqual([]);

      // Another scheduler's second run, a full interval after the others would have made theirs.
      await queue.schedule("maintenance.echo", "control", everyMs, { message: "control" });
      await waitFor(() => ran.filter((message) => message === "control").length === 2, 5000, "two control runs");
      expect(ran.filter((message) => message !== "control").sort()).toEqual(["due", "later"]);
    });

    it("refuses an unknown task, a bad payload, interval or id, naming the field, and changes nothing", async () => {
      const queue = create();
      const before = await queue.stats();
      await expect(queue.schedule("maintenance.nope" as string as TaskName, "s", everyMs, {})).rejects.toThrow(
        new InvalidJobError(
          `unknown task "maintenance.nope"; registered: ${Object.keys(TASKS.definitions).join(", ")}`,
        ),
      );
      const badPayload = queue.schedule("maintenance.echo", "s", everyMs, { message: 42 } as never);
      await expect(badPayload).rejects.toBeInstanceOf(InvalidJobError);
      await expect(badPayload).rejects.toMatchObject({
        message: "maintenance.echo payload: message: expected string, received number",
        path: ["message"],
      });
      for (const bad of [999, 1500.5, Number.NaN]) {
        await expect(queue.schedule("maintenance.noop", "s", bad, {})).rejects.toMatchObject({
          name: "InvalidJobError",
          message: "maintenance.noop schedule: everyMs: expected an integer of milliseconds, at least 1000",
          path: ["everyMs"],
        });
      }
      await expect(queue.schedule("maintenance.noop", "a:b", everyMs, {})).rejects.toMatchObject({
        message: 'maintenance.noop schedule: schedulerId: must not contain ":"',
        path: ["schedulerId"],
      });
      await expect(queue.schedule("maintenance.noop", "", everyMs, {})).rejects.toThrow(
        "maintenance.noop schedule: schedulerId: expected a non-empty string",
      );
      await expect(queue.schedule("maintenance.noop", "s", everyMs, {}, { attempts: 0 })).rejects.toThrow(
        "maintenance.noop options: attempts: expected a positive integer",
      );
      await expect(queue.unschedule("nope", "s")).rejects.toThrow(
        `unknown queue "nope"; registered: ${QUEUE_NAMES.join(", ")}`,
      );
      await expect(queue.getSchedulers("nope")).rejects.toThrow(
        `unknown queue "nope"; registered: ${QUEUE_NAMES.join(", ")}`,
      );

      expect(await queue.getSchedulers("jobs")).toEqual([]);
      expect(await queue.stats()).toEqual(before);
      expect(await queue.unschedule("jobs", "s")).toBe(false);
    });

    it.runIf(backend.name === "bullmq")(
      "keeps producing runs after a restart: the scheduler lives in Redis, not in the process",
      async () => {
        const runs: { by: string; scheduledAt: number }[] = [];
        const handler =
          (by: string) =>
          ({ scheduledAt }: JobContext<"maintenance.echo">): Promise<void> => {
            runs.push({ by, scheduledAt: scheduledAt?.getTime() ?? 0 });
            return Promise.resolve();
          };
        const first = create();
        first.process("maintenance.echo", handler("first"));
        await first.schedule("maintenance.echo", "hourly", everyMs, { message: "tick" });
        await waitFor(() => runs.length === 1, 5000, "the first run");
        await first.close();

        const second = create();
        expect(await second.getSchedulers("jobs")).toMatchObject([{ id: "hourly", task: "maintenance.echo", everyMs }]);
        second.process("maintenance.echo", handler("second"));
        // The second run was made by the first process; the third by the second one.
        await waitFor(() => runs.length === 3, 5000, "two runs after the restart");
        const start = runs[0]?.scheduledAt ?? 0;
        expect(runs).toEqual([
          { by: "first", scheduledAt: start },
          { by: "second", scheduledAt: start + everyMs },
          { by: "second", scheduledAt: start + 2 * everyMs },
        ]);
      },
    );
  });
});
