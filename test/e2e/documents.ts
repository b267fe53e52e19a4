import { graphql } from "../gql/index.js";

export const CreateBot = graphql(`
  mutation CreateBot($input: CreateBotInput!) {
    createBot(input: $input) {
      bot {
        id
        name
        ownerId
        exchange
        symbol
        strategy
        config
        status
        createdAt
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const BotWithTrades = graphql(`
  query BotWithTrades($id: ID!, $first: Int!, $after: String) {
    bot(id: $id) {
      id
      name
      status
      trades(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            symbol
            side
            quantity
            price
            fee
            feeCurrency
            realizedPnl
            executedAt
            bot {
              id
              name
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const Bots = graphql(`
  query Bots($first: Int!, $after: String) {
    bots(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          ownerId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const TradeById = graphql(`
  query TradeById($id: ID!) {
    trade(id: $id) {
      id
      quantity
      bot {
        id
        name
        ownerId
      }
    }
  }
`);

export const UpsertFlag = graphql(`
  mutation UpsertFlag($input: UpsertFeatureFlagInput!) {
    upsertFeatureFlag(input: $input) {
      flag {
        key
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
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** An `UpsertFlag` input: an enabled flag at 100 % with no lists or variants, then `overrides`. */
export const flagInput = (key: string, overrides: Record<string, unknown> = {}) => ({
  key,
  enabled: true,
  rolloutPercentage: 100,
  allowUserIds: [] as string[],
  denyUserIds: [] as string[],
  variants: [] as { name: string; weight: number }[],
  ...overrides,
});

export const Flags = graphql(`
  query Flags {
    featureFlags {
      key
      enabled
      rolloutPercentage
    }
  }
`);

export const CreateWebhookEndpoint = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
        url
        description
        eventTypes
        enabled
        createdAt
      }
      secret
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WebhookEndpoints = graphql(`
  query WebhookEndpoints {
    webhookEndpoints(first: 10) {
      totalCount
      edges {
        node {
          id
          url
          eventTypes
        }
      }
    }
    webhookEventTypes
  }
`);

export const Health = graphql(`
  query Health {
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
  }
`);

export const StartBot = graphql(`
  mutation StartBot($id: ID!) {
    startBot(id: $id) {
      bot {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const PauseBot = graphql(`
  mutation PauseBot($id: ID!) {
    pauseBot(id: $id) {
      bot {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const StopBot = graphql(`
  mutation StopBot($id: ID!) {
    stopBot(id: $id) {
      bot {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const UpdateBot = graphql(`
  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {
    updateBot(id: $id, input: $input) {
      bot {
        id
        name
        strategy
        config
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const DeleteBot = graphql(`
  mutation DeleteBot($id: ID!) {
    deleteBot(id: $id) {
      deletedBotId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const OnBotStatusChanged = graphql(`
  subscription OnBotStatusChanged($botId: ID) {
    botStatusChanged(botId: $botId) {
      id
      name
      ownerId
      status
      trades(first: 1) {
        totalCount
      }
    }
  }
`);

export const EnqueueJob = graphql(`
  mutation EnqueueJob($input: EnqueueJobInput!) {
    enqueueJob(input: $input) {
      job {
        id
        queue
        name
        status
        priority
        delayedUntil
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const PauseQueue = graphql(`
  mutation PauseQueue($name: String!) {
    pauseQueue(name: $name) {
      queue {
        name
        paused
      }
      userErrors {
        message
      }
    }
  }
`);

export const ResumeQueue = graphql(`
  mutation ResumeQueue($name: String!) {
    resumeQueue(name: $name) {
      queue {
        name
        paused
      }
      userErrors {
        message
      }
    }
  }
`);

export const Queues = graphql(`
  query Queues {
    queues {
      name
      waiting
      active
      delayed
      prioritized
      completed
      failed
      paused
    }
  }
`);

export const JobById = graphql(`
  query JobById($queue: String!, $id: ID!) {
    job(queue: $queue, id: $id) {
      id
      status
      attemptsMade
      result
      finishedAt
    }
  }
`);

export const OnJobUpdated = graphql(`
  subscription OnJobUpdated($queue: String!, $id: ID!) {
    jobUpdated(queue: $queue, id: $id) {
      id
      status
      progress
      result
    }
  }
`);

export const SetTicker = graphql(`
  mutation SetTicker($symbol: String!, $price: Decimal!) {
    setTicker(symbol: $symbol, price: $price) {
      ticker {
        symbol
        price
      }
      userErrors {
        field
        message
      }
    }
  }
`);

export const SubmitOrder = graphql(`
  mutation SubmitOrder($input: SubmitOrderInput!) {
    submitOrder(input: $input) {
      order {
        id
        clientOrderId
        side
        type
        quantity
        limitPrice
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const CancelOrder = graphql(`
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      order {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const OrderById = graphql(`
  query OrderById($id: ID!) {
    order(id: $id) {
      id
      status
      rejectReason
      bot {
        id
        name
      }
      trade {
        id
        price
        fee
        realizedPnl
        order {
          id
        }
      }
    }
  }
`);

export const BotBook = graphql(`
  query BotBook($id: ID!) {
    bot(id: $id) {
      id
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
        daily(days: 3) {
          date
          realizedPnl
          tradeCount
        }
      }
      orders(first: 50) {
        totalCount
      }
    }
  }
`);

export const OnTradeExecuted = graphql(`
  subscription OnTradeExecuted($botId: ID) {
    tradeExecuted(botId: $botId) {
      id
      side
      quantity
      price
      realizedPnl
      bot {
        id
        name
      }
      order {
        id
        clientOrderId
      }
    }
  }
`);

export const BotState = graphql(`
  query BotState($id: ID!) {
    bot(id: $id) {
      id
      status
      statusReason
    }
  }
`);

export const BotsTradingBook = graphql(`
  query BotsTradingBook($first: Int!) {
    bots(first: $first) {
      edges {
        node {
          id
          name
          trades(first: 10) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              node {
                id
                order {
                  id
                }
                bot {
                  name
                }
              }
            }
          }
          performance {
            realizedPnl
          }
          position {
            quantity
          }
        }
      }
    }
  }
`);

export const BotsOrdersAndSells = graphql(`
  query BotsOrdersAndSells($first: Int!, $status: OrderStatus, $since: DateTime, $until: DateTime) {
    bots(first: $first) {
      edges {
        node {
          id
          orders(first: 2, status: $status) {
            totalCount
            pageInfo {
              hasNextPage
            }
            edges {
              node {
                id
                status
              }
            }
          }
          sells: trades(first: 10, side: SELL) {
            totalCount
            edges {
              node {
                side
                price
              }
            }
          }
          between: trades(first: 1, since: $since, until: $until) {
            totalCount
          }
        }
      }
    }
  }
`);

export const TickerOf = graphql(`
  query TickerOf($symbol: String!) {
    ticker(symbol: $symbol) {
      symbol
      price
      updatedAt
    }
  }
`);

export const EndpointDeliveries = graphql(`
  query EndpointDeliveries($id: ID!) {
    webhookEndpoint(id: $id) {
      id
      enabled
      disabledReason
      deliveries(first: 50) {
        totalCount
        edges {
          node {
            id
            eventId
            eventType
            status
            nextAttemptAt
            attempts {
              attemptedAt
              responseStatus
              durationMs
              error
              responseBody
            }
          }
        }
      }
    }
  }
`);

export const RotateWebhookSecret = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      endpoint {
        id
      }
      secret
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const SendTestWebhook = graphql(`
  mutation SendTestWebhook($id: ID!) {
    sendTestWebhook(id: $id) {
      delivery {
        id
        eventType
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RedeliverWebhook = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      delivery {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const UpdateWebhookEndpoint = graphql(`
  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) {
      endpoint {
        id
        url
        description
        eventTypes
        enabled
        disabledReason
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const DeleteWebhookEndpoint = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id) {
      deletedWebhookEndpointId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const FeatureFlagByKey = graphql(`
  query FeatureFlagByKey($key: ID!) {
    featureFlag(key: $key) {
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
  }
`);

export const DeleteFlag = graphql(`
  mutation DeleteFlag($key: ID!) {
    deleteFeatureFlag(key: $key) {
      deletedKey
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const EvaluateFlag = graphql(`
  query EvaluateFlag($key: ID!, $context: EvaluationContextInput) {
    evaluateFlag(key: $key, context: $context) {
      key
      value
      variant
      reason
      errorCode
    }
  }
`);

export const EvaluateFlags = graphql(`
  query EvaluateFlags($keys: [ID!], $context: EvaluationContextInput) {
    evaluateFlags(keys: $keys, context: $context) {
      key
      value
      variant
      reason
      errorCode
    }
  }
`);

export const OperationStats = graphql(`
  query OperationStats($since: DateTime!) {
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
`);
