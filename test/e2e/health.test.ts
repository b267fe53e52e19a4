import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createGateway, type Gateway } from "../../gateway/gateway.js";
import { createLogger } from "../../src/observability/logger.js";
import { startTestStack, type TestStack } from "../harness.js";
import { POSTGRES_ADMIN_URL, postgresAvailable, redisAvailable } from "../services.js";
import { Health } from "./documents.js";

interface HealthBody {
  status: string;
  checks: Record<
    string,
    { status: string; componentId?: string; observedValue?: number; observedUnit?: string; time: string }[]
  >;
}

async function readiness(url: string): Promise<{ status: number; contentType: string | null; body: HealthBody }> {
  const response = await fetch(new URL("/health/ready", url));
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: (await response.json()) as HealthBody,
  };
}

/** A TCP proxy in front of a subgraph, that the test stops and starts again on the same port. */
class Proxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection(Number(this.target.port), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe("readiness", () => {
  let t: TestStack;
  let proxy: Proxy;
  let gateway: Gateway;
  let gatewayUrl: string;

  beforeAll(async () => {
    t = await startTestStack();
    proxy = new Proxy(new URL(t.stack.subgraphUrls.get("flags") ?? ""));
    await proxy.start();
    // A second gateway that reaches the flags subgraph through the proxy.
    gateway = createGateway({
      config: t.config,
      logger: createLogger({ level: "silent" }),
      secrets: t.stack.secrets,
      subgraphUrls: new Map([...t.stack.subgraphUrls, ["flags", `http://127.0.0.1:${proxy.port}/graphql`]]),
    });
    gatewayUrl = await gateway.listen(0, "127.0.0.1");
  });
  afterAll(async () => {
    await gateway?.close();
    await proxy?.stop();
    await t?.close();
  });

  it("reports every check as application/health+json, keyed component:measurement", async () => {
    const { status, contentType, body } = await readiness(t.url);
    expect(status).toBe(200);
    expect(contentType).toBe("application/health+json");
    expect(body.status).toBe("pass");
    for (const key of ["supergraph:responseTime", "bots:responseTime", "database:responseTime", "queue:backlog"]) {
      expect(body.checks[key]?.[0]).toMatchObject({ status: "pass", time: expect.any(String) as string });
    }
    expect(body.checks["database:responseTime"]?.map((c) => c.componentId).sort()).toEqual(
      ["admin", "bots", "flags", "trades", "webhooks"].sort(),
    );
    expect(body.checks["outbox:lag"]?.map((c) => c.componentId).sort()).toEqual([
      "bots",
      "flags",
      "trades",
      "webhooks",
    ]);
    expect(body.checks["outbox:lag"]?.[0]).toMatchObject({ observedUnit: "s", observedValue: expect.any(Number) });
    expect(body.checks["webhooks:failureRate"]?.[0]).toMatchObject({ observedUnit: "percent", status: "pass" });
    expect(body.checks["queue:backlog"]?.[0]?.observedUnit).toBe("jobs");
  });

  it("gives the same report to admins through the health query, and only the status to others", async () => {
    const admin = await t.execute(Health, undefined, { token: await t.token("root", ["admin"]) });
    expect(admin.data?.health.status).toBe("PASS");
    const names = new Set(admin.data?.health.checks.map((c) => c.name));
    expect([...names]).toEqual(
      expect.arrayContaining(["bots:responseTime", "database:responseTime", "outbox:lag", "webhooks:failureRate"]),
    );
    const trader = await t.execute(Health, undefined, { token: await t.token("tina") });
    expect(trader.data?.health.status).toBe("PASS");
    expect(trader.data?.health.checks).toEqual([]);
  });

  it("fails with 503 while a subgraph is unreachable and passes again when it is back", async () => {
    expect((await readiness(gatewayUrl)).status).toBe(200);
    await proxy.stop();
    const down = await readiness(gatewayUrl);
    expect(down.status).toBe(503);
    expect(down.body.checks["flags:responseTime"]?.[0]?.status).toBe("fail");
    expect(down.body.checks["bots:responseTime"]?.[0]?.status).toBe("pass");
    await proxy.start();
    const up = await readiness(gatewayUrl);
    expect(up.status).toBe(200);
    expect(up.body.status).toBe("pass");
  });

  it("fails as soon as shutdown begins", async () => {
    gateway.beginShutdown();
    const { status, body } = await readiness(gatewayUrl);
    expect(status).toBe(503);
    expect(body.checks["process:shutdown"]?.[0]?.status).toBe("fail");
  });
});

const services = (await postgresAvailable()) && (await redisAvailable());

describe.skipIf(!services)("readiness on PostgreSQL and Redis", () => {
  let t: TestStack;
  let database: string;

  beforeAll(async () => {
    t = await startTestStack({ database: "postgres", redis: true });
    database = new URL(t.config.database.url ?? "").pathname.slice(1);
  });
  afterAll(async () => {
    await setConnections(true);
    await t?.close();
  });

  /** Lets the stack's database take connections, or refuses them and ends those it has. */
  async function setConnections(allowed: boolean): Promise<void> {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`alter database ${database} allow_connections ${allowed}`);
      if (!allowed) {
        await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [database]);
      }
    } finally {
      await admin.end();
    }
  }

  it("checks Redis and fails with 503 while the database is unreachable, then passes again", async () => {
    const before = await readiness(t.url);
    expect(before.status).toBe(200);
    expect(before.body.checks["redis:responseTime"]?.[0]?.status).toBe("pass");

    await setConnections(false);
    const down = await vi.waitFor(
      async () => {
        const report = await readiness(t.url);
        expect(report.status).toBe(503);
        return report;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(down.body.checks["database:responseTime"]?.some((c) => c.status === "fail")).toBe(true);

    await setConnections(true);
    await vi.waitFor(
      async () => {
        const report = await readiness(t.url);
        expect(report.status).toBe(200);
        expect(report.body.status).toBe("pass");
      },
      { timeout: 15_000, interval: 100 },
    );
  });
});
