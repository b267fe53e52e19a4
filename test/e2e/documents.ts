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
