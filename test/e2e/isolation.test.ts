import { readFileSync } from "node:fs";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLFormattedError,
  type ObjectTypeDefinitionNode,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInternalToken } from "../../src/auth/tokens.js";
import type { SubgraphName } from "../../src/config/index.js";
import { INTERNAL_TOKEN_HEADER } from "../../src/subgraph/headers.js";
import { startTestStack, type GraphQLResponse, type TestStack } from "../harness.js";
import { subscribeWs, type TestSubscription } from "../subscriptions.js";

/**
 * Tenant isolation, table-driven: every root field of the supergraph has one row below, and the
 * test fails while one has none. Each row is sent as trader Alice against what trader Bob owns.
 * Whatever a row expects, no response may contain Bob's private strings and Bob's data must be the
 * same afterwards.
 *
 * Adding a root field: add a row to `ROOT_FIELDS` keyed `"Type.field"`, with `send` (the operation,
 * aimed at Bob's ids) and `expect` (`refused`, `adminOnly`, `ownDataOnly` or `sharedData`), or for a
 * subscription `subscription` + the events that should and should not reach Alice. A new entity
 * type needs a row in `ENTITIES` the same way.
 */

type Data = Record<string, unknown>;
type Doc = TypedDocumentNode<Data, Data>;
const doc = (source: string): Doc => parse(source);

/** Bob's records that Alice aims at. */
interface BobIds {
  bot: string;
  order: string;
  trade: string;
  endpoint: string;
  delivery: string;
}

/** Strings only Bob's records contain; none may reach Alice. */
const BOB_BOT = "bob-private-bot";
const BOB_ORDER = "bob-private-order";
const BOB_ENDPOINT = "bob-private-endpoint";
const BOB_URL = "http://127.0.0.1:9/bob-private-hook";
const BOB_MARKERS = [BOB_BOT, BOB_ORDER, BOB_ENDPOINT, BOB_URL, '"ownerId":"bob"', "whsec_"];

const REFUSAL_CODES = new Set(["FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"]);

type Expectation = (response: GraphQLResponse<Data>, field: string) => void;

function isEmptyResult(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value !== "object") return false;
  const object = value as { userErrors?: unknown[]; totalCount?: number; edges?: unknown[] };
  if (Array.isArray(object.userErrors)) return object.userErrors.length > 0;
  if (Array.isArray(object.edges)) return object.edges.length === 0 && (object.totalCount ?? 0) === 0;
  return false;
}

/** Alice learns nothing and changes nothing: a refusal code, null, an empty list, or a userError. */
const refused: Expectation = (response, field) => {
  const codes = (response.errors ?? []).map((e) => e.extensions?.["code"]);
  if (codes.some((code) => REFUSAL_CODES.has(code as string))) return;
  expect(codes, `${field}: unexpected errors ${JSON.stringify(response.errors)}`).toEqual([]);
  expect(isEmptyResult(response.data?.[field]), `${field} answered ${JSON.stringify(response.data)}`).toBe(true);
};

/** Only admins: Alice gets FORBIDDEN. */
const adminOnly: Expectation = (response, field) => {
  expect(
    response.errors?.map((e) => e.extensions?.["code"]),
    field,
  ).toEqual(["FORBIDDEN"]);
};

/** It works, on Alice's own records only (the generic checks prove Bob's stay untouched and unseen). */
const ownDataOnly: Expectation = (response, field) => {
  expect(response.errors, field).toBeUndefined();
  expect((response.data?.[field] as { userErrors?: unknown[] }).userErrors ?? [], field).toEqual([]);
};

/** Data that belongs to no tenant (health, prices, flag definitions, event types). */
const sharedData: Expectation = (response, field) => {
  expect(response.errors, field).toBeUndefined();
};

interface OperationRow {
  send: (bob: BobIds) => { document: Doc; variables?: Data };
  expect: Expectation;
}

interface SubscriptionRow {
  /** Takes `$botId` (Bob's bot, or none for "everything I may see"). */
  subscription: Doc;
  /** Admin-only: Alice's subscription is refused at once. */
  adminOnly?: true;
  /** Makes Bob's records emit this subscription's event. */
  bobEvent?: (bob: BobIds) => Promise<void>;
  /** Makes Alice's records emit it; it must arrive, and alone. */
  aliceEvent?: () => Promise<void>;
}

type Row = OperationRow | SubscriptionRow;

