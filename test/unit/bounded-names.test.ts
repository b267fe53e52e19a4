import { afterEach, describe, expect, it, vi } from "vitest";
import { BoundedNames, MAX_OPERATION_NAMES } from "../../src/observability/metrics.js";
import { MemoryOperationStats } from "../../src/observability/operation-stats.js";

describe("client-chosen names in metrics and operation stats", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("labels the first names as they are and later new ones as (other)", () => {
    const names = new BoundedNames();
    for (let i = 0; i < MAX_OPERATION_NAMES; i++) expect(names.of(`Op${i}`)).toBe(`Op${i}`);
    expect(names.of("OneTooMany")).toBe("(other)");
    expect(names.of("Op7")).toBe("Op7");
    expect(new BoundedNames().of("x".repeat(500))).toBe("x".repeat(100));
  });

  it("keeps at most 1000 operation and client combinations a minute, counting the rest as (other)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T00:00:10Z"));
    const stats = new MemoryOperationStats();
    const sample = { clientName: "attacker", clientVersion: "1", durationMs: 1, failed: false };
    for (let i = 0; i < 1050; i++) stats.record({ ...sample, operationName: `Random${i}` });
    stats.record({ ...sample, operationName: "Random3" });

    const rows = await stats.query(new Date(Date.now() - 120_000));
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    const other = rows.find((row) => row.operationName === "(other)");
    expect(total).toBe(1051);
    expect(rows.length).toBe(1001);
    expect(other?.count).toBe(50);
    expect(rows.find((row) => row.operationName === "Random3")?.count).toBe(2);
  });
});
