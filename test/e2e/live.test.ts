import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { backendOptions, startTestStack, type TestBackends, type TestStack } from "../harness.js";
import { postgresAvailable, redisAvailable } from "../services.js";
import { subscribeSse, subscribeWs, type TestSubscription } from "../subscriptions.js";
import {
  CreateBot,
  EnqueueJob,
  JobById,
  OnBotStatusChanged,
  OnJobUpdated,
  PauseBot,
  PauseQueue,
  Queues,
  ResumeQueue,
  StartBot,
} from "./documents.js";

const backends: TestBackends[] = [
  "embedded",
  ...((await postgresAvailable()) && (await redisAvailable()) ? (["postgres+redis"] as const) : []),
];

describe.each(backends)("live updates through the gateway (%s)", (backend) => {
  let t: TestStack;
  let alice: string;
  let bob: string;
  let admin: string;
  const logLines: Record<string, unknown>[] = [];
  const open: TestSubscription<unknown>[] = [];

  beforeAll(async () => {
    t = await startTestStack({ ...backendOptions(backend), logLines });
    alice = await t.token("alice");
    bob = await t.token("bob");
    admin = await t.token("root", ["admin"]);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await t?.close();
  });

  /** Resolves once `count` more subscriptions are active in the subgraphs (the server logs each). */
  function activeSubscriptions(count: number): () => Promise<void> {
    const started = (): number => logLines.filter((line) => line["msg"] === "subscription started").length;
    const before = started();
    return () => vi.waitFor(() => expect(started()).toBeGreaterThanOrEqual(before + count), { timeout: 5000 });
  }

  async function botOf(token: string, name: string): Promise<string> {
    const { data } = await t.execute(CreateBot, { input: { name, symbol: "BTC/USDT" } }, { token });
    return data?.createBot.bot?.id ?? "";
  }

  it("streams status changes over graphql-ws, filtered by botId and by what the viewer may see", async () => {
    const alicesBot = await botOf(alice, "alice ws");
    const bobsBot = await botOf(bob, "bob ws");
    const ready = activeSubscriptions(3);
    const aliceSub = subscribeWs(t.url, OnBotStatusChanged, { botId: alicesBot }, alice);
    const bobSub = subscribeWs(t.url, OnBotStatusChanged, {}, bob);
    const adminSub = subscribeWs(t.url, OnBotStatusChanged, {}, admin);
    open.push(aliceSub, bobSub, adminSub);
    await ready();

    await t.execute(StartBot, { id: alicesBot }, { token: alice });
    await t.execute(StartBot, { id: bobsBot }, { token: bob });

    const forAlice = await aliceSub.next();
    expect(forAlice.data?.botStatusChanged).toEqual({
      id: alicesBot,
      name: "alice ws",
      ownerId: "alice",
      status: "RUNNING",
      trades: { totalCount: 0 },
    });
    const forBob = await bobSub.next();
    expect(forBob.data?.botStatusChanged.id).toBe(bobsBot);
    const forAdmin = [
      (await adminSub.next()).data?.botStatusChanged.id,
      (await adminSub.next()).data?.botStatusChanged.id,
    ];
    expect(forAdmin).toEqual([alicesBot, bobsBot]);
  });

  it("streams status changes over SSE", async () => {
    const botId = await botOf(alice, "alice sse");
    // Subscribed before the first change: an event published after the subscription is live reaches it.
    const ready = activeSubscriptions(1);
    const sub = subscribeSse(t.url, OnBotStatusChanged, { botId }, alice);
    open.push(sub);
    await ready();
    await t.execute(StartBot, { id: botId }, { token: alice });
    const paused = await t.execute(PauseBot, { id: botId }, { token: alice });
    expect(paused.data?.pauseBot.bot?.status).toBe("PAUSED");
    expect((await sub.next()).data?.botStatusChanged).toMatchObject({ id: botId, status: "RUNNING" });
    expect((await sub.next()).data?.botStatusChanged).toMatchObject({ id: botId, status: "PAUSED" });
  });

  it("refuses an anonymous subscription", async () => {
    const sub = subscribeWs(t.url, OnBotStatusChanged, {});
    open.push(sub);
    const result = await sub.next();
    expect(result.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
  });

  it("lets an operator enqueue a job with priority and delay and watch it complete on jobUpdated", async () => {
    const pausedQueue = await t.execute(PauseQueue, { name: "jobs" }, { token: admin });
    expect(pausedQueue.data?.pauseQueue.queue).toEqual({ name: "jobs", paused: true });
    const { data } = await t.execute(
      EnqueueJob,
      { input: { queue: "jobs", name: "maintenance.echo", payload: { message: "hello" }, priority: 5, delayMs: 50 } },
      { token: admin },
    );
    const job = data?.enqueueJob.job;
    expect(job).toMatchObject({ queue: "jobs", name: "maintenance.echo", status: "DELAYED", priority: 5 });
    expect(job?.delayedUntil).not.toBeNull();

    const ready = activeSubscriptions(1);
    const sub = subscribeWs(t.url, OnJobUpdated, { queue: "jobs", id: job?.id ?? "" }, admin);
    open.push(sub);
    await ready();
    await t.execute(ResumeQueue, { name: "jobs" }, { token: admin });

    const seen: string[] = [];
    for (;;) {
      const update = (await sub.next()).data?.jobUpdated;
      seen.push(update?.status ?? "null");
      if (update?.status === "COMPLETED") {
        expect(update.result).toBe("hello");
        break;
      }
    }
    expect(seen).toContain("COMPLETED");
    const stored = await t.execute(JobById, { queue: "jobs", id: job?.id ?? "" }, { token: admin });
    expect(stored.data?.job).toMatchObject({ status: "COMPLETED", attemptsMade: 1, result: "hello" });
    const queues = await t.execute(Queues, undefined, { token: admin });
    expect(queues.data?.queues.find((q) => q.name === "jobs")).toMatchObject({ paused: false, completed: 1 });
  });

  it("reports a bad job as userErrors naming the field, and keeps queues admin-only", async () => {
    const bad = await t.execute(
      EnqueueJob,
      { input: { queue: "jobs", name: "maintenance.echo", payload: { message: 42 }, priority: 0 } },
      { token: admin },
    );
    expect(bad.data?.enqueueJob.job).toBeNull();
    expect(bad.data?.enqueueJob.userErrors.map((e) => e.field?.join("."))).toEqual(["input.priority"]);
    const badPayload = await t.execute(
      EnqueueJob,
      { input: { queue: "jobs", name: "maintenance.echo", payload: { message: 42 } } },
      { token: admin },
    );
    expect(badPayload.data?.enqueueJob.userErrors[0]?.field).toEqual(["input", "payload", "message"]);
    const unknown = await t.execute(EnqueueJob, { input: { queue: "nope", name: "x" } }, { token: admin });
    expect(unknown.data?.enqueueJob.userErrors[0]).toMatchObject({ field: ["input", "queue"], code: "NOT_FOUND" });
    const asTrader = await t.execute(Queues, undefined, { token: alice });
    expect(asTrader.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
  });
});
