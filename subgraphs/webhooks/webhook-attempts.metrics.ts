import { Counter, type Registry } from "prom-client";
import { measuredCheck, severity } from "../../src/health/checks.js";
import type { HealthCheck } from "../../src/health/report.js";

/** Share of failed webhook attempts (over {@link WEBHOOK_WINDOW_MS}, at least 5 attempts) from which it warns. */
export const WEBHOOK_FAILURE_WARN_PERCENT = 50;
export const WEBHOOK_WINDOW_MS = 5 * 60 * 1000;

const COUNTER_NAME = "tradebot_webhook_delivery_attempts_total";

/** Webhook delivery attempts: counted for Prometheus and kept for a while for the failure rate of readiness. */
export class WebhookAttempts {
  /** Recent attempts: [time, succeeded], oldest first. */
  private readonly recentAttempts: [number, boolean][] = [];
  private readonly counter: Counter<"outcome">;

  /** Registers the counter in `registry` (the process's metrics) until {@link close}. */
  constructor(private readonly registry: Registry) {
    this.counter = new Counter({
      name: COUNTER_NAME,
      help: "Webhook delivery attempts, by outcome (succeeded, retrying, failed).",
      labelNames: ["outcome"],
      registers: [registry],
    });
  }

  /** Records one attempt's outcome (`succeeded`, `retrying`, `failed`, `skipped`). */
  inc(labels: { outcome: string }): void {
    this.counter.inc(labels);
    if (labels.outcome === "skipped") return;
    this.recentAttempts.push([Date.now(), labels.outcome === "succeeded"]);
    if (this.recentAttempts.length > 10_000) this.recentAttempts.shift();
  }

  /** Attempts, and those that did not succeed, over the last `windowMs`. */
  recent(windowMs: number): { total: number; failed: number } {
    const since = Date.now() - windowMs;
    while (this.recentAttempts.length > 0 && (this.recentAttempts[0]?.[0] ?? 0) < since) this.recentAttempts.shift();
    const failed = this.recentAttempts.filter(([, succeeded]) => !succeeded).length;
    return { total: this.recentAttempts.length, failed };
  }

  /** Unregisters the counter. */
  close(): void {
    this.registry.removeSingleMetric(COUNTER_NAME);
  }
}

/** `webhooks:failureRate`: failed attempts (retrying or failed) over the last 5 minutes; warns, never fails. */
export function webhookFailureRateCheck(attempts: WebhookAttempts): Promise<HealthCheck> {
  return measuredCheck("webhooks:failureRate", "component", "percent", () => {
    const { total, failed } = attempts.recent(WEBHOOK_WINDOW_MS);
    const value = total === 0 ? 0 : Math.round((failed / total) * 1000) / 10;
    const status = total >= 5 ? severity(value, WEBHOOK_FAILURE_WARN_PERCENT) : "pass";
    return Promise.resolve({ value, status, output: `${failed} of ${total} attempts in 5 minutes did not succeed` });
  });
}
