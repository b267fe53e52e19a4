import { describe, expect, it } from "vitest";
import { CONSUMERS, TASKS } from "../../src/cli/catalog.js";
import type { DomainEvent, EventDataMap, EventType } from "../../src/events/types.js";
import type { OrderSnapshot } from "../../subgraphs/trades/events.js";
import { OrderStatus, OrderType } from "../../subgraphs/trades/order.entity.js";
import { OrderSide } from "../../subgraphs/trades/trade.entity.js";

const retrying = { attempts: 5, backoff: { type: "exponential", delayMs: 1000, jitter: 0.2 } };

function event<T extends EventType>(type: T, data: EventDataMap[T]): DomainEvent<T> {
  return { id: "evt-1", type, occurredAt: "2026-01-01T00:00:00.000Z", ownerId: "alice", data };
}

const order = (fields: Partial<OrderSnapshot>): OrderSnapshot => ({
  id: "o-1",
  botId: "bot-1",
  ownerId: "alice",
  clientOrderId: null,
  symbol: "BTC/USDT",
  side: OrderSide.BUY,
  type: OrderType.MARKET,
  quantity: "0.001",
  limitPrice: null,
  status: OrderStatus.PENDING,
  rejectReason: null,
  tradeId: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  ...fields,
});

const bot = (strategy: string) => ({
  id: "bot-1",
  name: "b",
  ownerId: "alice",
  exchange: "paper",
  symbol: "BTC/USDT",
  strategy,
  config: {},
  status: "RUNNING",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

describe("the jobs events start, gathered from every subgraph", () => {
  it("fills a PENDING order (job id: the order id) and starts nothing for its other updates", () => {
    expect(CONSUMERS.jobsFor(event("order.updated", { order: order({ status: OrderStatus.PENDING }) }))).toEqual([
      { task: "orders.fill", payload: { orderId: "o-1" }, options: { jobId: "o-1", ...retrying } },
    ]);
    expect(CONSUMERS.jobsFor(event("order.updated", { order: order({ status: OrderStatus.FILLED }) }))).toEqual([]);
  });

  it("fails the bot of a rejected DCA order, and fans every rejected order out to webhooks", () => {
    const rejected = (clientOrderId: string) =>
      event("order.rejected", { order: order({ status: OrderStatus.REJECTED, clientOrderId }), reason: "no price" });
    const fanout = (e: DomainEvent) => ({
      task: "webhooks.fanout",
      payload: { event: e },
      options: { jobId: "fanout-evt-1", ...retrying },
    });
    const dca = rejected("dca-1700000000000");
    expect(CONSUMERS.jobsFor(dca)).toEqual([
      {
        task: "bots.fail",
        payload: { botId: "bot-1", reason: "DCA order rejected: no price" },
        options: { jobId: "fail-evt-1", ...retrying },
      },
      fanout(dca),
    ]);
    const manual = rejected("mine-1");
    expect(CONSUMERS.jobsFor(manual)).toEqual([fanout(manual)]);
  });

  it("syncs the DCA schedule on a DCA bot's status change or deletion, and on any bot's update", () => {
    const sync = {
      task: "orders.dcaSync",
      payload: { botId: "bot-1" },
      options: { jobId: "dcasync-evt-1", ...retrying },
    };
    const changed = { from: "STOPPED", to: "RUNNING", reason: null };
    expect(CONSUMERS.jobsFor(event("bot.status_changed", { bot: bot("dca"), ...changed }))[0]).toEqual(sync);
    expect(CONSUMERS.jobsFor(event("bot.status_changed", { bot: bot("grid"), ...changed }))[0]?.task).toBe(
      "webhooks.fanout",
    );
    expect(CONSUMERS.jobsFor(event("bot.deleted", { bot: bot("dca") }))[0]).toEqual(sync);
    expect(CONSUMERS.jobsFor(event("bot.deleted", { bot: bot("grid") })).map((job) => job.task)).toEqual([
      "webhooks.fanout",
    ]);
    expect(CONSUMERS.jobsFor(event("bot.updated", { bot: bot("grid"), changed: ["strategy"] }))[0]).toEqual(sync);
  });

  it("fans out only the events an endpoint may subscribe to", () => {
    expect(CONSUMERS.jobsFor(event("flag.updated", { key: "k", before: null, after: null, actor: "config" }))).toEqual(
      [],
    );
    expect(
      CONSUMERS.jobsFor(event("webhook.test", { endpointId: "e-1", message: "hi" })).map((job) => job.task),
    ).toEqual(["webhooks.fanout"]);
  });

  it("gathers every subgraph's tasks, each on its queue", () => {
    expect(Object.fromEntries(Object.entries(TASKS.definitions).map(([name, task]) => [name, task.queue]))).toEqual({
      "bots.fail": "bots",
      "orders.dcaSync": "orders",
      "orders.dcaTick": "orders",
      "orders.fill": "orders",
      "webhooks.deliver": "webhooks",
      "webhooks.fanout": "webhooks",
      "maintenance.noop": "jobs",
      "maintenance.echo": "jobs",
    });
  });
});
