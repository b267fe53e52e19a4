import { VERSION } from "../paths.js";

/** pass / warn / fail, as draft-inadarei-api-health-check names them. */
export type HealthStatus = "pass" | "warn" | "fail";

/** One measurement of one component. */
export interface HealthCheck {
  /** `component:measurement`, e.g. `database:responseTime`. */
  name: string;
  /** Which instance, when several report the same component (e.g. each subgraph's database). */
  componentId?: string;
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

/** A readiness body as {@link toHealthJson} writes it. */
interface HealthJson {
  status?: HealthStatus;
  checks?: Record<string, Omit<HealthCheck, "name">[]>;
}

/**
 * A subgraph's readiness: `<name>:responseTime` with the subgraph's own status (fail when it does not
 * answer or answers 503), followed by its checks (its database, Redis, queue, outbox...) with
 * `componentId` set to the subgraph.
 */
export async function checkSubgraph(name: string, graphqlUrl: string): Promise<HealthCheck[]> {
  let body: HealthJson = {};
  const check = await timedCheck(`${name}:responseTime`, "subgraph", async () => {
    const response = await fetch(readinessUrlOf(graphqlUrl), { signal: AbortSignal.timeout(2000) });
    body = (await response.json().catch(() => ({}))) as HealthJson;
    if (response.status !== 200) throw new Error(`readiness answered HTTP ${response.status}`);
  });
  if (check.status === "pass" && body.status === "warn") check.status = "warn";
  const nested = Object.entries(body.checks ?? {}).flatMap(([key, list]) =>
    list.map((entry) => ({ ...entry, name: key, componentId: name })),
  );
  return [check, ...nested];
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