const op = (source: string, variables?: (bob: BobIds) => Data) => (bob: BobIds) => ({
  document: doc(source),
  variables: variables?.(bob),
});

const BOT_FIELDS = "id name ownerId symbol status config";
const ORDER_FIELDS = "id clientOrderId status bot { id name ownerId }";
const TRADE_FIELDS = "id symbol quantity bot { id name ownerId } order { id clientOrderId }";
const ENDPOINT_FIELDS = "id url description enabled deliveries { totalCount edges { node { id status } } }";

let t: TestStack;
let alice: string;
let bob: string;
let admin: string;
let aliceBot: string;

async function send(document: Doc, variables: Data | undefined, token: string): Promise<GraphQLResponse<Data>> {
  return t.execute(document, variables, { token });
}

async function ok(document: Doc, variables: Data | undefined, token: string): Promise<Data> {
  const response = await send(document, variables, token);
  expect(response.errors, print(document)).toBeUndefined();
  return response.data ?? {};
}

const PAUSE = doc("mutation($id: ID!) { pauseBot(id: $id) { bot { id } userErrors { code } } }");
const START = doc("mutation($id: ID!) { startBot(id: $id) { bot { id } userErrors { code } } }");
const SUBMIT = doc(
  "mutation($input: SubmitOrderInput!) { submitOrder(input: $input) { order { id } userErrors { message } } }",
);
let orderSequence = 0;
const buy = (botId: string, token: string) =>
  ok(
    SUBMIT,
    {
      input: {
        botId,
        clientOrderId: `${token === bob ? BOB_ORDER : "alice-order"}-${++orderSequence}`,
        side: "BUY",
        type: "MARKET",
        quantity: "1",
      },
    },
    token,
  );
const toggle = async (botId: string, token: string) => {
  await ok(PAUSE, { id: botId }, token);
  await ok(START, { id: botId }, token);
};

