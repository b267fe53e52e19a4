/**
 * One contract for every EventBus backend: in process (always) and Redis pub/sub (when reachable;
 * required under CI=true). Plus the Redis bus across two real OS processes, which import the built
 * bus from dist/ (the global setup builds it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { v7 as uuidv7 } from "uuid";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEventBus } from "../../src/events/index.js";
import { createMemoryEventBus } from "../../src/events/memory-bus.js";
import { createRedisEventBus } from "../../src/events/redis-bus.js";
import type { DomainEvent, EventBus, EventEnvelope } from "../../src/events/types.js";
import { createLogger } from "../../src/observability/logger.js";
import { REDIS_TEST_URL, redisAvailable } from "../services.js";

/** How long an event may take to reach a listener. */
const DELIVERY_DEADLINE_MS = 5000;
/** How long a child process may take to subscribe, or to exit once told to. */
const CHILD_DEADLINE_MS = 10_000;
const CHILD_SCRIPT = fileURLToPath(new URL("./redis-bus-child.mjs", import.meta.url));

const logger = createLogger({ level: process.env["TEST_LOG_LEVEL"] ?? "silent", pretty: false });
const REDIS_UP = await redisAvailable();

interface Backend {
  name: string;
  available: boolean;
  /** A bus on `prefix` (buses of one test share it). */
  create(prefix: string): Promise<EventBus>;
}

const BACKENDS: Backend[] = [
  { name: "memory", available: true, create: () => Promise.resolve(createMemoryEventBus({ logger })) },
  {
    name: "redis",
    available: REDIS_UP,
    create: (prefix) => createRedisEventBus({ url: REDIS_TEST_URL, prefix, logger }),
  },
];

const openBuses: EventBus[] = [];
afterEach(async () => {
  await Promise.all(openBuses.splice(0).map((bus) => bus.close()));
});

/** A unique channel prefix, so concurrent test files never hear each other. */
function uniquePrefix(): string {
  return `test-${randomUUID()}`;
}

async function track(bus: Promise<EventBus>): Promise<EventBus> {
  const opened = await bus;
  openBuses.push(opened);
  return opened;
}

let sequence = 0;
function testEvent(overrides: Partial<EventEnvelope<"webhook.test">> = {}): DomainEvent {
  sequence++;
  return {
    id: uuidv7(),
    type: "webhook.test",
    occurredAt: new Date().toISOString(),
    ownerId: "alice",
    data: { endpointId: "endpoint-1", message: `message ${sequence}` },
    requestId: `request-${sequence}`,
    ...overrides,
  };
}

/** Subscribes a listener that remembers what it receives. */
function listen(bus: EventBus): { received: DomainEvent[]; unsubscribe: () => void } {
  const received: DomainEvent[] = [];
  return { received, unsubscribe: bus.subscribe((event) => void received.push(event)) };
}

function until(assertion: () => void): Promise<void> {
  return vi.waitFor(assertion, { timeout: DELIVERY_DEADLINE_MS });
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`EventBus contract: ${backend.name}`, () => {
    const open = (): Promise<EventBus> => track(backend.create(uniquePrefix()));

    it("delivers each published event, unchanged, to every subscriber", async () => {
      const bus = await open();
      const first = listen(bus);
      const second = listen(bus);
      const systemEvent: DomainEvent<"flag.updated"> = {
        id: uuidv7(),
        type: "flag.updated",
        occurredAt: new Date().toISOString(),
        ownerId: null,
        data: {
          key: "arbitrage",
          before: null,
          after: {
            key: "arbitrage",
            description: null,
            enabled: true,
            rolloutPercentage: 100,
            allowUserIds: [],
            denyUserIds: [],
            variants: [],
            updatedAt: new Date().toISOString(),
          },
          actor: "admin",
        },
      };
      const events = [testEvent(), systemEvent];
      for (const event of events) await bus.publish(event);
      await until(() => expect(first.received).toEqual(events));
      await until(() => expect(second.received).toEqual(events));
    });

    it("never calls a listener inside publish", async () => {
      const bus = await open();
      const { received } = listen(bus);
      const event = testEvent();
      const publishing = bus.publish(event);
      expect(received).toEqual([]);
      await publishing;
      await until(() => expect(received).toEqual([event]));
    });

    it("keeps delivering to the other listeners when one throws or rejects", async () => {
      const bus = await open();
      let thrown = 0;
      let rejected = 0;
      bus.subscribe(() => {
        thrown++;
        throw new Error("listener bug");
      });
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the bus must survive async listeners too
      bus.subscribe(async () => {
        rejected++;
        await Promise.reject(new Error("async listener bug"));
      });
      const { received } = listen(bus);
      const events = [testEvent(), testEvent()];
      for (const event of events) await bus.publish(event);
      await until(() => expect(received).toEqual(events));
      expect({ thrown, rejected }).toEqual({ thrown: 2, rejected: 2 });
    });

    it("delivers events in the order they were published", async () => {
      const bus = await open();
      const { received } = listen(bus);
      const events = Array.from({ length: 20 }, () => testEvent());
      await Promise.all(events.map((event) => bus.publish(event)));
      await until(() => expect(received).toEqual(events));
    });

    it("stops delivering to a listener once it unsubscribes", async () => {
      const bus = await open();
      const gone = listen(bus);
      const staying = listen(bus);
      gone.unsubscribe();
      const event = testEvent();
      await bus.publish(event);
      // One event reaches every listener in the same dispatch: once one has it, the other would too.
      await until(() => expect(staying.received).toEqual([event]));
      expect(gone.received).toEqual([]);
    });

    it("delivers to a listener only the events published after it subscribed", async () => {
      const bus = await open();
      const early = listen(bus);
      const before = testEvent();
      await bus.publish(before);
      await until(() => expect(early.received).toEqual([before]));
      const late = listen(bus);
      const after = testEvent();
      await bus.publish(after);
      await until(() => expect(late.received).toEqual([after]));
      expect(early.received).toEqual([before, after]);
    });

    it("rejects an event that is not JSON", async () => {
      const bus = await open();
      await expect(
        // Not a payload any event declares: what a bug would publish.
        bus.publish({ ...testEvent(), data: { quantity: 1n } } as unknown as DomainEvent),
      ).rejects.toThrow(/BigInt/);
    });

    it("refuses to publish once closed, and closes only once", async () => {
      const bus = await backend.create(uniquePrefix());
      await bus.close();
      await bus.close();
      await expect(bus.publish(testEvent())).rejects.toThrow(/closed/);
    });
  });
}

