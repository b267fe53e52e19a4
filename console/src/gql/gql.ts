/* eslint-disable */
import * as types from './graphql.js';



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
    "\n  mutation ConsoleStartBot($id: ID!) {\n    startBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleStartBotDocument,
    "\n  mutation ConsolePauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsolePauseBotDocument,
    "\n  mutation ConsoleStopBot($id: ID!) {\n    stopBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleStopBotDocument,
    "\n  fragment ConsoleTrade on Trade {\n    id\n    side\n    quantity\n    price\n    fee\n    feeCurrency\n    realizedPnl\n    executedAt\n  }\n": typeof types.ConsoleTradeFragmentDoc,
    "\n  fragment ConsoleOrder on Order {\n    id\n    side\n    type\n    quantity\n    limitPrice\n    status\n    rejectReason\n    createdAt\n  }\n": typeof types.ConsoleOrderFragmentDoc,
    "\n  fragment ConsoleBotStats on Bot {\n    position {\n      quantity\n      averageEntryPrice\n      costBasis\n    }\n    performance {\n      tradeCount\n      winningTrades\n      losingTrades\n      winRate\n      realizedPnl\n      fees\n      volume\n    }\n  }\n": typeof types.ConsoleBotStatsFragmentDoc,
    "\n  query ConsoleBot($id: ID!) {\n    bot(id: $id) {\n      id\n      name\n      exchange\n      symbol\n      strategy\n      config\n      status\n      statusReason\n      createdAt\n    }\n  }\n": typeof types.ConsoleBotDocument,
    "\n  query ConsoleBotStats($id: ID!) {\n    bot(id: $id) {\n      id\n      ...ConsoleBotStats\n    }\n  }\n": typeof types.ConsoleBotStatsDocument,
    "\n  query ConsoleTrades($botId: ID!, $after: String) {\n    trades(botId: $botId, first: 100, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleTrade\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConsoleTradesDocument,
    "\n  query ConsoleTicker($symbol: String!) {\n    ticker(symbol: $symbol) {\n      price\n      updatedAt\n    }\n  }\n": typeof types.ConsoleTickerDocument,
    "\n  subscription ConsoleTradeExecuted($botId: ID!) {\n    tradeExecuted(botId: $botId) {\n      ...ConsoleTrade\n    }\n  }\n": typeof types.ConsoleTradeExecutedDocument,
    "\n  subscription ConsoleOrderUpdated($botId: ID!) {\n    orderUpdated(botId: $botId) {\n      ...ConsoleOrder\n    }\n  }\n": typeof types.ConsoleOrderUpdatedDocument,
    "\n  subscription ConsoleBotStatus($botId: ID!) {\n    botStatusChanged(botId: $botId) {\n      id\n      status\n      statusReason\n    }\n  }\n": typeof types.ConsoleBotStatusDocument,
    "\n  mutation ConsoleSubmitOrder($input: SubmitOrderInput!) {\n    submitOrder(input: $input) {\n      order {\n        ...ConsoleOrder\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleSubmitOrderDocument,
    "\n  fragment ConsoleBotRow on Bot {\n    id\n    name\n    symbol\n    strategy\n    status\n    statusReason\n  }\n": typeof types.ConsoleBotRowFragmentDoc,
    "\n  query ConsoleBots {\n    bots(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleBotRow\n        }\n      }\n    }\n  }\n": typeof types.ConsoleBotsDocument,
    "\n  subscription ConsoleBotStatusChanged {\n    botStatusChanged {\n      ...ConsoleBotRow\n    }\n  }\n": typeof types.ConsoleBotStatusChangedDocument,
    "\n  mutation ConsoleCreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      bot {\n        ...ConsoleBotRow\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleCreateBotDocument,
    "\n  fragment ConsoleFlag on FeatureFlag {\n    key\n    description\n    enabled\n    rolloutPercentage\n    allowUserIds\n    denyUserIds\n    variants {\n      name\n      weight\n    }\n    updatedAt\n  }\n": typeof types.ConsoleFlagFragmentDoc,
    "\n  query ConsoleFlags {\n    featureFlags {\n      ...ConsoleFlag\n    }\n  }\n": typeof types.ConsoleFlagsDocument,
    "\n  mutation ConsoleUpsertFlag($input: UpsertFeatureFlagInput!) {\n    upsertFeatureFlag(input: $input) {\n      flag {\n        ...ConsoleFlag\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleUpsertFlagDocument,
    "\n  query ConsoleEvaluateFlag($key: ID!, $targetingKey: String!) {\n    evaluateFlag(key: $key, context: { targetingKey: $targetingKey }) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n": typeof types.ConsoleEvaluateFlagDocument,
    "\n  fragment ConsoleQueue on QueueStats {\n    name\n    waiting\n    active\n    delayed\n    prioritized\n    completed\n    failed\n    paused\n  }\n": typeof types.ConsoleQueueFragmentDoc,
    "\n  query ConsoleOps($since: DateTime!) {\n    health {\n      status\n      version\n      uptimeSeconds\n      checks {\n        name\n        componentId\n        componentType\n        status\n        observedValue\n        observedUnit\n        output\n        time\n      }\n    }\n    queues {\n      ...ConsoleQueue\n    }\n    operationStats(since: $since) {\n      operationName\n      clientName\n      clientVersion\n      count\n      errorCount\n      p50Ms\n      p90Ms\n      p95Ms\n      p99Ms\n    }\n  }\n": typeof types.ConsoleOpsDocument,
    "\n  mutation ConsolePauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      queue {\n        ...ConsoleQueue\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsolePauseQueueDocument,
    "\n  mutation ConsoleResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      queue {\n        ...ConsoleQueue\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleResumeQueueDocument,
    "\n  fragment ConsoleEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    enabled\n    disabledReason\n    createdAt\n  }\n": typeof types.ConsoleEndpointFragmentDoc,
    "\n  query ConsoleWebhookEndpoints {\n    webhookEndpoints(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleEndpoint\n        }\n      }\n    }\n    webhookEventTypes\n  }\n": typeof types.ConsoleWebhookEndpointsDocument,
    "\n  query ConsoleWebhookDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      ...ConsoleEndpoint\n      deliveries(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            status\n            nextAttemptAt\n            createdAt\n            attempts {\n              attemptedAt\n              responseStatus\n              durationMs\n              error\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConsoleWebhookDeliveriesDocument,
    "\n  mutation ConsoleCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        ...ConsoleEndpoint\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleCreateWebhookEndpointDocument,
    "\n  mutation ConsoleSetWebhookEnabled($id: ID!, $enabled: Boolean!) {\n    updateWebhookEndpoint(id: $id, input: { enabled: $enabled }) {\n      endpoint {\n        ...ConsoleEndpoint\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleSetWebhookEnabledDocument,
    "\n  mutation ConsoleSendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      delivery {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleSendTestWebhookDocument,
    "\n  mutation ConsoleRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ConsoleRedeliverWebhookDocument,
};
const documents: Documents = {
    "\n  mutation ConsoleStartBot($id: ID!) {\n    startBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleStartBotDocument,
    "\n  mutation ConsolePauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsolePauseBotDocument,
    "\n  mutation ConsoleStopBot($id: ID!) {\n    stopBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleStopBotDocument,
    "\n  fragment ConsoleTrade on Trade {\n    id\n    side\n    quantity\n    price\n    fee\n    feeCurrency\n    realizedPnl\n    executedAt\n  }\n": types.ConsoleTradeFragmentDoc,
    "\n  fragment ConsoleOrder on Order {\n    id\n    side\n    type\n    quantity\n    limitPrice\n    status\n    rejectReason\n    createdAt\n  }\n": types.ConsoleOrderFragmentDoc,
    "\n  fragment ConsoleBotStats on Bot {\n    position {\n      quantity\n      averageEntryPrice\n      costBasis\n    }\n    performance {\n      tradeCount\n      winningTrades\n      losingTrades\n      winRate\n      realizedPnl\n      fees\n      volume\n    }\n  }\n": types.ConsoleBotStatsFragmentDoc,
    "\n  query ConsoleBot($id: ID!) {\n    bot(id: $id) {\n      id\n      name\n      exchange\n      symbol\n      strategy\n      config\n      status\n      statusReason\n      createdAt\n    }\n  }\n": types.ConsoleBotDocument,
    "\n  query ConsoleBotStats($id: ID!) {\n    bot(id: $id) {\n      id\n      ...ConsoleBotStats\n    }\n  }\n": types.ConsoleBotStatsDocument,
    "\n  query ConsoleTrades($botId: ID!, $after: String) {\n    trades(botId: $botId, first: 100, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleTrade\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConsoleTradesDocument,
    "\n  query ConsoleTicker($symbol: String!) {\n    ticker(symbol: $symbol) {\n      price\n      updatedAt\n    }\n  }\n": types.ConsoleTickerDocument,
    "\n  subscription ConsoleTradeExecuted($botId: ID!) {\n    tradeExecuted(botId: $botId) {\n      ...ConsoleTrade\n    }\n  }\n": types.ConsoleTradeExecutedDocument,
    "\n  subscription ConsoleOrderUpdated($botId: ID!) {\n    orderUpdated(botId: $botId) {\n      ...ConsoleOrder\n    }\n  }\n": types.ConsoleOrderUpdatedDocument,
    "\n  subscription ConsoleBotStatus($botId: ID!) {\n    botStatusChanged(botId: $botId) {\n      id\n      status\n      statusReason\n    }\n  }\n": types.ConsoleBotStatusDocument,
    "\n  mutation ConsoleSubmitOrder($input: SubmitOrderInput!) {\n    submitOrder(input: $input) {\n      order {\n        ...ConsoleOrder\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleSubmitOrderDocument,
    "\n  fragment ConsoleBotRow on Bot {\n    id\n    name\n    symbol\n    strategy\n    status\n    statusReason\n  }\n": types.ConsoleBotRowFragmentDoc,
    "\n  query ConsoleBots {\n    bots(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleBotRow\n        }\n      }\n    }\n  }\n": types.ConsoleBotsDocument,
    "\n  subscription ConsoleBotStatusChanged {\n    botStatusChanged {\n      ...ConsoleBotRow\n    }\n  }\n": types.ConsoleBotStatusChangedDocument,
    "\n  mutation ConsoleCreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      bot {\n        ...ConsoleBotRow\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleCreateBotDocument,
    "\n  fragment ConsoleFlag on FeatureFlag {\n    key\n    description\n    enabled\n    rolloutPercentage\n    allowUserIds\n    denyUserIds\n    variants {\n      name\n      weight\n    }\n    updatedAt\n  }\n": types.ConsoleFlagFragmentDoc,
    "\n  query ConsoleFlags {\n    featureFlags {\n      ...ConsoleFlag\n    }\n  }\n": types.ConsoleFlagsDocument,
    "\n  mutation ConsoleUpsertFlag($input: UpsertFeatureFlagInput!) {\n    upsertFeatureFlag(input: $input) {\n      flag {\n        ...ConsoleFlag\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleUpsertFlagDocument,
    "\n  query ConsoleEvaluateFlag($key: ID!, $targetingKey: String!) {\n    evaluateFlag(key: $key, context: { targetingKey: $targetingKey }) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n": types.ConsoleEvaluateFlagDocument,
    "\n  fragment ConsoleQueue on QueueStats {\n    name\n    waiting\n    active\n    delayed\n    prioritized\n    completed\n    failed\n    paused\n  }\n": types.ConsoleQueueFragmentDoc,
    "\n  query ConsoleOps($since: DateTime!) {\n    health {\n      status\n      version\n      uptimeSeconds\n      checks {\n        name\n        componentId\n        componentType\n        status\n        observedValue\n        observedUnit\n        output\n        time\n      }\n    }\n    queues {\n      ...ConsoleQueue\n    }\n    operationStats(since: $since) {\n      operationName\n      clientName\n      clientVersion\n      count\n      errorCount\n      p50Ms\n      p90Ms\n      p95Ms\n      p99Ms\n    }\n  }\n": types.ConsoleOpsDocument,
    "\n  mutation ConsolePauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      queue {\n        ...ConsoleQueue\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsolePauseQueueDocument,
    "\n  mutation ConsoleResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      queue {\n        ...ConsoleQueue\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleResumeQueueDocument,
    "\n  fragment ConsoleEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    enabled\n    disabledReason\n    createdAt\n  }\n": types.ConsoleEndpointFragmentDoc,
    "\n  query ConsoleWebhookEndpoints {\n    webhookEndpoints(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleEndpoint\n        }\n      }\n    }\n    webhookEventTypes\n  }\n": types.ConsoleWebhookEndpointsDocument,
    "\n  query ConsoleWebhookDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      ...ConsoleEndpoint\n      deliveries(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            status\n            nextAttemptAt\n            createdAt\n            attempts {\n              attemptedAt\n              responseStatus\n              durationMs\n              error\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConsoleWebhookDeliveriesDocument,
    "\n  mutation ConsoleCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        ...ConsoleEndpoint\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleCreateWebhookEndpointDocument,
    "\n  mutation ConsoleSetWebhookEnabled($id: ID!, $enabled: Boolean!) {\n    updateWebhookEndpoint(id: $id, input: { enabled: $enabled }) {\n      endpoint {\n        ...ConsoleEndpoint\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleSetWebhookEnabledDocument,
    "\n  mutation ConsoleSendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      delivery {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleSendTestWebhookDocument,
    "\n  mutation ConsoleRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ConsoleRedeliverWebhookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartBot($id: ID!) {\n    startBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleStartBotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsolePauseBotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStopBot($id: ID!) {\n    stopBot(id: $id) {\n      bot {\n        id\n        status\n        statusReason\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleStopBotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleTrade on Trade {\n    id\n    side\n    quantity\n    price\n    fee\n    feeCurrency\n    realizedPnl\n    executedAt\n  }\n"): typeof import('./graphql.js').ConsoleTradeFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleOrder on Order {\n    id\n    side\n    type\n    quantity\n    limitPrice\n    status\n    rejectReason\n    createdAt\n  }\n"): typeof import('./graphql.js').ConsoleOrderFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleBotStats on Bot {\n    position {\n      quantity\n      averageEntryPrice\n      costBasis\n    }\n    performance {\n      tradeCount\n      winningTrades\n      losingTrades\n      winRate\n      realizedPnl\n      fees\n      volume\n    }\n  }\n"): typeof import('./graphql.js').ConsoleBotStatsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBot($id: ID!) {\n    bot(id: $id) {\n      id\n      name\n      exchange\n      symbol\n      strategy\n      config\n      status\n      statusReason\n      createdAt\n    }\n  }\n"): typeof import('./graphql.js').ConsoleBotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBotStats($id: ID!) {\n    bot(id: $id) {\n      id\n      ...ConsoleBotStats\n    }\n  }\n"): typeof import('./graphql.js').ConsoleBotStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTrades($botId: ID!, $after: String) {\n    trades(botId: $botId, first: 100, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleTrade\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleTradesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTicker($symbol: String!) {\n    ticker(symbol: $symbol) {\n      price\n      updatedAt\n    }\n  }\n"): typeof import('./graphql.js').ConsoleTickerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleTradeExecuted($botId: ID!) {\n    tradeExecuted(botId: $botId) {\n      ...ConsoleTrade\n    }\n  }\n"): typeof import('./graphql.js').ConsoleTradeExecutedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleOrderUpdated($botId: ID!) {\n    orderUpdated(botId: $botId) {\n      ...ConsoleOrder\n    }\n  }\n"): typeof import('./graphql.js').ConsoleOrderUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleBotStatus($botId: ID!) {\n    botStatusChanged(botId: $botId) {\n      id\n      status\n      statusReason\n    }\n  }\n"): typeof import('./graphql.js').ConsoleBotStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSubmitOrder($input: SubmitOrderInput!) {\n    submitOrder(input: $input) {\n      order {\n        ...ConsoleOrder\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleSubmitOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleBotRow on Bot {\n    id\n    name\n    symbol\n    strategy\n    status\n    statusReason\n  }\n"): typeof import('./graphql.js').ConsoleBotRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBots {\n    bots(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleBotRow\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleBotsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleBotStatusChanged {\n    botStatusChanged {\n      ...ConsoleBotRow\n    }\n  }\n"): typeof import('./graphql.js').ConsoleBotStatusChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      bot {\n        ...ConsoleBotRow\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleCreateBotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleFlag on FeatureFlag {\n    key\n    description\n    enabled\n    rolloutPercentage\n    allowUserIds\n    denyUserIds\n    variants {\n      name\n      weight\n    }\n    updatedAt\n  }\n"): typeof import('./graphql.js').ConsoleFlagFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleFlags {\n    featureFlags {\n      ...ConsoleFlag\n    }\n  }\n"): typeof import('./graphql.js').ConsoleFlagsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpsertFlag($input: UpsertFeatureFlagInput!) {\n    upsertFeatureFlag(input: $input) {\n      flag {\n        ...ConsoleFlag\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleUpsertFlagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleEvaluateFlag($key: ID!, $targetingKey: String!) {\n    evaluateFlag(key: $key, context: { targetingKey: $targetingKey }) {\n      key\n      value\n      variant\n      reason\n      errorCode\n    }\n  }\n"): typeof import('./graphql.js').ConsoleEvaluateFlagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleQueue on QueueStats {\n    name\n    waiting\n    active\n    delayed\n    prioritized\n    completed\n    failed\n    paused\n  }\n"): typeof import('./graphql.js').ConsoleQueueFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOps($since: DateTime!) {\n    health {\n      status\n      version\n      uptimeSeconds\n      checks {\n        name\n        componentId\n        componentType\n        status\n        observedValue\n        observedUnit\n        output\n        time\n      }\n    }\n    queues {\n      ...ConsoleQueue\n    }\n    operationStats(since: $since) {\n      operationName\n      clientName\n      clientVersion\n      count\n      errorCount\n      p50Ms\n      p90Ms\n      p95Ms\n      p99Ms\n    }\n  }\n"): typeof import('./graphql.js').ConsoleOpsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      queue {\n        ...ConsoleQueue\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsolePauseQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      queue {\n        ...ConsoleQueue\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleResumeQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    enabled\n    disabledReason\n    createdAt\n  }\n"): typeof import('./graphql.js').ConsoleEndpointFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleWebhookEndpoints {\n    webhookEndpoints(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ConsoleEndpoint\n        }\n      }\n    }\n    webhookEventTypes\n  }\n"): typeof import('./graphql.js').ConsoleWebhookEndpointsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleWebhookDeliveries($id: ID!) {\n    webhookEndpoint(id: $id) {\n      ...ConsoleEndpoint\n      deliveries(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            status\n            nextAttemptAt\n            createdAt\n            attempts {\n              attemptedAt\n              responseStatus\n              durationMs\n              error\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleWebhookDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        ...ConsoleEndpoint\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleCreateWebhookEndpointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetWebhookEnabled($id: ID!, $enabled: Boolean!) {\n    updateWebhookEndpoint(id: $id, input: { enabled: $enabled }) {\n      endpoint {\n        ...ConsoleEndpoint\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleSetWebhookEnabledDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      delivery {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleSendTestWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleRedeliverWebhookDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