/** One row per root field of the supergraph. */
const ROOT_FIELDS: Record<string, Row> = {
  "Query.health": { send: op("{ health { status } }"), expect: sharedData },
  "Query.queues": { send: op("{ queues { name } }"), expect: adminOnly },
  "Query.operationStats": {
    send: op('{ operationStats(since: "2026-01-01T00:00:00Z") { operationName count } }'),
    expect: adminOnly,
  },
  "Query.job": {
    send: op('{ job(queue: "webhooks.deliver", id: "x") { id data } }'),
    expect: adminOnly,
  },
  "Query.jobs": {
    send: op('{ jobs(queue: "webhooks.deliver", status: COMPLETED) { id data } }'),
    expect: adminOnly,
  },
  "Query.bot": {
    send: op(`query($id: ID!) { bot(id: $id) { ${BOT_FIELDS} } }`, (b) => ({ id: b.bot })),
    expect: refused,
  },
  "Query.bots": {
    send: op(`{ bots(first: 100) { totalCount edges { node { ${BOT_FIELDS} } } } }`),
    expect: ownDataOnly,
  },
  "Query.featureFlags": { send: op("{ featureFlags { key } }"), expect: sharedData },
  "Query.featureFlag": { send: op('{ featureFlag(key: "arbitrage") { key } }'), expect: sharedData },
  "Query.evaluateFlag": {
    send: op('{ evaluateFlag(key: "arbitrage") { key value reason } }'),
    expect: sharedData,
  },
  "Query.evaluateFlags": {
    send: op('{ evaluateFlags(keys: ["arbitrage"]) { key value reason } }'),
    expect: sharedData,
  },
  "Query.order": {
    send: op(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, (b) => ({ id: b.order })),
    expect: refused,
  },
  "Query.ticker": { send: op('{ ticker(symbol: "BTC/USDT") { price } }'), expect: sharedData },
  "Query.trade": {
    send: op(`query($id: ID!) { trade(id: $id) { ${TRADE_FIELDS} } }`, (b) => ({ id: b.trade })),
    expect: refused,
  },
  "Query.trades": {
    send: op(`query($botId: ID!) { trades(botId: $botId) { totalCount edges { node { ${TRADE_FIELDS} } } } }`, (b) => ({
      botId: b.bot,
    })),
    expect: refused,
  },
  "Query.webhookEndpoints": {
    send: op(`{ webhookEndpoints(first: 100) { edges { node { ${ENDPOINT_FIELDS} } } } }`),
    expect: ownDataOnly,
  },
  "Query.webhookEndpoint": {
    send: op(`query($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT_FIELDS} } }`, (b) => ({ id: b.endpoint })),
    expect: refused,
  },
  "Query.webhookEventTypes": { send: op("{ webhookEventTypes }"), expect: sharedData },
  "Mutation.enqueueJob": {
    send: op('mutation { enqueueJob(input: { queue: "maintenance", name: "maintenance.noop" }) { job { id } } }'),
    expect: adminOnly,
  },
  "Mutation.retryJob": {
    send: op('mutation { retryJob(queue: "webhooks.deliver", id: "x") { job { id } } }'),
    expect: adminOnly,
  },
  "Mutation.removeJob": {
    send: op('mutation { removeJob(queue: "webhooks.deliver", id: "x") { removedJobId } }'),
    expect: adminOnly,
  },
  "Mutation.pauseQueue": { send: op('mutation { pauseQueue(name: "orders") { queue { name } } }'), expect: adminOnly },
  "Mutation.resumeQueue": {
    send: op('mutation { resumeQueue(name: "orders") { queue { name } } }'),
    expect: adminOnly,
  },
  "Mutation.createBot": {
    send: op(`mutation { createBot(input: { name: "alice extra", symbol: "ETH/USDT" }) { bot { ${BOT_FIELDS} } } }`),
    expect: ownDataOnly,
  },
  "Mutation.updateBot": {
    send: op(
      `mutation($id: ID!) { updateBot(id: $id, input: { name: "pwned" }) { bot { ${BOT_FIELDS} } userErrors { code } } }`,
      (b) => ({ id: b.bot }),
    ),
    expect: refused,
  },
  "Mutation.startBot": {
    send: op(`mutation($id: ID!) { startBot(id: $id) { bot { ${BOT_FIELDS} } userErrors { code } } }`, (b) => ({
      id: b.bot,
    })),
    expect: refused,
  },
  "Mutation.pauseBot": {
    send: op(`mutation($id: ID!) { pauseBot(id: $id) { bot { ${BOT_FIELDS} } userErrors { code } } }`, (b) => ({
      id: b.bot,
    })),
    expect: refused,
  },
  "Mutation.stopBot": {
    send: op(`mutation($id: ID!) { stopBot(id: $id) { bot { ${BOT_FIELDS} } userErrors { code } } }`, (b) => ({
      id: b.bot,
    })),
    expect: refused,
  },
  "Mutation.deleteBot": {
    send: op("mutation($id: ID!) { deleteBot(id: $id) { deletedBotId userErrors { code } } }", (b) => ({ id: b.bot })),
    expect: refused,
  },
  "Mutation.upsertFeatureFlag": {
    send: op('mutation { upsertFeatureFlag(input: { key: "x", enabled: true }) { flag { key } } }'),
    expect: adminOnly,
  },
  "Mutation.deleteFeatureFlag": {
    send: op('mutation { deleteFeatureFlag(key: "arbitrage") { deletedKey } }'),
    expect: adminOnly,
  },
  "Mutation.submitOrder": {
    send: op(
      `mutation($botId: ID!) { submitOrder(input: { botId: $botId, clientOrderId: "alice-into-bob", side: SELL, type: MARKET, quantity: "1" }) { order { ${ORDER_FIELDS} } userErrors { code } } }`,
      (b) => ({ botId: b.bot }),
    ),
    expect: refused,
  },
  "Mutation.cancelOrder": {
    send: op(`mutation($id: ID!) { cancelOrder(id: $id) { order { ${ORDER_FIELDS} } userErrors { code } } }`, (b) => ({
      id: b.order,
    })),
    expect: refused,
  },
  "Mutation.setTicker": {
    send: op('mutation { setTicker(symbol: "BTC/USDT", price: "1") { ticker { price } } }'),
    expect: adminOnly,
  },
  "Mutation.createWebhookEndpoint": {
    send: op(
      'mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/alice", eventTypes: ["*"] }) { endpoint { id } userErrors { code } } }',
    ),
    expect: ownDataOnly,
  },
  "Mutation.updateWebhookEndpoint": {
    send: op(
      `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "http://127.0.0.1:9/alice", enabled: false }) { endpoint { ${ENDPOINT_FIELDS} } userErrors { code } } }`,
      (b) => ({ id: b.endpoint }),
    ),
    expect: refused,
  },
  "Mutation.deleteWebhookEndpoint": {
    send: op(
      "mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedWebhookEndpointId userErrors { code } } }",
      (b) => ({ id: b.endpoint }),
    ),
    expect: refused,
  },
  "Mutation.rotateWebhookSecret": {
    send: op(
      `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { ${ENDPOINT_FIELDS} } userErrors { code } } }`,
      (b) => ({ id: b.endpoint }),
    ),
    expect: refused,
  },
  "Mutation.sendTestWebhook": {
    send: op("mutation($id: ID!) { sendTestWebhook(id: $id) { delivery { id status } userErrors { code } } }", (b) => ({
      id: b.endpoint,
    })),
    expect: refused,
  },
  "Mutation.redeliverWebhook": {
    send: op(
      "mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { delivery { id status } userErrors { code } } }",
      (b) => ({ id: b.delivery }),
    ),
    expect: refused,
  },
  "Subscription.jobUpdated": {
    subscription: doc('subscription { jobUpdated(queue: "maintenance", id: "x") { id data } }'),
    adminOnly: true,
  },
  "Subscription.botStatusChanged": {
    subscription: doc(`subscription($botId: ID) { botStatusChanged(botId: $botId) { ${BOT_FIELDS} } }`),
    bobEvent: (b) => toggle(b.bot, bob),
    aliceEvent: () => toggle(aliceBot, alice),
  },
  "Subscription.orderUpdated": {
    subscription: doc(`subscription($botId: ID) { orderUpdated(botId: $botId) { ${ORDER_FIELDS} } }`),
    bobEvent: async (b) => void (await buy(b.bot, bob)),
    aliceEvent: async () => void (await buy(aliceBot, alice)),
  },
  "Subscription.tradeExecuted": {
    subscription: doc(`subscription($botId: ID) { tradeExecuted(botId: $botId) { ${TRADE_FIELDS} } }`),
    bobEvent: async (b) => void (await buy(b.bot, bob)),
    aliceEvent: async () => void (await buy(aliceBot, alice)),
  },
};

