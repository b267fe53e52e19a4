import type { EntityClass, MigrationObject } from "@mikro-orm/core";
import type { GraphQLSchema } from "graphql";
import type { ContainerType, NonEmptyArray } from "type-graphql";
import type { Secrets } from "../auth/secrets.js";
import type { AppConfig, SubgraphName } from "../config/index.js";
import type { Database, EntityManager } from "../db/orm.js";
import type { OutboxEntity } from "../events/outbox.js";
import type { EventBus } from "../events/types.js";
import type { EventReactions } from "../events/reactions.js";
import type { TaskTable } from "../queue/tasks.js";
import type { TaskQueue } from "../queue/types.js";
import type { Logger } from "../observability/logger.js";
import type { HealthCheck } from "../health/report.js";
import type { Metrics } from "../observability/metrics.js";
import { buildFederatedSchema, type ReferenceResolvers } from "./federation.js";
import { applyPermissions, type PermissionMap } from "./permissions.js";
import { applyInputHygiene } from "./validation/arguments.js";

/** Where each subgraph answers; filled in by the composition root once every server listens. */
export type SubgraphDirectory = ReadonlyMap<SubgraphName, string>;

/** What a subgraph's resolvers receive in their constructor; `Dependencies`: what its `openDependencies` opened. */
export interface SubgraphServices<Dependencies = unknown> {
  config: AppConfig;
  logger: Logger;
  secrets: Secrets;
  orm: Database;
  directory: SubgraphDirectory;
  /** Published domain events, from every process. */
  bus: EventBus;
  /** The task queue (BullMQ or in-process). */
  queue: TaskQueue;
  /** This process's Prometheus metrics, where a subgraph may register its own. */
  metrics: Metrics;
  /** What the subgraph's `openDependencies` opened; undefined for a subgraph without any. */
  dependencies: Dependencies;
}

/** Something a subgraph opens for itself at start and closes at stop. */
export interface SubgraphDependencies<Value = unknown> {
  value: Value;
  close(): Promise<void>;
}

/**
 * Everything the server factory needs to know about one subgraph. `Dependencies` types what its
 * `openDependencies` opens, as its hooks and resolvers receive it. The hooks are methods so that a
 * definition with its own `Dependencies` still counts as a definition of unknown ones (SUBGRAPHS).
 */
export interface SubgraphDefinition<Loaders = unknown, Dependencies = unknown> {
  name: SubgraphName;
  /** MikroORM entities this subgraph owns. */
  entities: EntityClass<object>[];
  /** Its committed migrations, in order. */
  migrations: MigrationObject[];
  /** Its outbox table, when it emits domain events; the server runs its relay. */
  outbox?: OutboxEntity;
  /** The tasks it runs (`startWorkers`), with their queue and payload schema. */
  tasks?: TaskTable;
  /**
   * The jobs it starts when an event is published, by event type. Every process's relay enqueues
   * them, whether this subgraph runs there or not.
   */
  consumes?: EventReactions;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver list type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type list type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  /** Who may resolve each field (`permissions.ts`); a field without a rule is FORBIDDEN. */
  permissions: PermissionMap;
  /** Fresh DataLoaders for one request. */
  createLoaders: (em: EntityManager) => Loaders;
  /** Opens what the subgraph needs beyond its database, e.g. another domain's public reader or its metrics. */
  openDependencies?(services: Omit<SubgraphServices, "dependencies">): Promise<SubgraphDependencies<Dependencies>>;
  /** Registers this subgraph's queue workers once its server exists. */
  startWorkers?(services: SubgraphServices<Dependencies>): void;
  /** Runs once after start, e.g. to reconcile schedules with the database. */
  onStart?(services: SubgraphServices<Dependencies>): Promise<void>;
  /** Its own readiness checks, beside its database, Redis, the queue's backlog and its outbox. */
  healthChecks?(services: SubgraphServices<Dependencies>): Promise<HealthCheck>[];
}

/** Resolver classes take the services in their constructor; one instance per class. */
function containerFor(services: SubgraphServices | undefined): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(resolverClass: new (services: SubgraphServices) => unknown) {
      if (services === undefined) throw new Error("this schema was built for printing only");
      if (!instances.has(resolverClass)) instances.set(resolverClass, new resolverClass(services));
      return instances.get(resolverClass);
    },
  };
}

/**
 * The subgraph's executable schema behind its permissions and argument checks; without services it
 * can be printed but not executed.
 */
export async function buildSubgraphSchema(
  definition: SubgraphDefinition,
  services?: SubgraphServices,
): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    referenceResolvers: definition.referenceResolvers,
    container: containerFor(services),
  });
  // Permissions wrap the argument checks: a caller who may not use a field learns nothing about its input.
  return services === undefined ? schema : applyPermissions(applyInputHygiene(schema), definition.permissions);
}
