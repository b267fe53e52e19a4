import { Backoffs, type MinimalJob } from "bullmq";
import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffDelay } from "../../src/queue/job-rules.js";
import type { BackoffOptions } from "../../src/queue/types.js";

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