/** One row per entity type and subgraph that resolves it: what Alice asks `_entities` for. */
const ENTITIES: Record<string, { id: (bob: BobIds) => string; selection: string }> = {
  "Bot@bots": { id: (b) => b.bot, selection: BOT_FIELDS },
  "Bot@trades": {
    id: (b) => b.bot,
    selection:
      "id orders { totalCount edges { node { id clientOrderId } } } trades { totalCount } position { quantity } performance { tradeCount }",
  },
  "Order@trades": { id: (b) => b.order, selection: "id clientOrderId status" },
  "Trade@trades": { id: (b) => b.trade, selection: "id quantity order { id clientOrderId }" },
  "WebhookEndpoint@webhooks": { id: (b) => b.endpoint, selection: ENDPOINT_FIELDS },
};

const supergraph = parse(readFileSync("schema/supergraph.graphql", "utf8"));
const objectTypes = supergraph.definitions.filter(
  (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION,
);

/** Every root field of the supergraph as `Type.field`. */
function rootFieldsOf(document: DocumentNode): string[] {
  const roots = new Set(["Query", "Mutation", "Subscription"]);
  return document.definitions
    .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && roots.has(d.name.value))
    .flatMap((type) => (type.fields ?? []).map((field) => `${type.name.value}.${field.name.value}`));
}

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING || value?.kind === Kind.ENUM ? value.value : undefined;
}

/** Every entity type with each subgraph that resolves it, as `Type@subgraph`. */
const entityKeys = objectTypes.flatMap((type) =>
  (type.directives ?? [])
    .filter((d) => d.name.value === "join__type" && argument(d, "key") !== undefined)
    .filter(
      (d) =>
        !(d.arguments ?? []).some(
          (a) => a.name.value === "resolvable" && a.value.kind === Kind.BOOLEAN && !a.value.value,
        ),
    )
    .map((d) => `${type.name.value}@${(argument(d, "graph") ?? "").toLowerCase()}`),
);

const BOB_WORLD = doc(`query($bot: ID!) {
  bots(first: 20) { totalCount edges { node { ${BOT_FIELDS} updatedAt } } }
  bot(id: $bot) { orders(first: 20) { totalCount edges { node { id status } } } trades { totalCount } position { quantity } }
  webhookEndpoints(first: 10) { edges { node { id url description enabled eventTypes
    deliveries(first: 10) { totalCount edges { node { id status attempts { attemptedAt } } } } } } }
}`);

