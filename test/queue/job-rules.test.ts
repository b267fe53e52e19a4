import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Backoffs, type MinimalJob } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  freeRunTime,
  nextRunTime,
  parseSchedulerJobId,
  schedulerJobId,
} from "../../src/queue/job-rules.js";
import type { BackoffOptions } from "../../src/queue/types.js";
import { REDIS_TEST_URL, redisAvailable } from "../services.js";

describe("backoffDelay", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("waits the base delay with fixed backoff and doubles it with exponential backoff", () => {
    expect([1, 2, 3].map((attempt) => backoffDelay({ type: "fixed", delayMs: 100 }, attempt))).toEqual([100, 100, 100]);
    expect([1, 2, 3].map((attempt) => backoffDelay({ type: "exponential", delayMs: 100 }, attempt))).toEqual([
      100, 200, 400,
    ]);
    expect(backoffDelay(undefined, 1)).toBe(0);
  });

  it("shortens each wait by up to the jitter fraction", () => {
    const random = vi.spyOn(Math, "random");
    random.mockReturnValue(0);
    expect(backoffDelay({ type: "exponential", delayMs: 100, jitter: 0.25 }, 3)).toBe(300);
    random.mockReturnValue(0.999_999);
    expect(backoffDelay({ type: "exponential", delayMs: 100, jitter: 0.25 }, 3)).toBe(399);
  });

  it("computes what BullMQ's built-in strategies compute", async () => {
    const cases: BackoffOptions[] = [
      { type: "fixed", delayMs: 250 },
      { type: "fixed", delayMs: 250, jitter: 0.5 },
      { type: "exponential", delayMs: 75 },
      { type: "exponential", delayMs: 75, jitter: 0.3 },
      { type: "exponential", delayMs: 1000, jitter: 1 },
    ];
    const random = vi.spyOn(Math, "random");
    for (const backoff of cases) {
      for (const attempt of [1, 2, 5]) {
        for (const value of [0, 0.37, 0.999]) {
          random.mockReturnValue(value);
          const bullmq = await Backoffs.calculate(
            { type: backoff.type, delay: backoff.delayMs, jitter: backoff.jitter ?? 0 },
            attempt,
            new Error("failed"),
            {} as MinimalJob,
          );
          expect(backoffDelay(backoff, attempt), `${JSON.stringify(backoff)}, attempt ${attempt}`).toBe(bullmq);
        }
      }
    }
  });
});

const withRedis = await redisAvailable();

describe("scheduler run times", () => {
  const everyMs = 1000;
  const start = 1_700_000_000_250; // 250 ms past a whole second

  it("starts now, then steps by everyMs; a late step skips the missed runs and keeps the phase", () => {
    expect(nextRunTime(null, everyMs, start, 0)).toEqual({ runAt: start, offset: 250 });
    expect(nextRunTime(start, everyMs, start + 10, 250)).toEqual({ runAt: start + 1000, offset: 250 });
    // Taken 3.4 s late: runs 1 to 3 are gone; the next is the first one after now, 250 ms past a second.
    expect(nextRunTime(start, everyMs, start + 3400, 250)).toEqual({ runAt: start + 4000, offset: 250 });
    expect(nextRunTime(start, everyMs, start + 3000, 250)).toEqual({ runAt: start + 4000, offset: 250 });
  });

  it("names a run's job after its scheduler and run time, and reads them back", () => {
    expect(schedulerJobId("dca-bot-1", start)).toBe(`repeat:dca-bot-1:${start}`);
    expect(parseSchedulerJobId(`repeat:dca-bot-1:${start}`)).toEqual({ schedulerId: "dca-bot-1", runAt: start });
    for (const id of ["1", "fanout-evt-1", "repeat:x", "repeat:a:b:1", "repeat::1"]) {
      expect(parseSchedulerJobId(id)).toBeNull();
    }
  });

  it("steps past run times whose jobs exist, up to a bound", () => {
    expect(freeRunTime(start, everyMs, () => false)).toBe(start);
    expect(freeRunTime(start, everyMs, (runAt) => runAt < start + 2000)).toBe(start + 2000);
    expect(freeRunTime(start, everyMs, () => true)).toBeNull();
  });

  it.runIf(withRedis)("computes what BullMQ's Lua script computes", async () => {
    const bullmq = dirname(createRequire(import.meta.url).resolve("bullmq"));
    const lua = await readFile(
      join(bullmq, "..", "esm", "commands", "includes", "getJobSchedulerEveryNextMillis.lua"),
      "utf8",
    );
    const script = `${lua}
local runAt, offset = getJobSchedulerEveryNextMillis(tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), nil)
return {runAt, offset}`;
    const redis = new Redis(REDIS_TEST_URL);
    try {
      const cases: [number | null, number, number, number][] = [
        [null, 1000, start, 0],
        [null, 60_000, start, 0],
        [start, 1000, start + 10, 250],
        [start, 1000, start + 3400, 250],
        [start, 1000, start + 3000, 250],
        [start, 1000, start + 3400, 0],
        [start, 7000, start + 100_000, 1234],
      ];
      for (const [previous, every, now, offset] of cases) {
        const [runAt, phase] = (await redis.eval(script, 0, previous ?? "", every, now, offset)) as [number, number];
        expect(nextRunTime(previous, every, now, offset), JSON.stringify([previous, every, now, offset])).toEqual({
          runAt,
          offset: phase,
        });
      }
    } finally {
      await redis.quit();
    }
  });
});
