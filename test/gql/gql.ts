/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleTestBotNumbers($id: ID!) {\n    bot(id: $id) {\n      id\n      performance {\n        tradeCount\n      }\n    }\n  }\n": typeof types.ConsoleTestBotNumbersDocument,
    "\n  mutation CreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      bot {\n        id\n        name\n        ownerId\n        exchange\n        symbol\n        strategy\n        config\n        status\n        createdAt\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.CreateBotDocument,
    "\n  query BotWithTrades($id: ID!, $first: Int!, $after: String) {\n    bot(id: $id) {\n      id\n      name\n      status\n      trades(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            symbol\n            side\n            quantity\n            price\n            fee\n            feeCurrency\n            realizedPnl\n            executedAt\n            bot {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.BotWithTradesDocument,
    "\n  query Bots($first: Int!, $after: String) {\n    bots(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          ownerId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.BotsDocument,
    "\n  query TradeById($id: ID!) {\n    trade(id: $id) {\n      id\n      quantity\n      bot {\n        id\n        name\n        ownerId\n      }\n    }\n  }\n": typeof types.TradeByIdDocument,
    "\n  mutation UpsertFlag($input: UpsertFeatureFlagInput!) {\n    upsertFeatureFlag(input: $input) {\n      flag {\n        key\n        enabled\n        rolloutPercentage\n        allowUserIds\n        denyUserIds\n        variants {\n          name\n          weight\n        }\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.UpsertFlagDocument,
    "\n  query Flags {\n    featureFlags {\n      key\n      enabled\n      rolloutPercentage\n    }\n  }\n": typeof types.FlagsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n        url\n        description\n        eventTypes\n        enabled\n        createdAt\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  query WebhookEndpoints {\n    webhookEndpoints(first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          url\n          eventTypes\n        }\n      }\n    }\n    webhookEventTypes\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  query Health {\n    health {\n      status\n      version\n      uptimeSeconds\n      checks {\n        name\n        componentId\n        componentType\n        status\n        observedValue\n        observedUnit\n        output\n        time\n      }\n    }\n  }\n": typeof types.HealthDocument,
    "\n  mutation StartBot($id: ID!) {\n    startBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.StartBotDocument,
    "\n  mutation PauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.PauseBotDocument,
    "\n  mutation StopBot($id: ID!) {\n    stopBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.StopBotDocument,
    "\n  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {\n    updateBot(id: $id, input: $input) {\n      bot {\n        id\n        name\n        strategy\n        config\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.UpdateBotDocument,
    "\n  mutation DeleteBot($id: ID!) {\n    deleteBot(id: $id) {\n      deletedBotId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.DeleteBotDocument,
    "\n  subscription OnBotStatusChanged($botId: ID) {\n    botStatusChanged(botId: $botId) {\n      id\n      name\n      ownerId\n      status\n      trades(first: 1) {\n        totalCount\n      }\n    }\n  }\n": typeof types.OnBotStatusChangedDocument,
    "\n  mutation EnqueueJob($input: EnqueueJobInput!) {\n    enqueueJob(input: $input) {\n      job {\n        id\n        queue\n        name\n        status\n        priority\n        delayedUntil\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.EnqueueJobDocument,
    "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      queue {\n        name\n        paused\n      }\n      userErrors {\n        message\n      }\n    }\n  }\n": typeof types.PauseQueueDocument,
    "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      queue {\n        name\n        paused\n      }\n      userErrors {\n        message\n      }\n    }\n  }\n": typeof types.ResumeQueueDocument,
    "\n  query Queues {\n    queues {\n      name\n      waiting\n      active\n      delayed\n      prioritized\n      completed\n      failed\n      paused\n    }\n  }\n": typeof types.QueuesDocument,
    "\n  query JobById($queue: String!, $id: ID!) {\n    job(queue: $queue, id: $id) {\n      id\n      status\n      attemptsMade\n      result\n      finishedAt\n    }\n  }\n": typeof types.JobByIdDocument,
    "\n  subscription OnJobUpdated($queue: String!, $id: ID!) {\n    jobUpdated(queue: $queue, id: $id) {\n      id\n      status\n      progress\n      result\n    }\n  }\n": typeof types.OnJobUpdatedDocument,
    "\n  mutation SetTicker($symbol: String!, $price: Decimal!) {\n    setTicker(symbol: $symbol, price: $price) {\n      ticker {\n        symbol\n        price\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": typeof types.SetTickerDocument,
    "\n  mutation SubmitOrder($input: SubmitOrderInput!) {\n    submitOrder(input: $input) {\n      order {\n        id\n        clientOrderId\n        side\n        type\n        quantity\n        limitPrice\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.SubmitOrderDocument,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      rejectReason\n      bot {\n        id\n        name\n      }\n      trade {\n        id\n        price\n        fee\n        realizedPnl\n        order {\n          id\n        }\n      }\n    }\n  }\n": typeof types.OrderByIdDocument,
    "\n  query BotBook($id: ID!) {\n    bot(id: $id) {\n      id\n      position {\n        quantity\n        averageEntryPrice\n        costBasis\n      }\n      performance {\n        tradeCount\n        winningTrades\n        losingTrades\n        winRate\n        realizedPnl\n        fees\n        volume\n        daily(days: 3) {\n          date\n          realizedPnl\n          tradeCount\n        }\n      }\n      orders(first: 50) {\n        totalCount\n      }\n    }\n  }\n": typeof types.BotBookDocument,
    "\n  subscription OnTradeExecuted($botId: ID) {\n    tradeExecuted(botId: $botId) {\n      id\n      side\n      quantity\n      price\n      realizedPnl\n      bot {\n        id\n        name\n      }\n      order {\n        id\n        clientOrderId\n      }\n    }\n  }\n": typeof types.OnTradeExecutedDocument,
    "\n  query BotState($id: ID!) {\n    bot(id: $id) {\n      id\n      status\n      statusReason\n    }\n  }\n": typeof types.BotStateDocument,
    "\n  query BotsTradingBook($first: Int!) {\n    bots(first: $first) {\n      edges {\n        node {\n          id\n          name\n          trades(first: 10) {\n            totalCount\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n            edges {\n              node {\n                id\n                order {\n                  id\n                }\n                bot {\n                  name\n                }\n              }\n            }\n          }\n          performance {\n            realizedPnl\n          }\n          position {\n            quantity\n          }\n        }\n      }\n    }\n  }\n": typeof types.BotsTradingBookDocument,
    "\n  query BotsOrdersAndSells($first: Int!, $status: OrderStatus, $since: DateTime, $until: DateTime) {\n    bots(first: $first) {\n      edges {\n        node {\n          id\n          orders(first: 2, status: $status) {\n            totalCount\n            pageInfo {\n              hasNextPage\n            }\n            edges {\n              node {\n                id\n                status\n              }\n            }\n          }\n          sells: trades(first: 10, side: SELL) {\n            totalCount\n            edges {\n              node {\n                side\n                price\n              }\n            }\n          }\n          between: trades(first: 1, since: $since, until: $until) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.BotsOrdersAndSellsDocument,
    "\n  query TickerOf($symbol: String!) {\n    ticker(symbol: $symbol) {\n      symbol\n      price\n      updatedAt\n    }\n  }\n": typeof types.TickerOfDocument,
    "\n  query EndpointDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      enabled\n      disabledReason\n      deliveries(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            status\n            nextAttemptAt\n            attempts {\n              attemptedAt\n              responseStatus\n              durationMs\n              error\n              responseBody\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.EndpointDeliveriesDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      endpoint {\n        id\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.RotateWebhookSecretDocument,
    "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      delivery {\n        id\n        eventType\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.SendTestWebhookDocument,
    "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.RedeliverWebhookDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      endpoint {\n        id\n        url\n        description\n        eventTypes\n        enabled\n        disabledReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.UpdateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      deletedWebhookEndpointId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  query FeatureFlagByKey($key: ID!) {\n    featureFlag(key: $key) {\n      key\n      description\n      enabled\n      rolloutPercentage\n      allowUserIds\n      denyUserIds\n      variants {\n        name\n        weight\n      }\n      updatedAt\n    }\n  }\n": typeof types.FeatureFlagByKeyDocument,
    "\n  mutation DeleteFlag($key: ID!) {\n    deleteFeatureFlag(key: $key) {\n      deletedKey\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.DeleteFlagDocument,
    "\n  query EvaluateFlag($key: ID!, $context: EvaluationContextInput) {\n    evaluateFlag(key: $key, context: $context) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n": typeof types.EvaluateFlagDocument,
    "\n  query EvaluateFlags($keys: [ID!], $context: EvaluationContextInput) {\n    evaluateFlags(keys: $keys, context: $context) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n": typeof types.EvaluateFlagsDocument,
    "\n  query OperationStats($since: DateTime!) {\n    operationStats(since: $since) {\n      operationName\n      clientName\n      clientVersion\n      count\n      errorCount\n      p50Ms\n      p90Ms\n      p95Ms\n      p99Ms\n    }\n  }\n": typeof types.OperationStatsDocument,
};
const documents: Documents = {
    "\n  query ConsoleTestBotNumbers($id: ID!) {\n    bot(id: $id) {\n      id\n      performance {\n        tradeCount\n      }\n    }\n  }\n": types.ConsoleTestBotNumbersDocument,
    "\n  mutation CreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      bot {\n        id\n        name\n        ownerId\n        exchange\n        symbol\n        strategy\n        config\n        status\n        createdAt\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.CreateBotDocument,
    "\n  query BotWithTrades($id: ID!, $first: Int!, $after: String) {\n    bot(id: $id) {\n      id\n      name\n      status\n      trades(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            symbol\n            side\n            quantity\n            price\n            fee\n            feeCurrency\n            realizedPnl\n            executedAt\n            bot {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.BotWithTradesDocument,
    "\n  query Bots($first: Int!, $after: String) {\n    bots(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          ownerId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.BotsDocument,
    "\n  query TradeById($id: ID!) {\n    trade(id: $id) {\n      id\n      quantity\n      bot {\n        id\n        name\n        ownerId\n      }\n    }\n  }\n": types.TradeByIdDocument,
    "\n  mutation UpsertFlag($input: UpsertFeatureFlagInput!) {\n    upsertFeatureFlag(input: $input) {\n      flag {\n        key\n        enabled\n        rolloutPercentage\n        allowUserIds\n        denyUserIds\n        variants {\n          name\n          weight\n        }\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.UpsertFlagDocument,
    "\n  query Flags {\n    featureFlags {\n      key\n      enabled\n      rolloutPercentage\n    }\n  }\n": types.FlagsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n        url\n        description\n        eventTypes\n        enabled\n        createdAt\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  query WebhookEndpoints {\n    webhookEndpoints(first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          url\n          eventTypes\n        }\n      }\n    }\n    webhookEventTypes\n  }\n": types.WebhookEndpointsDocument,
    "\n  query Health {\n    health {\n      status\n      version\n      uptimeSeconds\n      checks {\n        name\n        componentId\n        componentType\n        status\n        observedValue\n        observedUnit\n        output\n        time\n      }\n    }\n  }\n": types.HealthDocument,
    "\n  mutation StartBot($id: ID!) {\n    startBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.StartBotDocument,
    "\n  mutation PauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.PauseBotDocument,
    "\n  mutation StopBot($id: ID!) {\n    stopBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.StopBotDocument,
    "\n  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {\n    updateBot(id: $id, input: $input) {\n      bot {\n        id\n        name\n        strategy\n        config\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.UpdateBotDocument,
    "\n  mutation DeleteBot($id: ID!) {\n    deleteBot(id: $id) {\n      deletedBotId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.DeleteBotDocument,
    "\n  subscription OnBotStatusChanged($botId: ID) {\n    botStatusChanged(botId: $botId) {\n      id\n      name\n      ownerId\n      status\n      trades(first: 1) {\n        totalCount\n      }\n    }\n  }\n": types.OnBotStatusChangedDocument,
    "\n  mutation EnqueueJob($input: EnqueueJobInput!) {\n    enqueueJob(input: $input) {\n      job {\n        id\n        queue\n        name\n        status\n        priority\n        delayedUntil\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.EnqueueJobDocument,
    "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      queue {\n        name\n        paused\n      }\n      userErrors {\n        message\n      }\n    }\n  }\n": types.PauseQueueDocument,
    "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      queue {\n        name\n        paused\n      }\n      userErrors {\n        message\n      }\n    }\n  }\n": types.ResumeQueueDocument,
    "\n  query Queues {\n    queues {\n      name\n      waiting\n      active\n      delayed\n      prioritized\n      completed\n      failed\n      paused\n    }\n  }\n": types.QueuesDocument,
    "\n  query JobById($queue: String!, $id: ID!) {\n    job(queue: $queue, id: $id) {\n      id\n      status\n      attemptsMade\n      result\n      finishedAt\n    }\n  }\n": types.JobByIdDocument,
    "\n  subscription OnJobUpdated($queue: String!, $id: ID!) {\n    jobUpdated(queue: $queue, id: $id) {\n      id\n      status\n      progress\n      result\n    }\n  }\n": types.OnJobUpdatedDocument,
    "\n  mutation SetTicker($symbol: String!, $price: Decimal!) {\n    setTicker(symbol: $symbol, price: $price) {\n      ticker {\n        symbol\n        price\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": types.SetTickerDocument,
    "\n  mutation SubmitOrder($input: SubmitOrderInput!) {\n    submitOrder(input: $input) {\n      order {\n        id\n        clientOrderId\n        side\n        type\n        quantity\n        limitPrice\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.SubmitOrderDocument,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.CancelOrderDocument,
    "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      rejectReason\n      bot {\n        id\n        name\n      }\n      trade {\n        id\n        price\n        fee\n        realizedPnl\n        order {\n          id\n        }\n      }\n    }\n  }\n": types.OrderByIdDocument,
    "\n  query BotBook($id: ID!) {\n    bot(id: $id) {\n      id\n      position {\n        quantity\n        averageEntryPrice\n        costBasis\n      }\n      performance {\n        tradeCount\n        winningTrades\n        losingTrades\n        winRate\n        realizedPnl\n        fees\n        volume\n        daily(days: 3) {\n          date\n          realizedPnl\n          tradeCount\n        }\n      }\n      orders(first: 50) {\n        totalCount\n      }\n    }\n  }\n": types.BotBookDocument,
    "\n  subscription OnTradeExecuted($botId: ID) {\n    tradeExecuted(botId: $botId) {\n      id\n      side\n      quantity\n      price\n      realizedPnl\n      bot {\n        id\n        name\n      }\n      order {\n        id\n        clientOrderId\n      }\n    }\n  }\n": types.OnTradeExecutedDocument,
    "\n  query BotState($id: ID!) {\n    bot(id: $id) {\n      id\n      status\n      statusReason\n    }\n  }\n": types.BotStateDocument,
    "\n  query BotsTradingBook($first: Int!) {\n    bots(first: $first) {\n      edges {\n        node {\n          id\n          name\n          trades(first: 10) {\n            totalCount\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n            edges {\n              node {\n                id\n                order {\n                  id\n                }\n                bot {\n                  name\n                }\n              }\n            }\n          }\n          performance {\n            realizedPnl\n          }\n          position {\n            quantity\n          }\n        }\n      }\n    }\n  }\n": types.BotsTradingBookDocument,
    "\n  query BotsOrdersAndSells($first: Int!, $status: OrderStatus, $since: DateTime, $until: DateTime) {\n    bots(first: $first) {\n      edges {\n        node {\n          id\n          orders(first: 2, status: $status) {\n            totalCount\n            pageInfo {\n              hasNextPage\n            }\n            edges {\n              node {\n                id\n                status\n              }\n            }\n          }\n          sells: trades(first: 10, side: SELL) {\n            totalCount\n            edges {\n              node {\n                side\n                price\n              }\n            }\n          }\n          between: trades(first: 1, since: $since, until: $until) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": types.BotsOrdersAndSellsDocument,
    "\n  query TickerOf($symbol: String!) {\n    ticker(symbol: $symbol) {\n      symbol\n      price\n      updatedAt\n    }\n  }\n": types.TickerOfDocument,
    "\n  query EndpointDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      enabled\n      disabledReason\n      deliveries(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            status\n            nextAttemptAt\n            attempts {\n              attemptedAt\n              responseStatus\n              durationMs\n              error\n              responseBody\n            }\n          }\n        }\n      }\n    }\n  }\n": types.EndpointDeliveriesDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      endpoint {\n        id\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.RotateWebhookSecretDocument,
    "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      delivery {\n        id\n        eventType\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.SendTestWebhookDocument,
    "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.RedeliverWebhookDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      endpoint {\n        id\n        url\n        description\n        eventTypes\n        enabled\n        disabledReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.UpdateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      deletedWebhookEndpointId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  query FeatureFlagByKey($key: ID!) {\n    featureFlag(key: $key) {\n      key\n      description\n      enabled\n      rolloutPercentage\n      allowUserIds\n      denyUserIds\n      variants {\n        name\n        weight\n      }\n      updatedAt\n    }\n  }\n": types.FeatureFlagByKeyDocument,
    "\n  mutation DeleteFlag($key: ID!) {\n    deleteFeatureFlag(key: $key) {\n      deletedKey\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.DeleteFlagDocument,
    "\n  query EvaluateFlag($key: ID!, $context: EvaluationContextInput) {\n    evaluateFlag(key: $key, context: $context) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n": types.EvaluateFlagDocument,
    "\n  query EvaluateFlags($keys: [ID!], $context: EvaluationContextInput) {\n    evaluateFlags(keys: $keys, context: $context) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n": types.EvaluateFlagsDocument,
    "\n  query OperationStats($since: DateTime!) {\n    operationStats(since: $since) {\n      operationName\n      clientName\n      clientVersion\n      count\n      errorCount\n      p50Ms\n      p90Ms\n      p95Ms\n      p99Ms\n    }\n  }\n": types.OperationStatsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTestBotNumbers($id: ID!) {\n    bot(id: $id) {\n      id\n      performance {\n        tradeCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTestBotNumbers($id: ID!) {\n    bot(id: $id) {\n      id\n      performance {\n        tradeCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      bot {\n        id\n        name\n        ownerId\n        exchange\n        symbol\n        strategy\n        config\n        status\n        createdAt\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      bot {\n        id\n        name\n        ownerId\n        exchange\n        symbol\n        strategy\n        config\n        status\n        createdAt\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotWithTrades($id: ID!, $first: Int!, $after: String) {\n    bot(id: $id) {\n      id\n      name\n      status\n      trades(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            symbol\n            side\n            quantity\n            price\n            fee\n            feeCurrency\n            realizedPnl\n            executedAt\n            bot {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BotWithTrades($id: ID!, $first: Int!, $after: String) {\n    bot(id: $id) {\n      id\n      name\n      status\n      trades(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            symbol\n            side\n            quantity\n            price\n            fee\n            feeCurrency\n            realizedPnl\n            executedAt\n            bot {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bots($first: Int!, $after: String) {\n    bots(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          ownerId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Bots($first: Int!, $after: String) {\n    bots(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          ownerId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TradeById($id: ID!) {\n    trade(id: $id) {\n      id\n      quantity\n      bot {\n        id\n        name\n        ownerId\n      }\n    }\n  }\n"): (typeof documents)["\n  query TradeById($id: ID!) {\n    trade(id: $id) {\n      id\n      quantity\n      bot {\n        id\n        name\n        ownerId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertFlag($input: UpsertFeatureFlagInput!) {\n    upsertFeatureFlag(input: $input) {\n      flag {\n        key\n        enabled\n        rolloutPercentage\n        allowUserIds\n        denyUserIds\n        variants {\n          name\n          weight\n        }\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertFlag($input: UpsertFeatureFlagInput!) {\n    upsertFeatureFlag(input: $input) {\n      flag {\n        key\n        enabled\n        rolloutPercentage\n        allowUserIds\n        denyUserIds\n        variants {\n          name\n          weight\n        }\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flags {\n    featureFlags {\n      key\n      enabled\n      rolloutPercentage\n    }\n  }\n"): (typeof documents)["\n  query Flags {\n    featureFlags {\n      key\n      enabled\n      rolloutPercentage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n        url\n        description\n        eventTypes\n        enabled\n        createdAt\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n        url\n        description\n        eventTypes\n        enabled\n        createdAt\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints {\n    webhookEndpoints(first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          url\n          eventTypes\n        }\n      }\n    }\n    webhookEventTypes\n  }\n"): (typeof documents)["\n  query WebhookEndpoints {\n    webhookEndpoints(first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          url\n          eventTypes\n        }\n      }\n    }\n    webhookEventTypes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Health {\n    health {\n      status\n      version\n      uptimeSeconds\n      checks {\n        name\n        componentId\n        componentType\n        status\n        observedValue\n        observedUnit\n        output\n        time\n      }\n    }\n  }\n"): (typeof documents)["\n  query Health {\n    health {\n      status\n      version\n      uptimeSeconds\n      checks {\n        name\n        componentId\n        componentType\n        status\n        observedValue\n        observedUnit\n        output\n        time\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartBot($id: ID!) {\n    startBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartBot($id: ID!) {\n    startBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopBot($id: ID!) {\n    stopBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StopBot($id: ID!) {\n    stopBot(id: $id) {\n      bot {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {\n    updateBot(id: $id, input: $input) {\n      bot {\n        id\n        name\n        strategy\n        config\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {\n    updateBot(id: $id, input: $input) {\n      bot {\n        id\n        name\n        strategy\n        config\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteBot($id: ID!) {\n    deleteBot(id: $id) {\n      deletedBotId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteBot($id: ID!) {\n    deleteBot(id: $id) {\n      deletedBotId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OnBotStatusChanged($botId: ID) {\n    botStatusChanged(botId: $botId) {\n      id\n      name\n      ownerId\n      status\n      trades(first: 1) {\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription OnBotStatusChanged($botId: ID) {\n    botStatusChanged(botId: $botId) {\n      id\n      name\n      ownerId\n      status\n      trades(first: 1) {\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnqueueJob($input: EnqueueJobInput!) {\n    enqueueJob(input: $input) {\n      job {\n        id\n        queue\n        name\n        status\n        priority\n        delayedUntil\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EnqueueJob($input: EnqueueJobInput!) {\n    enqueueJob(input: $input) {\n      job {\n        id\n        queue\n        name\n        status\n        priority\n        delayedUntil\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      queue {\n        name\n        paused\n      }\n      userErrors {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      queue {\n        name\n        paused\n      }\n      userErrors {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      queue {\n        name\n        paused\n      }\n      userErrors {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      queue {\n        name\n        paused\n      }\n      userErrors {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Queues {\n    queues {\n      name\n      waiting\n      active\n      delayed\n      prioritized\n      completed\n      failed\n      paused\n    }\n  }\n"): (typeof documents)["\n  query Queues {\n    queues {\n      name\n      waiting\n      active\n      delayed\n      prioritized\n      completed\n      failed\n      paused\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobById($queue: String!, $id: ID!) {\n    job(queue: $queue, id: $id) {\n      id\n      status\n      attemptsMade\n      result\n      finishedAt\n    }\n  }\n"): (typeof documents)["\n  query JobById($queue: String!, $id: ID!) {\n    job(queue: $queue, id: $id) {\n      id\n      status\n      attemptsMade\n      result\n      finishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OnJobUpdated($queue: String!, $id: ID!) {\n    jobUpdated(queue: $queue, id: $id) {\n      id\n      status\n      progress\n      result\n    }\n  }\n"): (typeof documents)["\n  subscription OnJobUpdated($queue: String!, $id: ID!) {\n    jobUpdated(queue: $queue, id: $id) {\n      id\n      status\n      progress\n      result\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTicker($symbol: String!, $price: Decimal!) {\n    setTicker(symbol: $symbol, price: $price) {\n      ticker {\n        symbol\n        price\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetTicker($symbol: String!, $price: Decimal!) {\n    setTicker(symbol: $symbol, price: $price) {\n      ticker {\n        symbol\n        price\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitOrder($input: SubmitOrderInput!) {\n    submitOrder(input: $input) {\n      order {\n        id\n        clientOrderId\n        side\n        type\n        quantity\n        limitPrice\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitOrder($input: SubmitOrderInput!) {\n    submitOrder(input: $input) {\n      order {\n        id\n        clientOrderId\n        side\n        type\n        quantity\n        limitPrice\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      rejectReason\n      bot {\n        id\n        name\n      }\n      trade {\n        id\n        price\n        fee\n        realizedPnl\n        order {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      rejectReason\n      bot {\n        id\n        name\n      }\n      trade {\n        id\n        price\n        fee\n        realizedPnl\n        order {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotBook($id: ID!) {\n    bot(id: $id) {\n      id\n      position {\n        quantity\n        averageEntryPrice\n        costBasis\n      }\n      performance {\n        tradeCount\n        winningTrades\n        losingTrades\n        winRate\n        realizedPnl\n        fees\n        volume\n        daily(days: 3) {\n          date\n          realizedPnl\n          tradeCount\n        }\n      }\n      orders(first: 50) {\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query BotBook($id: ID!) {\n    bot(id: $id) {\n      id\n      position {\n        quantity\n        averageEntryPrice\n        costBasis\n      }\n      performance {\n        tradeCount\n        winningTrades\n        losingTrades\n        winRate\n        realizedPnl\n        fees\n        volume\n        daily(days: 3) {\n          date\n          realizedPnl\n          tradeCount\n        }\n      }\n      orders(first: 50) {\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OnTradeExecuted($botId: ID) {\n    tradeExecuted(botId: $botId) {\n      id\n      side\n      quantity\n      price\n      realizedPnl\n      bot {\n        id\n        name\n      }\n      order {\n        id\n        clientOrderId\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription OnTradeExecuted($botId: ID) {\n    tradeExecuted(botId: $botId) {\n      id\n      side\n      quantity\n      price\n      realizedPnl\n      bot {\n        id\n        name\n      }\n      order {\n        id\n        clientOrderId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotState($id: ID!) {\n    bot(id: $id) {\n      id\n      status\n      statusReason\n    }\n  }\n"): (typeof documents)["\n  query BotState($id: ID!) {\n    bot(id: $id) {\n      id\n      status\n      statusReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotsTradingBook($first: Int!) {\n    bots(first: $first) {\n      edges {\n        node {\n          id\n          name\n          trades(first: 10) {\n            totalCount\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n            edges {\n              node {\n                id\n                order {\n                  id\n                }\n                bot {\n                  name\n                }\n              }\n            }\n          }\n          performance {\n            realizedPnl\n          }\n          position {\n            quantity\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BotsTradingBook($first: Int!) {\n    bots(first: $first) {\n      edges {\n        node {\n          id\n          name\n          trades(first: 10) {\n            totalCount\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n            edges {\n              node {\n                id\n                order {\n                  id\n                }\n                bot {\n                  name\n                }\n              }\n            }\n          }\n          performance {\n            realizedPnl\n          }\n          position {\n            quantity\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotsOrdersAndSells($first: Int!, $status: OrderStatus, $since: DateTime, $until: DateTime) {\n    bots(first: $first) {\n      edges {\n        node {\n          id\n          orders(first: 2, status: $status) {\n            totalCount\n            pageInfo {\n              hasNextPage\n            }\n            edges {\n              node {\n                id\n                status\n              }\n            }\n          }\n          sells: trades(first: 10, side: SELL) {\n            totalCount\n            edges {\n              node {\n                side\n                price\n              }\n            }\n          }\n          between: trades(first: 1, since: $since, until: $until) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BotsOrdersAndSells($first: Int!, $status: OrderStatus, $since: DateTime, $until: DateTime) {\n    bots(first: $first) {\n      edges {\n        node {\n          id\n          orders(first: 2, status: $status) {\n            totalCount\n            pageInfo {\n              hasNextPage\n            }\n            edges {\n              node {\n                id\n                status\n              }\n            }\n          }\n          sells: trades(first: 10, side: SELL) {\n            totalCount\n            edges {\n              node {\n                side\n                price\n              }\n            }\n          }\n          between: trades(first: 1, since: $since, until: $until) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TickerOf($symbol: String!) {\n    ticker(symbol: $symbol) {\n      symbol\n      price\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query TickerOf($symbol: String!) {\n    ticker(symbol: $symbol) {\n      symbol\n      price\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EndpointDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      enabled\n      disabledReason\n      deliveries(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            status\n            nextAttemptAt\n            attempts {\n              attemptedAt\n              responseStatus\n              durationMs\n              error\n              responseBody\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EndpointDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      enabled\n      disabledReason\n      deliveries(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            status\n            nextAttemptAt\n            attempts {\n              attemptedAt\n              responseStatus\n              durationMs\n              error\n              responseBody\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      endpoint {\n        id\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      endpoint {\n        id\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      delivery {\n        id\n        eventType\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      delivery {\n        id\n        eventType\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      endpoint {\n        id\n        url\n        description\n        eventTypes\n        enabled\n        disabledReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      endpoint {\n        id\n        url\n        description\n        eventTypes\n        enabled\n        disabledReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      deletedWebhookEndpointId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      deletedWebhookEndpointId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeatureFlagByKey($key: ID!) {\n    featureFlag(key: $key) {\n      key\n      description\n      enabled\n      rolloutPercentage\n      allowUserIds\n      denyUserIds\n      variants {\n        name\n        weight\n      }\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query FeatureFlagByKey($key: ID!) {\n    featureFlag(key: $key) {\n      key\n      description\n      enabled\n      rolloutPercentage\n      allowUserIds\n      denyUserIds\n      variants {\n        name\n        weight\n      }\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteFlag($key: ID!) {\n    deleteFeatureFlag(key: $key) {\n      deletedKey\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteFlag($key: ID!) {\n    deleteFeatureFlag(key: $key) {\n      deletedKey\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluateFlag($key: ID!, $context: EvaluationContextInput) {\n    evaluateFlag(key: $key, context: $context) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n"): (typeof documents)["\n  query EvaluateFlag($key: ID!, $context: EvaluationContextInput) {\n    evaluateFlag(key: $key, context: $context) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluateFlags($keys: [ID!], $context: EvaluationContextInput) {\n    evaluateFlags(keys: $keys, context: $context) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n"): (typeof documents)["\n  query EvaluateFlags($keys: [ID!], $context: EvaluationContextInput) {\n    evaluateFlags(keys: $keys, context: $context) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OperationStats($since: DateTime!) {\n    operationStats(since: $since) {\n      operationName\n      clientName\n      clientVersion\n      count\n      errorCount\n      p50Ms\n      p90Ms\n      p95Ms\n      p99Ms\n    }\n  }\n"): (typeof documents)["\n  query OperationStats($since: DateTime!) {\n    operationStats(since: $since) {\n      operationName\n      clientName\n      clientVersion\n      count\n      errorCount\n      p50Ms\n      p90Ms\n      p95Ms\n      p99Ms\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;