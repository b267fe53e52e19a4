/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Where a bot is in its lifecycle. */
export type BotStatus =
  | 'ERROR'
  | 'PAUSED'
  | 'RUNNING'
  | 'STOPPED';

export type CreateBotInput = {
  /** The strategy's parameters; {} when omitted. */
  config?: unknown;
  /** A registered exchange; "paper" is built in. */
  exchange?: string;
  /** 1–100 characters after trimming, no markup. */
  name: string;
  /** manual, dca, grid or arbitrage (experimental: needs the arbitrage flag). */
  strategy?: string;
  /** BASE/QUOTE in capitals, e.g. BTC/USDT. */
  symbol: string;
};

export type CreateWebhookEndpointInput = {
  /** Up to 500 characters, no markup. */
  description?: string | null | undefined;
  /** Known event types, or ["*"] for all. */
  eventTypes: Array<string>;
  /** An absolute http(s) URL. */
  url: string;
};

export type DeliveryStatus =
  | 'FAILED'
  | 'PENDING'
  | 'SUCCEEDED';

/** Why a flag evaluated as it did (OpenFeature's reasons). */
export type EvaluationReason =
  | 'DEFAULT'
  | 'DISABLED'
  | 'ERROR'
  | 'SPLIT'
  | 'STATIC'
  | 'TARGETING_MATCH';

export type FlagVariantInput = {
  name: string;
  weight: number;
};

export type HealthStatus =
  | 'FAIL'
  | 'PASS'
  | 'WARN';

export type OrderSide =
  | 'BUY'
  | 'SELL';

export type OrderStatus =
  | 'CANCELED'
  | 'FILLED'
  | 'PENDING'
  | 'REJECTED';

export type OrderType =
  | 'LIMIT'
  | 'MARKET';

export type SubmitOrderInput = {
  botId: string | number;
  /** Your idempotency key (1–64 printable characters): the same key returns the same order. */
  clientOrderId: string;
  /** Required for LIMIT, refused for MARKET. */
  limitPrice?: string | null | undefined;
  /** Base quantity, > 0 and at most the configured maximum. */
  quantity: string;
  side: OrderSide;
  type: OrderType;
};

export type UpsertFeatureFlagInput = {
  allowUserIds?: Array<string>;
  denyUserIds?: Array<string>;
  description?: string | null | undefined;
  enabled?: boolean;
  /** [a-z0-9_.-]{1,64} */
  key: string;
  /** 0–100. */
  rolloutPercentage?: number;
  variants?: Array<FlagVariantInput>;
};

