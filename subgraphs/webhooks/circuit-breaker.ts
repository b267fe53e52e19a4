/** Settings of {@link EndpointBreakers}. */
export interface BreakerOptions {
  /** Consecutive failed attempts to one endpoint that open its breaker. */
  failureThreshold: number;
  /** How long an open breaker holds attempts back before it lets one probe through. */
  cooldownMs: number;
  /** How long a half-open breaker waits for its probe before it lets another one through. */
  probeTimeoutMs: number;
}

/** Whether an attempt may be made now. */
export type Admission = { admitted: true; probe: boolean } | { admitted: false; retryAt: Date };

interface Breaker {
  failures: number;
  /** Set while open or half-open: until when attempts are held back. */
  openUntil: number | null;
  /** Set while a half-open probe is in flight: when it started. */
  probeStartedAt: number | null;
}

/**
 * One circuit breaker per webhook endpoint, in this process: closed, it counts consecutive failed
 * attempts; at `failureThreshold` it opens and holds every attempt back for `cooldownMs`; then
 * (half-open) one attempt goes through as a probe: its success closes the breaker, its failure opens
 * it for another cool-down. Attempts held back are postponed by the caller, never dropped.
 */
export class EndpointBreakers {
  private readonly breakers = new Map<string, Breaker>();

  constructor(private readonly options: BreakerOptions) {}

  /** Asks to attempt a delivery to `endpointId` at `now`. */
  admit(endpointId: string, now: Date): Admission {
    const breaker = this.breakers.get(endpointId);
    if (breaker === undefined || breaker.openUntil === null) return { admitted: true, probe: false };
    const at = now.getTime();
    if (at < breaker.openUntil) return { admitted: false, retryAt: new Date(breaker.openUntil) };
    if (breaker.probeStartedAt !== null && at < breaker.probeStartedAt + this.options.probeTimeoutMs)
      return { admitted: false, retryAt: new Date(breaker.probeStartedAt + this.options.probeTimeoutMs) };
    breaker.probeStartedAt = at;
    return { admitted: true, probe: true };
  }

  /** An attempt to `endpointId` succeeded: the breaker closes. */
  succeeded(endpointId: string): void {
    this.breakers.delete(endpointId);
  }

  /** An attempt to `endpointId` failed at `now`: counts towards opening, or reopens a half-open breaker. */
  failed(endpointId: string, now: Date): void {
    const breaker = this.breakers.get(endpointId) ?? { failures: 0, openUntil: null, probeStartedAt: null };
    breaker.failures += 1;
    if (breaker.openUntil !== null || breaker.failures >= this.options.failureThreshold) {
      breaker.openUntil = now.getTime() + this.options.cooldownMs;
      breaker.probeStartedAt = null;
    }
    this.breakers.set(endpointId, breaker);
  }

  /** Forgets an endpoint that is deleted or disabled. */
  forget(endpointId: string): void {
    this.breakers.delete(endpointId);
  }
}