/** True when `value` tells nothing: null, empty, zero, or an object of such (ids aside). */
function revealsNothing(value: unknown): boolean {
  if (value === null || value === undefined || value === 0 || value === "0") return true;
  if (Array.isArray(value)) return value.every(revealsNothing);
  if (typeof value !== "object") return false;
  return Object.entries(value).every(
    ([name, inner]) => name === "id" || name === "__typename" || revealsNothing(inner),
  );
}

function expectNoMarkers(value: unknown, where: string): void {
  const text = JSON.stringify(value);
  for (const marker of BOB_MARKERS) expect(text.includes(marker), `${where} leaked ${marker}: ${text}`).toBe(false);
}

describe("tenant isolation on every path", () => {
  const ids = {} as BobIds;
  const logLines: Record<string, unknown>[] = [];
  const open: TestSubscription<Data>[] = [];

  beforeAll(async () => {
    t = await startTestStack({
      logLines,
      env: { WEBHOOK_RETRY_SCHEDULE: "0", WEBHOOK_TIMEOUT_MS: "2000" },
    });
    alice = await t.token("alice");
    bob = await t.token("bob");
    admin = await t.token("root", ["admin"]);
    await ok(doc('mutation { setTicker(symbol: "BTC/USDT", price: "100") { ticker { price } } }'), undefined, admin);

    const createBot = doc(
      'mutation($name: String!) { createBot(input: { name: $name, symbol: "BTC/USDT" }) { bot { id } } }',
    );
    const botOf = async (name: string, token: string): Promise<string> => {
      const data = await ok(createBot, { name }, token);
      const id = (data["createBot"] as { bot: { id: string } }).bot.id;
      await ok(START, { id }, token);
      return id;
    };
    ids.bot = await botOf(BOB_BOT, bob);
    aliceBot = await botOf("alice own bot", alice);
    const submitted = await buy(ids.bot, bob);
    ids.order = (submitted["submitOrder"] as { order: { id: string } }).order.id;
    const orderOf = doc("query($id: ID!) { order(id: $id) { status trade { id } } }");
    await vi.waitFor(
      async () => {
        const data = await ok(orderOf, { id: ids.order }, bob);
        const order = data["order"] as { status: string; trade: { id: string } | null };
        expect(order.status).toBe("FILLED");
        ids.trade = order.trade?.id ?? "";
      },
      { timeout: 10_000, interval: 50 },
    );

    const created = await ok(
      doc(
        'mutation($url: String!, $description: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: ["webhook.test"], description: $description }) { endpoint { id } } }',
      ),
      { url: BOB_URL, description: BOB_ENDPOINT },
      bob,
    );
    ids.endpoint = (created["createWebhookEndpoint"] as { endpoint: { id: string } }).endpoint.id;
    const tested = await ok(
      doc("mutation($id: ID!) { sendTestWebhook(id: $id) { delivery { id } } }"),
      { id: ids.endpoint },
      bob,
    );
    ids.delivery = (tested["sendTestWebhook"] as { delivery: { id: string } }).delivery.id;
    // The one attempt fails (nothing listens on port 9): the delivery settles as FAILED.
    const deliveryStatus = doc(
      "query($id: ID!) { webhookEndpoint(id: $id) { deliveries { edges { node { status } } } } }",
    );
    await vi.waitFor(
      async () => {
        const data = await ok(deliveryStatus, { id: ids.endpoint }, bob);
        expect(JSON.stringify(data)).toContain('"status":"FAILED"');
      },
      { timeout: 10_000, interval: 50 },
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await t?.close();
  });

  it("has exactly one row per root field of the supergraph", () => {
    const fields = rootFieldsOf(supergraph);
    expect(fields.length).toBeGreaterThan(0);
    const missing = fields.filter((field) => !(field in ROOT_FIELDS));
    const stale = Object.keys(ROOT_FIELDS).filter((field) => !fields.includes(field));
    expect(missing, "root fields without a row in ROOT_FIELDS").toEqual([]);
    expect(stale, "rows for root fields the supergraph no longer has").toEqual([]);
  });

  it("has one row per entity type and subgraph that resolves it", () => {
    expect(entityKeys.filter((key) => !(key in ENTITIES))).toEqual([]);
    expect(Object.keys(ENTITIES).filter((key) => !entityKeys.includes(key))).toEqual([]);
  });

  it.each(Object.entries(ROOT_FIELDS).filter((entry): entry is [string, OperationRow] => "send" in entry[1]))(
    "%s through the gateway: Alice neither sees nor changes Bob's records",
    async (key, row) => {
      const field = key.split(".")[1] ?? "";
      const before = await ok(BOB_WORLD, { bot: ids.bot }, bob);
      const { document, variables } = row.send(ids);
      const response = await send(document, variables, alice);
      expect(response.status, JSON.stringify(response)).toBeLessThan(500);
      expectNoMarkers({ data: response.data, errors: response.errors }, key);
      row.expect(response, field);
      expect(await ok(BOB_WORLD, { bot: ids.bot }, bob), `${key} changed Bob's records`).toEqual(before);
    },
  );

  it.each(
    Object.entries(ROOT_FIELDS).filter((entry): entry is [string, SubscriptionRow] => "subscription" in entry[1]),
  )("%s: Alice's subscription carries none of Bob's events", async (key, row) => {
    if (row.adminOnly) {
      const refusedSub = subscribeWs(t.url, row.subscription, {}, alice);
      open.push(refusedSub);
      const first = await refusedSub.next();
      expect(
        first.errors?.map((e: GraphQLFormattedError) => e.extensions?.["code"]),
        key,
      ).toEqual(["FORBIDDEN"]);
      return;
    }
    const started = (): number => logLines.filter((line) => line["msg"] === "subscription started").length;
    const before = started();
    const everything = subscribeWs(t.url, row.subscription, {}, alice);
    const bobsBot = subscribeWs(t.url, row.subscription, { botId: ids.bot }, alice);
    open.push(everything, bobsBot);
    await vi.waitFor(() => expect(started()).toBeGreaterThanOrEqual(before + 2), { timeout: 5000 });

    await row.bobEvent?.(ids);
    await row.aliceEvent?.();
    // Events reach every subscriber in publication order: Alice's own event arriving first proves
    // Bob's earlier one was filtered out.
    const first = await everything.next(10_000);
    expectNoMarkers(first, key);
    expect(JSON.stringify(first.data)).toContain(aliceBot);
    // Her subscription to Bob's bot has had Bob's event (published before Alice's) and must be silent.
    const leaked = await bobsBot.next(300).then(
      (result) => result,
      () => undefined,
    );
    if (leaked !== undefined) {
      expectNoMarkers(leaked, `${key}(botId: Bob's bot)`);
      expect(leaked.data ?? null).toBeNull();
    }
  });

  it.each(Object.entries(ENTITIES))(
    "%s through _entities sent straight to the subgraph with Alice's internal token: nothing of Bob's",
    async (key, row) => {
      const [typeName = "", subgraph = ""] = key.split("@");
      const url = t.stack.subgraphUrls.get(subgraph as SubgraphName) ?? "";
      const token = await signInternalToken(
        { viewer: { id: "alice", roles: ["trader"] } },
        t.stack.secrets.internalSecret,
        60,
      );
      const entities = async (id: string): Promise<{ status: number; body: { data?: Data; errors?: unknown[] } }> => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: token },
          body: JSON.stringify({
            query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${row.selection} } } }`,
            variables: { r: [{ __typename: typeName, id }] },
          }),
        });
        return { status: response.status, body: (await response.json()) as { data?: Data; errors?: unknown[] } };
      };
      const bobs = await entities(row.id(ids));
      expect(bobs.status).toBeLessThan(500);
      expectNoMarkers(bobs.body, key);
      expect(revealsNothing(bobs.body.data?.["_entities"]), `${key} answered ${JSON.stringify(bobs.body)}`).toBe(true);
    },
  );

  it("answers Alice's own records through _entities, so the refusals above are not a broken token", async () => {
    const url = t.stack.subgraphUrls.get("bots") ?? "";
    const token = await signInternalToken(
      { viewer: { id: "alice", roles: ["trader"] } },
      t.stack.secrets.internalSecret,
      60,
    );
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: token },
      body: JSON.stringify({
        query: "query($r: [_Any!]!) { _entities(representations: $r) { ... on Bot { name ownerId } } }",
        variables: { r: [{ __typename: "Bot", id: aliceBot }] },
      }),
    });
    expect(await response.json()).toEqual({ data: { _entities: [{ name: "alice own bot", ownerId: "alice" }] } });
  });
});