export type ConsoleStartBotMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleStartBotMutation = { startBot: { bot: { id: string, status: BotStatus, statusReason: string | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsolePauseBotMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsolePauseBotMutation = { pauseBot: { bot: { id: string, status: BotStatus, statusReason: string | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleStopBotMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleStopBotMutation = { stopBot: { bot: { id: string, status: BotStatus, statusReason: string | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleTradeFragment = { id: string, side: OrderSide, quantity: string, price: string, fee: string, feeCurrency: string, realizedPnl: string, executedAt: string };

export type ConsoleOrderFragment = { id: string, side: OrderSide, type: OrderType, quantity: string, limitPrice: string | null, status: OrderStatus, rejectReason: string | null, createdAt: string };

export type ConsoleBotStatsFragment = { position: { quantity: string, averageEntryPrice: string | null, costBasis: string }, performance: { tradeCount: number, winningTrades: number, losingTrades: number, winRate: number | null, realizedPnl: string, fees: string, volume: string } };

export type ConsoleBotQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleBotQuery = { bot: { id: string, name: string, exchange: string, symbol: string, strategy: string, config: unknown, status: BotStatus, statusReason: string | null, createdAt: string } | null };

export type ConsoleBotStatsQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleBotStatsQuery = { bot: { id: string, position: { quantity: string, averageEntryPrice: string | null, costBasis: string }, performance: { tradeCount: number, winningTrades: number, losingTrades: number, winRate: number | null, realizedPnl: string, fees: string, volume: string } } | null };

export type ConsoleTradesQueryVariables = Exact<{
  botId: string | number;
  after?: string | null | undefined;
}>;


export type ConsoleTradesQuery = { trades: { totalCount: number, edges: Array<{ node: { id: string, side: OrderSide, quantity: string, price: string, fee: string, feeCurrency: string, realizedPnl: string, executedAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleTickerQueryVariables = Exact<{
  symbol: string;
}>;


export type ConsoleTickerQuery = { ticker: { price: string, updatedAt: string } | null };

export type ConsoleTradeExecutedSubscriptionVariables = Exact<{
  botId: string | number;
}>;


export type ConsoleTradeExecutedSubscription = { tradeExecuted: { id: string, side: OrderSide, quantity: string, price: string, fee: string, feeCurrency: string, realizedPnl: string, executedAt: string } };

export type ConsoleOrderUpdatedSubscriptionVariables = Exact<{
  botId: string | number;
}>;


export type ConsoleOrderUpdatedSubscription = { orderUpdated: { id: string, side: OrderSide, type: OrderType, quantity: string, limitPrice: string | null, status: OrderStatus, rejectReason: string | null, createdAt: string } };

export type ConsoleBotStatusSubscriptionVariables = Exact<{
  botId: string | number;
}>;


export type ConsoleBotStatusSubscription = { botStatusChanged: { id: string, status: BotStatus, statusReason: string | null } };

export type ConsoleSubmitOrderMutationVariables = Exact<{
  input: SubmitOrderInput;
}>;


export type ConsoleSubmitOrderMutation = { submitOrder: { order: { id: string, side: OrderSide, type: OrderType, quantity: string, limitPrice: string | null, status: OrderStatus, rejectReason: string | null, createdAt: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleBotRowFragment = { id: string, name: string, symbol: string, strategy: string, status: BotStatus, statusReason: string | null };

export type ConsoleBotsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleBotsQuery = { bots: { totalCount: number, edges: Array<{ node: { id: string, name: string, symbol: string, strategy: string, status: BotStatus, statusReason: string | null } }> } };

export type ConsoleBotStatusChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ConsoleBotStatusChangedSubscription = { botStatusChanged: { id: string, name: string, symbol: string, strategy: string, status: BotStatus, statusReason: string | null } };

export type ConsoleCreateBotMutationVariables = Exact<{
  input: CreateBotInput;
}>;


export type ConsoleCreateBotMutation = { createBot: { bot: { id: string, name: string, symbol: string, strategy: string, status: BotStatus, statusReason: string | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleFlagFragment = { key: string, description: string | null, enabled: boolean, rolloutPercentage: number, allowUserIds: Array<string>, denyUserIds: Array<string>, updatedAt: string, variants: Array<{ name: string, weight: number }> };

export type ConsoleFlagsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleFlagsQuery = { featureFlags: Array<{ key: string, description: string | null, enabled: boolean, rolloutPercentage: number, allowUserIds: Array<string>, denyUserIds: Array<string>, updatedAt: string, variants: Array<{ name: string, weight: number }> }> };

export type ConsoleUpsertFlagMutationVariables = Exact<{
  input: UpsertFeatureFlagInput;
}>;


export type ConsoleUpsertFlagMutation = { upsertFeatureFlag: { flag: { key: string, description: string | null, enabled: boolean, rolloutPercentage: number, allowUserIds: Array<string>, denyUserIds: Array<string>, updatedAt: string, variants: Array<{ name: string, weight: number }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleEvaluateFlagQueryVariables = Exact<{
  key: string | number;
  targetingKey: string;
}>;


export type ConsoleEvaluateFlagQuery = { evaluateFlag: { key: string, value: boolean, variant: string | null, reason: EvaluationReason, errorCode: string | null } };

export type ConsoleQueueFragment = { name: string, waiting: number, active: number, delayed: number, prioritized: number, completed: number, failed: number, paused: boolean };

export type ConsoleOpsQueryVariables = Exact<{
  since: string;
}>;


export type ConsoleOpsQuery = { health: { status: HealthStatus, version: string, uptimeSeconds: number, checks: Array<{ name: string, componentId: string | null, componentType: string, status: HealthStatus, observedValue: number | null, observedUnit: string | null, output: string | null, time: string }> }, queues: Array<{ name: string, waiting: number, active: number, delayed: number, prioritized: number, completed: number, failed: number, paused: boolean }>, operationStats: Array<{ operationName: string, clientName: string, clientVersion: string, count: number, errorCount: number, p50Ms: number, p90Ms: number, p95Ms: number, p99Ms: number }> };

export type ConsolePauseQueueMutationVariables = Exact<{
  name: string;
}>;


export type ConsolePauseQueueMutation = { pauseQueue: { queue: { name: string, waiting: number, active: number, delayed: number, prioritized: number, completed: number, failed: number, paused: boolean } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleResumeQueueMutationVariables = Exact<{
  name: string;
}>;


export type ConsoleResumeQueueMutation = { resumeQueue: { queue: { name: string, waiting: number, active: number, delayed: number, prioritized: number, completed: number, failed: number, paused: boolean } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleEndpointFragment = { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, createdAt: string };

export type ConsoleWebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWebhookEndpointsQuery = { webhookEventTypes: Array<string>, webhookEndpoints: { totalCount: number, edges: Array<{ node: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, createdAt: string } }> } };

export type ConsoleWebhookDeliveriesQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleWebhookDeliveriesQuery = { webhookEndpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, createdAt: string, deliveries: { totalCount: number, edges: Array<{ node: { id: string, eventId: string, eventType: string, status: DeliveryStatus, nextAttemptAt: string | null, createdAt: string, attempts: Array<{ attemptedAt: string, responseStatus: number | null, durationMs: number, error: string | null }> } }> } } | null };

export type ConsoleCreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type ConsoleCreateWebhookEndpointMutation = { createWebhookEndpoint: { secret: string | null, endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, createdAt: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleSetWebhookEnabledMutationVariables = Exact<{
  id: string | number;
  enabled: boolean;
}>;


export type ConsoleSetWebhookEnabledMutation = { updateWebhookEndpoint: { endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: string | null, createdAt: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleSendTestWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleSendTestWebhookMutation = { sendTestWebhook: { delivery: { id: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export type ConsoleRedeliverWebhookMutationVariables = Exact<{
  deliveryId: string | number;
}>;


export type ConsoleRedeliverWebhookMutation = { redeliverWebhook: { delivery: { id: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: string }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConsoleTradeFragmentDoc = new TypedDocumentString(`
    fragment ConsoleTrade on Trade {
  id
  side
  quantity
  price
  fee
  feeCurrency
  realizedPnl
  executedAt
}
    `, {"fragmentName":"ConsoleTrade"}) as unknown as TypedDocumentString<ConsoleTradeFragment, unknown>;
export const ConsoleOrderFragmentDoc = new TypedDocumentString(`
    fragment ConsoleOrder on Order {
  id
  side
  type
  quantity
  limitPrice
  status
  rejectReason
  createdAt
}
    `, {"fragmentName":"ConsoleOrder"}) as unknown as TypedDocumentString<ConsoleOrderFragment, unknown>;
export const ConsoleBotStatsFragmentDoc = new TypedDocumentString(`
    fragment ConsoleBotStats on Bot {
  position {
    quantity
    averageEntryPrice
    costBasis
  }
  performance {
    tradeCount
    winningTrades
    losingTrades
    winRate
    realizedPnl
    fees
    volume
  }
}
    `, {"fragmentName":"ConsoleBotStats"}) as unknown as TypedDocumentString<ConsoleBotStatsFragment, unknown>;
export const ConsoleBotRowFragmentDoc = new TypedDocumentString(`
    fragment ConsoleBotRow on Bot {
  id
  name
  symbol
  strategy
  status
  statusReason
}
    `, {"fragmentName":"ConsoleBotRow"}) as unknown as TypedDocumentString<ConsoleBotRowFragment, unknown>;
export const ConsoleFlagFragmentDoc = new TypedDocumentString(`
    fragment ConsoleFlag on FeatureFlag {
  key
  description
  enabled
  rolloutPercentage
  allowUserIds
  denyUserIds
  variants {
    name
    weight
  }
  updatedAt
}
    `, {"fragmentName":"ConsoleFlag"}) as unknown as TypedDocumentString<ConsoleFlagFragment, unknown>;
export const ConsoleQueueFragmentDoc = new TypedDocumentString(`
    fragment ConsoleQueue on QueueStats {
  name
  waiting
  active
  delayed
  prioritized
  completed
  failed
  paused
}
    `, {"fragmentName":"ConsoleQueue"}) as unknown as TypedDocumentString<ConsoleQueueFragment, unknown>;
export const ConsoleEndpointFragmentDoc = new TypedDocumentString(`
    fragment ConsoleEndpoint on WebhookEndpoint {
  id
  url
  description
  eventTypes
  enabled
  disabledReason
  createdAt
}
    `, {"fragmentName":"ConsoleEndpoint"}) as unknown as TypedDocumentString<ConsoleEndpointFragment, unknown>;
export const ConsoleStartBotDocument = new TypedDocumentString(`
    mutation ConsoleStartBot($id: ID!) {
  startBot(id: $id) {
    bot {
      id
      status
      statusReason
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleStartBotMutation, ConsoleStartBotMutationVariables>;
export const ConsolePauseBotDocument = new TypedDocumentString(`
    mutation ConsolePauseBot($id: ID!) {
  pauseBot(id: $id) {
    bot {
      id
      status
      statusReason
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConsolePauseBotMutation, ConsolePauseBotMutationVariables>;
export const ConsoleStopBotDocument = new TypedDocumentString(`
    mutation ConsoleStopBot($id: ID!) {
  stopBot(id: $id) {
    bot {
      id
      status
      statusReason
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleStopBotMutation, ConsoleStopBotMutationVariables>;
export const ConsoleBotDocument = new TypedDocumentString(`
    query ConsoleBot($id: ID!) {
  bot(id: $id) {
    id
    name
    exchange
    symbol
    strategy
    config
    status
    statusReason
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleBotQuery, ConsoleBotQueryVariables>;
export const ConsoleBotStatsDocument = new TypedDocumentString(`
    query ConsoleBotStats($id: ID!) {
  bot(id: $id) {
    id
    ...ConsoleBotStats
  }
}
    fragment ConsoleBotStats on Bot {
  position {
    quantity
    averageEntryPrice
    costBasis
  }
  performance {
    tradeCount
    winningTrades
    losingTrades
    winRate
    realizedPnl
    fees
    volume
  }
}`) as unknown as TypedDocumentString<ConsoleBotStatsQuery, ConsoleBotStatsQueryVariables>;
export const ConsoleTradesDocument = new TypedDocumentString(`
    query ConsoleTrades($botId: ID!, $after: String) {
  trades(botId: $botId, first: 100, after: $after) {
    totalCount
    edges {
      node {
        ...ConsoleTrade
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ConsoleTrade on Trade {
  id
  side
  quantity
  price
  fee
  feeCurrency
  realizedPnl
  executedAt
}`) as unknown as TypedDocumentString<ConsoleTradesQuery, ConsoleTradesQueryVariables>;
export const ConsoleTickerDocument = new TypedDocumentString(`
    query ConsoleTicker($symbol: String!) {
  ticker(symbol: $symbol) {
    price
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleTickerQuery, ConsoleTickerQueryVariables>;
export const ConsoleTradeExecutedDocument = new TypedDocumentString(`
    subscription ConsoleTradeExecuted($botId: ID!) {
  tradeExecuted(botId: $botId) {
    ...ConsoleTrade
  }
}
    fragment ConsoleTrade on Trade {
  id
  side
  quantity
  price
  fee
  feeCurrency
  realizedPnl
  executedAt
}`) as unknown as TypedDocumentString<ConsoleTradeExecutedSubscription, ConsoleTradeExecutedSubscriptionVariables>;
export const ConsoleOrderUpdatedDocument = new TypedDocumentString(`
    subscription ConsoleOrderUpdated($botId: ID!) {
  orderUpdated(botId: $botId) {
    ...ConsoleOrder
  }
}
    fragment ConsoleOrder on Order {
  id
  side
  type
  quantity
  limitPrice
  status
  rejectReason
  createdAt
}`) as unknown as TypedDocumentString<ConsoleOrderUpdatedSubscription, ConsoleOrderUpdatedSubscriptionVariables>;
export const ConsoleBotStatusDocument = new TypedDocumentString(`
    subscription ConsoleBotStatus($botId: ID!) {
  botStatusChanged(botId: $botId) {
    id
    status
    statusReason
  }
}
    `) as unknown as TypedDocumentString<ConsoleBotStatusSubscription, ConsoleBotStatusSubscriptionVariables>;
export const ConsoleSubmitOrderDocument = new TypedDocumentString(`
    mutation ConsoleSubmitOrder($input: SubmitOrderInput!) {
  submitOrder(input: $input) {
    order {
      ...ConsoleOrder
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment ConsoleOrder on Order {
  id
  side
  type
  quantity
  limitPrice
  status
  rejectReason
  createdAt
}`) as unknown as TypedDocumentString<ConsoleSubmitOrderMutation, ConsoleSubmitOrderMutationVariables>;
export const ConsoleBotsDocument = new TypedDocumentString(`
    query ConsoleBots {
  bots(first: 100) {
    totalCount
    edges {
      node {
        ...ConsoleBotRow
      }
    }
  }
}
    fragment ConsoleBotRow on Bot {
  id
  name
  symbol
  strategy
  status
  statusReason
}`) as unknown as TypedDocumentString<ConsoleBotsQuery, ConsoleBotsQueryVariables>;
export const ConsoleBotStatusChangedDocument = new TypedDocumentString(`
    subscription ConsoleBotStatusChanged {
  botStatusChanged {
    ...ConsoleBotRow
  }
}
    fragment ConsoleBotRow on Bot {
  id
  name
  symbol
  strategy
  status
  statusReason
}`) as unknown as TypedDocumentString<ConsoleBotStatusChangedSubscription, ConsoleBotStatusChangedSubscriptionVariables>;
export const ConsoleCreateBotDocument = new TypedDocumentString(`
    mutation ConsoleCreateBot($input: CreateBotInput!) {
  createBot(input: $input) {
    bot {
      ...ConsoleBotRow
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment ConsoleBotRow on Bot {
  id
  name
  symbol
  strategy
  status
  statusReason
}`) as unknown as TypedDocumentString<ConsoleCreateBotMutation, ConsoleCreateBotMutationVariables>;
export const ConsoleFlagsDocument = new TypedDocumentString(`
    query ConsoleFlags {
  featureFlags {
    ...ConsoleFlag
  }
}
    fragment ConsoleFlag on FeatureFlag {
  key
  description
  enabled
  rolloutPercentage
  allowUserIds
  denyUserIds
  variants {
    name
    weight
  }
  updatedAt
}`) as unknown as TypedDocumentString<ConsoleFlagsQuery, ConsoleFlagsQueryVariables>;
export const ConsoleUpsertFlagDocument = new TypedDocumentString(`
    mutation ConsoleUpsertFlag($input: UpsertFeatureFlagInput!) {
  upsertFeatureFlag(input: $input) {
    flag {
      ...ConsoleFlag
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment ConsoleFlag on FeatureFlag {
  key
  description
  enabled
  rolloutPercentage
  allowUserIds
  denyUserIds
  variants {
    name
    weight
  }
  updatedAt
}`) as unknown as TypedDocumentString<ConsoleUpsertFlagMutation, ConsoleUpsertFlagMutationVariables>;
export const ConsoleEvaluateFlagDocument = new TypedDocumentString(`
    query ConsoleEvaluateFlag($key: ID!, $targetingKey: String!) {
  evaluateFlag(key: $key, context: {targetingKey: $targetingKey}) {
    key
    value
    variant
    reason
    errorCode
  }
}
    `) as unknown as TypedDocumentString<ConsoleEvaluateFlagQuery, ConsoleEvaluateFlagQueryVariables>;
export const ConsoleOpsDocument = new TypedDocumentString(`
    query ConsoleOps($since: DateTime!) {
  health {
    status
    version
    uptimeSeconds
    checks {
      name
      componentId
      componentType
      status
      observedValue
      observedUnit
      output
      time
    }
  }
  queues {
    ...ConsoleQueue
  }
  operationStats(since: $since) {
    operationName
    clientName
    clientVersion
    count
    errorCount
    p50Ms
    p90Ms
    p95Ms
    p99Ms
  }
}
    fragment ConsoleQueue on QueueStats {
  name
  waiting
  active
  delayed
  prioritized
  completed
  failed
  paused
}`) as unknown as TypedDocumentString<ConsoleOpsQuery, ConsoleOpsQueryVariables>;
export const ConsolePauseQueueDocument = new TypedDocumentString(`
    mutation ConsolePauseQueue($name: String!) {
  pauseQueue(name: $name) {
    queue {
      ...ConsoleQueue
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment ConsoleQueue on QueueStats {
  name
  waiting
  active
  delayed
  prioritized
  completed
  failed
  paused
}`) as unknown as TypedDocumentString<ConsolePauseQueueMutation, ConsolePauseQueueMutationVariables>;
export const ConsoleResumeQueueDocument = new TypedDocumentString(`
    mutation ConsoleResumeQueue($name: String!) {
  resumeQueue(name: $name) {
    queue {
      ...ConsoleQueue
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment ConsoleQueue on QueueStats {
  name
  waiting
  active
  delayed
  prioritized
  completed
  failed
  paused
}`) as unknown as TypedDocumentString<ConsoleResumeQueueMutation, ConsoleResumeQueueMutationVariables>;
export const ConsoleWebhookEndpointsDocument = new TypedDocumentString(`
    query ConsoleWebhookEndpoints {
  webhookEndpoints(first: 100) {
    totalCount
    edges {
      node {
        ...ConsoleEndpoint
      }
    }
  }
  webhookEventTypes
}
    fragment ConsoleEndpoint on WebhookEndpoint {
  id
  url
  description
  eventTypes
  enabled
  disabledReason
  createdAt
}`) as unknown as TypedDocumentString<ConsoleWebhookEndpointsQuery, ConsoleWebhookEndpointsQueryVariables>;
export const ConsoleWebhookDeliveriesDocument = new TypedDocumentString(`
    query ConsoleWebhookDeliveries($id: ID!) {
  webhookEndpoint(id: $id) {
    ...ConsoleEndpoint
    deliveries(first: 100) {
      totalCount
      edges {
        node {
          id
          eventId
          eventType
          status
          nextAttemptAt
          createdAt
          attempts {
            attemptedAt
            responseStatus
            durationMs
            error
          }
        }
      }
    }
  }
}
    fragment ConsoleEndpoint on WebhookEndpoint {
  id
  url
  description
  eventTypes
  enabled
  disabledReason
  createdAt
}`) as unknown as TypedDocumentString<ConsoleWebhookDeliveriesQuery, ConsoleWebhookDeliveriesQueryVariables>;
export const ConsoleCreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation ConsoleCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    endpoint {
      ...ConsoleEndpoint
    }
    secret
    userErrors {
      field
      message
      code
    }
  }
}
    fragment ConsoleEndpoint on WebhookEndpoint {
  id
  url
  description
  eventTypes
  enabled
  disabledReason
  createdAt
}`) as unknown as TypedDocumentString<ConsoleCreateWebhookEndpointMutation, ConsoleCreateWebhookEndpointMutationVariables>;
export const ConsoleSetWebhookEnabledDocument = new TypedDocumentString(`
    mutation ConsoleSetWebhookEnabled($id: ID!, $enabled: Boolean!) {
  updateWebhookEndpoint(id: $id, input: {enabled: $enabled}) {
    endpoint {
      ...ConsoleEndpoint
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment ConsoleEndpoint on WebhookEndpoint {
  id
  url
  description
  eventTypes
  enabled
  disabledReason
  createdAt
}`) as unknown as TypedDocumentString<ConsoleSetWebhookEnabledMutation, ConsoleSetWebhookEnabledMutationVariables>;
export const ConsoleSendTestWebhookDocument = new TypedDocumentString(`
    mutation ConsoleSendTestWebhook($id: ID!) {
  sendTestWebhook(id: $id) {
    delivery {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSendTestWebhookMutation, ConsoleSendTestWebhookMutationVariables>;
export const ConsoleRedeliverWebhookDocument = new TypedDocumentString(`
    mutation ConsoleRedeliverWebhook($deliveryId: ID!) {
  redeliverWebhook(deliveryId: $deliveryId) {
    delivery {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleRedeliverWebhookMutation, ConsoleRedeliverWebhookMutationVariables>;