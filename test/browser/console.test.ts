import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import {
  CreateBot,
  CreateWebhookEndpoint,
  EndpointDeliveries,
  EvaluateFlag,
  FeatureFlagByKey,
  flagInput,
  PauseBot,
  Queues,
  SendTestWebhook,
  SetTicker,
  StartBot,
  SubmitOrder,
  UpsertFlag,
} from "../e2e/documents.js";
import { graphql } from "../gql/index.js";
import { startTestStack, type TestStack } from "../harness.js";
import { browserAvailable, launchBrowser, openWatchedPage, type WatchedPage } from "./browser.js";

const BotNumbers = graphql(`
  query ConsoleTestBotNumbers($id: ID!) {
    bot(id: $id) {
      id
      performance {
        tradeCount
      }
    }
  }
`);

const SCREENSHOTS = join(PROJECT_ROOT, "docs", "screenshots");

/** Where the console keeps its token (console/src/api.ts). */
const TOKEN_KEY = "tradebot.console.token";

/** How long a screen may take to show what the API already holds. */
const SHOWN_MS = 5000;

/** A webhook receiver on 127.0.0.1 that refuses the first request (503) and accepts the rest. */
function startReceiver(): Promise<{ url: string; server: Server }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received += 1;
      res.writeHead(received === 1 ? 503 : 200).end(received === 1 ? "busy" : "ok");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tradebot`, server }),
    ),
  );
}

describe.skipIf(!browserAvailable)("web console", () => {
  let t: TestStack;
  let browser: Browser;
  let admin: string;
  let receiver: { url: string; server: Server };
  let consoleUrl: URL;
  const logLines: Record<string, unknown>[] = [];
  /** The bot with trades: BTC/USDT, RUNNING. */
  let momentum: string;
  let endpointId: string;
  let sequence = 0;

  const execute: TestStack["execute"] = async (document, variables, options) => {
    const response = await t.execute(document, variables, options);
    expect(response.errors).toBeUndefined();
    return response;
  };

  async function createBot(name: string, symbol: string, strategy = "manual", config: unknown = {}): Promise<string> {
    const { data } = await execute(CreateBot, { input: { name, symbol, strategy, config } }, { token: admin });
    expect(data?.createBot.userErrors).toEqual([]);
    return data?.createBot.bot?.id ?? "";
  }

  async function order(botId: string, side: "BUY" | "SELL", quantity: string): Promise<void> {
    const { data } = await execute(
      SubmitOrder,
      { input: { botId, clientOrderId: `test-${++sequence}`, side, type: "MARKET", quantity } },
      { token: admin },
    );
    expect(data?.submitOrder.userErrors).toEqual([]);
  }

  async function price(symbol: string, value: string): Promise<void> {
    const { data } = await execute(SetTicker, { symbol, price: value }, { token: admin });
    expect(data?.setTicker.userErrors).toEqual([]);
  }

  /** A BTC/USDT trade per step at its price, each fill awaited so that every price applies to its own order. */
  async function trade(botId: string, steps: [side: "BUY" | "SELL", quantity: string, price: string][]) {
    for (const [index, [side, quantity, at]] of steps.entries()) {
      await price("BTC/USDT", at);
      await order(botId, side, quantity);
      await vi.waitFor(
        async () => {
          const { data } = await execute(BotNumbers, { id: botId }, { token: admin });
          expect(data?.bot?.performance.tradeCount).toBe(index + 1);
        },
        { timeout: SHOWN_MS, interval: 20 },
      );
    }
  }

  /** How many subscriptions the trades subgraph has started so far (the gateway opens one per client subscription). */
  const tradeSubscriptions = () =>
    logLines.filter((line) => line["msg"] === "subscription started" && line["subgraph"] === "trades").length;

  /**
   * Waits until the bot detail's two trades subscriptions (tradeExecuted, orderUpdated) have reached the
   * subgraph, `before` being {@link tradeSubscriptions} before it opened: events after that reach the page.
   */
  async function detailSubscribed(before: number): Promise<void> {
    await vi.waitFor(() => expect(tradeSubscriptions()).toBeGreaterThanOrEqual(before + 2), {
      timeout: SHOWN_MS,
      interval: 20,
    });
  }

  /** A page of the console signed in as the admin, opened at `hash`. */
  async function open(hash: string): Promise<WatchedPage> {
    const watched = await openWatchedPage(browser);
    await watched.page
      .context()
      .addInitScript(({ key, token }) => localStorage.setItem(key, token), { key: TOKEN_KEY, token: admin });
    await watched.page.goto(new URL(hash, consoleUrl).href);
    return watched;
  }

  /** Checks the page stayed clean (no console errors, nothing outside 127.0.0.1), then closes it. */
  async function close(watched: WatchedPage): Promise<void> {
    expect(watched.errors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await watched.page.context().close();
  }

  async function screenshot(page: Page, screen: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `console-${screen}.png`) });
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    receiver = await startReceiver();
    t = await startTestStack({
      env: {
        NODE_ENV: "development",
        // Development moves prices by itself; these tests set every price they trade at.
        SIMULATED_MARKET: "false",
        TRADING_FEE_RATE: "0.001",
        WEBHOOK_RETRY_SCHEDULE: "0,0",
      },
      logLines,
    });
    consoleUrl = new URL("/console/", t.url);
    admin = await t.token("admin", ["admin", "trader"]);
    browser = await launchBrowser();

    momentum = await createBot("Momentum BTC", "BTC/USDT");
    const dca = await createBot("DCA ETH", "ETH/USDT", "dca", { orderQuantity: "0.05", intervalSeconds: 3600 });
    await createBot("Grid SOL", "SOL/USDT", "grid", {
      lowerPrice: "120",
      upperPrice: "180",
      gridLevels: 12,
      orderQuantity: "1",
    });
    await price("ETH/USDT", "2400");
    for (const id of [momentum, dca]) await execute(StartBot, { id }, { token: admin });
    await execute(PauseBot, { id: dca }, { token: admin });
    await trade(momentum, [
      ["BUY", "0.5", "30000"],
      ["BUY", "0.5", "29400"],
      ["SELL", "0.4", "31200"],
      ["SELL", "0.3", "30500"],
      ["BUY", "0.2", "29800"],
      ["SELL", "0.3", "32100"],
    ]);

    const { data } = await execute(
      CreateWebhookEndpoint,
      { input: { url: receiver.url, eventTypes: ["webhook.test"], description: "Trading desk alerts" } },
      { token: admin },
    );
    endpointId = data?.createWebhookEndpoint.endpoint?.id ?? "";
    await execute(SendTestWebhook, { id: endpointId }, { token: admin });

    await execute(UpsertFlag, { input: flagInput("new-dashboard", { rolloutPercentage: 30 }) }, { token: admin });
    await execute(
      UpsertFlag,
      {
        input: flagInput("order-book-v2", {
          description: "The new order book",
          rolloutPercentage: 50,
          variants: [
            { name: "compact", weight: 1 },
            { name: "detailed", weight: 1 },
          ],
        }),
      },
      { token: admin },
    );
    await execute(UpsertFlag, { input: flagInput("arbitrage", { enabled: false }) }, { token: admin });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    receiver?.server.close();
  });

  it("signs in with a pasted token, offers the dev token, and signs out", async () => {
    const alice = await t.token("alice");
    await execute(CreateBot, { input: { name: "Alice's bot", symbol: "ADA/USDT" } }, { token: alice });
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(consoleUrl.href);
    await page.getByRole("button", { name: "Use dev token" }).waitFor({ timeout: SHOWN_MS });
    await screenshot(page, "sign-in");

    await page.getByLabel("Token").fill(alice);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("row", { name: /Alice's bot/ }).waitFor({ timeout: SHOWN_MS });
    expect(await page.getByRole("row", { name: /Momentum BTC/ }).count()).toBe(0);
    expect(await page.locator(".viewer").textContent()).toContain("alice");
    expect(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)).toBe(alice);

    await page.getByRole("link", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Use dev token" }).click();
    await page.getByRole("row", { name: /Momentum BTC/ }).waitFor({ timeout: SHOWN_MS });
    expect(await page.locator(".viewer").textContent()).toContain("admin");
    await close(watched);
  });

  it("lists bots with their status and changes it with the lifecycle buttons", async () => {
    const watched = await open("#/bots");
    const { page } = watched;
    const sol = page.getByRole("row", { name: /Grid SOL/ });
    await sol.waitFor({ timeout: SHOWN_MS });
    expect(await page.getByRole("row", { name: /DCA ETH/ }).textContent()).toContain("PAUSED");
    expect(await sol.textContent()).toContain("STOPPED");
    await screenshot(page, "bots");

    await sol.getByRole("button", { name: "Start" }).click();
    await sol.getByText("RUNNING").waitFor({ timeout: SHOWN_MS });
    await sol.getByRole("button", { name: "Stop" }).click();
    await sol.getByText("STOPPED").waitFor({ timeout: SHOWN_MS });
    await close(watched);
  });

  it("shows the server's validation errors beside their fields in the create-bot form", async () => {
    const watched = await open("#/bots");
    const { page } = watched;
    await page.getByLabel("Name").fill("Broken bot");
    await page.getByLabel("Symbol").fill("btc-usdt");
    await page.getByLabel("Strategy", { exact: true }).selectOption("dca");
    await page.getByLabel("Strategy config (JSON)").fill('{ "orderQuantity": "-1", "intervalSeconds": 5 }');
    await page.getByRole("button", { name: "Create bot" }).click();

    /** The text of the elements that describe the field labelled `label`, once the field is marked invalid. */
    const description = async (label: string) => {
      const field = page.getByLabel(label, { exact: true });
      await expect.poll(() => field.getAttribute("aria-invalid"), { timeout: SHOWN_MS }).toBe("true");
      const ids = (await field.getAttribute("aria-describedby"))?.split(" ") ?? [];
      const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
      return texts.join(" ");
    };
    expect(await description("Symbol")).toContain('symbol: must be BASE/QUOTE in capitals, e.g. "BTC/USDT"');
    const config = await description("Strategy config (JSON)");
    expect(config).toContain("config.orderQuantity");
    expect(config).toContain("config.intervalSeconds: must be at least 10");
    expect(await page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid")).toBeNull();
    await screenshot(page, "create-bot-errors");
    await close(watched);
  });

  it("shows a bot's position, performance and PnL chart, and a trade submitted through the API within 1 s", async () => {
    const started = tradeSubscriptions();
    const watched = await open(`#/bots/${momentum}`);
    const { page } = watched;
    const trades = page.getByRole("table", { name: "Trades" });
    await trades.locator("tbody tr").nth(5).waitFor({ timeout: SHOWN_MS });
    await page.locator(".chart canvas").waitFor({ timeout: SHOWN_MS });
    const performance = page.getByRole("region", { name: "Performance" });
    await performance.getByText("6", { exact: true }).waitFor({ timeout: SHOWN_MS });
    const position = page.getByRole("region", { name: "Position" });
    expect(await position.textContent()).toContain("0.2 BTC");
    await screenshot(page, "bot-detail");

    await detailSubscribed(started);
    await price("BTC/USDT", "33333");
    const submitted = Date.now();
    await order(momentum, "SELL", "0.1");
    await trades.getByRole("row", { name: /33333/ }).waitFor({ timeout: 1000 - (Date.now() - submitted) });
    await performance.getByText("7", { exact: true }).waitFor({ timeout: SHOWN_MS });
    await close(watched);
  });

  it("submits an order from the bot detail and shows it filled", async () => {
    const started = tradeSubscriptions();
    const watched = await open(`#/bots/${momentum}`);
    const { page } = watched;
    await page.getByRole("button", { name: "Submit order" }).waitFor({ timeout: SHOWN_MS });
    await detailSubscribed(started);
    await page.getByLabel("Quantity").fill("0.05");
    await page.getByRole("button", { name: "Submit order" }).click();
    await page.getByRole("listitem").filter({ hasText: "FILLED" }).waitFor({ timeout: SHOWN_MS });
    await close(watched);
  });

  it("lists webhook endpoints and every attempt of a delivery", async () => {
    await vi.waitFor(
      async () => {
        const { data } = await execute(EndpointDeliveries, { id: endpointId }, { token: admin });
        const delivery = data?.webhookEndpoint?.deliveries.edges[0]?.node;
        expect(delivery?.status).toBe("SUCCEEDED");
        expect(delivery?.attempts.map((a) => a.responseStatus)).toEqual([503, 200]);
      },
      { timeout: SHOWN_MS, interval: 20 },
    );
    const watched = await open("#/webhooks");
    const { page } = watched;
    const row = page.getByRole("row", { name: new RegExp(receiver.url) });
    await row.waitFor({ timeout: SHOWN_MS });
    expect(await row.textContent()).toContain("webhook.test");
    await row.getByRole("link", { name: receiver.url }).click();
    const delivery = page.getByRole("article", { name: "Delivery of webhook.test" });
    await delivery.getByText("SUCCEEDED").waitFor({ timeout: SHOWN_MS });
    expect(await delivery.getByRole("row").allTextContents()).toEqual([
      expect.stringContaining("Attempted at"),
      expect.stringContaining("503"),
      expect.stringContaining("200"),
    ]);
    await screenshot(page, "webhooks");
    await close(watched);
  });

  it("shows health, queues (pausing and resuming one) and operation stats to an admin", async () => {
    const watched = await open("#/ops");
    const { page } = watched;
    await page.getByRole("heading", { name: "Health checks" }).waitFor({ timeout: SHOWN_MS });
    expect(await page.getByRole("region", { name: "Health checks" }).getByRole("row").count()).toBeGreaterThan(1);
    await page.getByRole("row", { name: /^ConsoleBots tradebot-console/ }).waitFor({ timeout: SHOWN_MS });
    await screenshot(page, "ops");

    const queue = page.getByRole("row", { name: /^webhooks/ });
    await queue.getByRole("button", { name: "Pause webhooks" }).click();
    await queue.getByRole("button", { name: "Resume webhooks" }).waitFor({ timeout: SHOWN_MS });
    const paused = await execute(Queues, {}, { token: admin });
    expect(paused.data?.queues.find((q) => q.name === "webhooks")?.paused).toBe(true);
    await queue.getByRole("button", { name: "Resume webhooks" }).click();
    await queue.getByRole("button", { name: "Pause webhooks" }).waitFor({ timeout: SHOWN_MS });
    const resumed = await execute(Queues, {}, { token: admin });
    expect(resumed.data?.queues.find((q) => q.name === "webhooks")?.paused).toBe(false);
    await close(watched);
  });

  it("saves a flag's rollout from its slider and previews who gets it", async () => {
    const watched = await open("#/flags/new-dashboard");
    const { page } = watched;
    const slider = page.getByLabel("Rollout of new-dashboard");
    await slider.waitFor({ timeout: SHOWN_MS });
    await slider.fill("60");
    await page.getByRole("status").filter({ hasText: "Saved new-dashboard: rollout 60 %." }).waitFor({
      timeout: SHOWN_MS,
    });
    const saved = await execute(FeatureFlagByKey, { key: "new-dashboard" }, { token: admin });
    expect(saved.data?.featureFlag?.rolloutPercentage).toBe(60);

    const users = Array.from({ length: 20 }, (_, i) => `user-${i + 1}`);
    const evaluations = await Promise.all(
      users.map((user) =>
        execute(EvaluateFlag, { key: "new-dashboard", context: { targetingKey: user } }, { token: admin }),
      ),
    );
    const on = evaluations.filter((e) => e.data?.evaluateFlag.value).length;
    await page.getByText(`${on} of 20 users get it`).waitFor({ timeout: SHOWN_MS });
    const table = page.getByRole("table", { name: "Evaluations of new-dashboard" });
    for (const [index, user] of users.entries()) {
      const row = await table.getByRole("row", { name: new RegExp(`^${user}\\b`) }).textContent();
      expect(row).toContain(evaluations[index]?.data?.evaluateFlag.value ? "on" : "off");
      expect(row).toContain(evaluations[index]?.data?.evaluateFlag.reason);
    }
    await screenshot(page, "flags");
    await close(watched);
  });
});
