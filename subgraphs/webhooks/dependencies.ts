import type { SubgraphDependencies, SubgraphServices } from "../../src/subgraph/subgraph.js";
import { WebhookAttempts } from "./webhook-attempts.metrics.js";

/** What the webhooks subgraph opens besides its database. */
export interface WebhooksDependencies {
  /** Delivery attempts: the Prometheus counter and the failure rate of readiness. */
  attempts: WebhookAttempts;
}

/** Opens the webhooks subgraph's dependencies: its metrics, in the process's registry. */
export function openWebhooksDependencies(
  services: Omit<SubgraphServices, "dependencies">,
): Promise<SubgraphDependencies<WebhooksDependencies>> {
  const attempts = new WebhookAttempts(services.metrics.registry);
  return Promise.resolve({ value: { attempts }, close: () => Promise.resolve(attempts.close()) });
}
