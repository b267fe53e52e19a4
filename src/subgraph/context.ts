import { randomUUID } from "node:crypto";
import type { Viewer } from "../auth/viewer.js";
import type { Database, EntityManager } from "../db/orm.js";
import type { DomainEvent } from "../events/types.js";
import type { JobEvent } from "../queue/types.js";
import type { Logger } from "../observability/logger.js";
import { isAdmin } from "../auth/viewer.js";
import { forbidden, unauthenticated } from "./errors.js";

/** The one request context every resolver receives. */
export interface RequestContext<Loaders = unknown> {
  /** Who calls, as the gateway vouched; null when anonymous. */
  viewer: Viewer | null;
  /** Correlates every log line of one request across processes. */
  requestId: string;
  logger: Logger;
  /** A fork of the subgraph's entity manager, private to this request. */
  em: EntityManager;
  /** Fresh DataLoaders, private to this request. */
  loaders: Loaders;
  /** Sources for subscriptions: each takes a listener and returns its unsubscribe. */
  live: LiveSources;
}

/** What subscription resolvers listen to. */
export interface LiveSources {
  /** Every published domain event, from every process. */
  events(listener: (event: DomainEvent) => void): () => void;
  /** Every job state change, of every queue. */
  jobs(listener: (event: JobEvent) => void): () => void;
}

/** Options for {@link createRequestContext}. */
export interface RequestContextOptions<Loaders> {
  viewer: Viewer | null;
  requestId?: string;
  orm: Database;
  logger: Logger;
  createLoaders: (em: EntityManager) => Loaders;
  live: LiveSources;
}

/** The one factory of {@link RequestContext}. */
export function createRequestContext<Loaders>(options: RequestContextOptions<Loaders>): RequestContext<Loaders> {
  const requestId = options.requestId || randomUUID();
  const em = options.orm.em.fork();
  em.setLoggerContext({ requestId });
  return {
    viewer: options.viewer,
    requestId,
    logger: options.logger.child({ requestId }),
    em,
    loaders: options.createLoaders(em),
    live: options.live,
  };
}

/** The viewer, or UNAUTHENTICATED when the request is anonymous. */
export function requireViewer(context: Pick<RequestContext, "viewer">): Viewer {
  if (context.viewer === null) throw unauthenticated();
  return context.viewer;
}

/** The viewer when an admin; UNAUTHENTICATED when anonymous, FORBIDDEN otherwise. */
export function requireAdmin(context: Pick<RequestContext, "viewer">, action: string): Viewer {
  const viewer = requireViewer(context);
  if (!isAdmin(viewer)) throw forbidden(`Only admins can ${action}.`);
  return viewer;
}