describe("createEventBus", () => {
  it("keeps events in process without a Redis URL", async () => {
    const bus = await track(createEventBus({ prefix: uniquePrefix(), logger }));
    const { received } = listen(bus);
    const event = testEvent();
    await bus.publish(event);
    await until(() => expect(received).toEqual([event]));
  });

  it.skipIf(!REDIS_UP)("shares events between every bus on the same Redis prefix", async () => {
    const prefix = uniquePrefix();
    const publisher = await track(createEventBus({ redisUrl: REDIS_TEST_URL, prefix, logger }));
    const other = await track(createEventBus({ redisUrl: REDIS_TEST_URL, prefix, logger }));
    const { received } = listen(other);
    const event = testEvent();
    await publisher.publish(event);
    await until(() => expect(received).toEqual([event]));
  });

  it("fails fast when Redis cannot be reached", async () => {
    await expect(createEventBus({ redisUrl: "redis://127.0.0.1:1", prefix: uniquePrefix(), logger })).rejects.toThrow(
      /cannot subscribe to .*:events: connect ECONNREFUSED/,
    );
  });
});

/** A child process subscribed to the bus, its stdout lines collected as they arrive. */
interface ChildListener {
  child: ChildProcess;
  lines: string[];
  stderr: string;
  /** Resolves with the first line (already printed or to come) that `match` accepts. */
  line(match: (line: string) => boolean, ms: number): Promise<string>;
}

function spawnListener(prefix: string): ChildListener {
  const child = spawn(process.execPath, [CHILD_SCRIPT], {
    env: { ...process.env, REDIS_URL: REDIS_TEST_URL, BUS_PREFIX: prefix },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const changed = new Set<() => void>();
  const listener: ChildListener = {
    child,
    lines,
    stderr: "",
    line: (match, ms) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = lines.find(match);
          if (found !== undefined) finish(() => resolve(found));
          else if (child.exitCode !== null) finish(() => reject(new Error(`child exited\n${listener.stderr}`)));
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`no matching line within ${ms} ms: ${lines.join("\n")}\n${listener.stderr}`)),
            ),
          ms,
        );
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          changed.delete(check);
          settle();
        };
        changed.add(check);
        check();
      }),
  };
  const notify = (): void => changed.forEach((check) => check());
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    notify();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (listener.stderr += chunk));
  child.on("exit", notify);
  return listener;
}

/** Ends the child's stdin (it closes its bus and exits); kills it if it has not exited by the deadline. */
async function stopListener({ child }: ChildListener): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_DEADLINE_MS);
  child.stdin?.end();
  await exited;
  clearTimeout(timer);
}

describe.skipIf(!REDIS_UP)("Redis event bus across processes", () => {
  const children: ChildListener[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map(stopListener));
  });

  it("delivers an event published in this process to two other processes", async () => {
    const prefix = uniquePrefix();
    children.push(spawnListener(prefix), spawnListener(prefix));
    await Promise.all(children.map((child) => child.line((line) => line === "ready", CHILD_DEADLINE_MS)));

    const bus = await track(createRedisEventBus({ url: REDIS_TEST_URL, prefix, logger }));
    const event = testEvent();
    await bus.publish(event);

    const printed = await Promise.all(
      children.map((child) => child.line((line) => line.includes(event.id), DELIVERY_DEADLINE_MS)),
    );
    expect(printed.map((line) => JSON.parse(line) as unknown)).toEqual([event, event]);
  });
});
