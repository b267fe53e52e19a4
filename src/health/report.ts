import { VERSION } from "../paths.js";

/** pass / warn / fail, as draft-inadarei-api-health-check names them. */
export type HealthStatus = "pass" | "warn" | "fail";

/** One measurement of one component. */
export interface HealthCheck {
  /** `component:measurement`, e.g. `database:responseTime`. */
  name: string;
  componentType: string;
  status: HealthStatus;
  observedValue?: number;
  observedUnit?: string;
  output?: string;
  time: string;
}

/** The whole report: worst status of its checks. */
export interface HealthReport {
  status: HealthStatus;
  version: string;
  uptimeSeconds: number;
  checks: HealthCheck[];
}

const SEVERITY: Record<HealthStatus, number> = { pass: 0, warn: 1, fail: 2 };

const startedAt = Date.now();

/** A report from checks: its status is the worst of theirs. */
export function healthReport(checks: HealthCheck[]): HealthReport {
  const status = checks.reduce<HealthStatus>(
    (worst, c) => (SEVERITY[c.status] > SEVERITY[worst] ? c.status : worst),
    "pass",
  );
  return { status, version: VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), checks };
}

/** Times `measure` and records it as a check; a throw is a `fail` whose output is the error message. */
export async function timedCheck(
  name: string,
  componentType: string,
  measure: () => Promise<unknown>,
  timeoutMs = 2000,
): Promise<HealthCheck> {
  const started = performance.now();
  const time = new Date().toISOString();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      measure(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return {
      name,
      componentType,
      status: "pass",
      observedValue: Math.round(performance.now() - started),
      observedUnit: "ms",
      time,
    };
  } catch (error) {
    const output = error instanceof Error ? error.message : String(error);
    return {
      name,
      componentType,
      status: "fail",
      observedValue: Math.round(performance.now() - started),
      observedUnit: "ms",
      output,
      time,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks that a subgraph answers its readiness endpoint with pass or warn. */
export function checkSubgraph(name: string, graphqlUrl: string): Promise<HealthCheck> {
  return timedCheck(`${name}:responseTime`, "subgraph", async () => {
    const response = await fetch(readinessUrlOf(graphqlUrl));
    if (response.status !== 200) throw new Error(`readiness answered HTTP ${response.status}`);
  });
}

/** `http://host:port/graphql` → `http://host:port/health/ready`. */
export function readinessUrlOf(graphqlUrl: string): string {
  return new URL("/health/ready", graphqlUrl).toString();
}

/** The `application/health+json` body (draft-inadarei-api-health-check-06). */
export function toHealthJson(report: HealthReport): Record<string, unknown> {
  const checks: Record<string, Omit<HealthCheck, "name">[]> = {};
  for (const { name, ...rest } of report.checks) (checks[name] ??= []).push(rest);
  return { status: report.status, version: report.version, uptime: report.uptimeSeconds, checks };
}

/** HTTP 200 for pass and warn, 503 for fail. */
export function httpStatusOf(report: HealthReport): number {
  return report.status === "fail" ? 503 : 200;
}

/** The media type of health responses. */
export const HEALTH_CONTENT_TYPE = "application/health+json";
