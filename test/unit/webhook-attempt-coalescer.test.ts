import { describe, expect, it } from "vitest";
import { Coalescer } from "../../subgraphs/webhooks/attempt-store.js";

/** A batch function that records its batches and answers each when released. */
function recorder() {
  const batches: string[][] = [];
  const releases: (() => void)[] = [];
  const run = (items: string[]): Promise<string[]> => {
    batches.push(items);
    return new Promise((resolve) => releases.push(() => resolve(items.map((item) => item.toUpperCase()))));
  };
  return { batches, releases, run };
}

describe("the webhook attempts' statement coalescer", () => {
  it("runs the first item at once, and the items submitted meanwhile as one batch after it", async () => {
    const { batches, releases, run } = recorder();
    const coalescer = new Coalescer(run);

    const first = coalescer.submit("a");
    expect(batches).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map((item) => coalescer.submit(item));
    expect(batches).toEqual([["a"]]);

    releases[0]?.();
    expect(await first).toBe("A");
    await expect.poll(() => batches).toEqual([["a"], ["b", "c", "d"]]);
    releases[1]?.();
    expect(await Promise.all(rest)).toEqual(["B", "C", "D"]);
  });

  it("fails every item of a failed batch, and runs the next batch as usual", async () => {
    let calls = 0;
    const coalescer = new Coalescer<string, string>((items) => {
      calls += 1;
      return calls === 2 ? Promise.reject(new Error("the database is gone")) : Promise.resolve(items);
    });
    const first = coalescer.submit("a");
    const failing = [coalescer.submit("b"), coalescer.submit("c")];
    expect(await first).toBe("a");
    for (const item of failing) await expect(item).rejects.toThrow("the database is gone");
    expect(await coalescer.submit("d")).toBe("d");
  });
});
