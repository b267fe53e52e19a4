import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { CreateBot, SetTicker, StartBot, SubmitOrder } from "../e2e/documents.js";
import { startTestStack, type TestStack } from "../harness.js";
import { browserAvailable, launchBrowser, openWatchedPage, type WatchedPage } from "./browser.js";

describe.skipIf(!browserAvailable)("the GraphiQL playground, with the network beyond 127.0.0.1 blocked", () => {
  let t: TestStack;
  let browser: Browser;
  let watched: WatchedPage;

  beforeAll(async () => {
    t = await startTestStack({ env: { NODE_ENV: "development", SIMULATED_MARKET: "false" } });
    browser = await launchBrowser();
    watched = await openWatchedPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /**
   * Selects a tab of the tour and waits until its operation is in the editor. A click event, not a
   * pointer: the tabs can be dragged to reorder them.
   */
  async function selectTab(title: string, operation: string): Promise<void> {
    await watched.page.getByRole("button", { name: title, exact: true }).dispatchEvent("click");
    await expect
      .poll(async () => shownText(".graphiql-query-editor"), { timeout: 10_000, interval: 50 })
      .toContain(operation);
  }

  /** An editor's text as shown (the editor renders spaces as no-break spaces). */
  async function shownText(selector: string): Promise<string> {
    return (await watched.page.locator(selector).innerText()).replaceAll("\u00a0", " ");
  }

  /** The result pane's text once it contains `expected`. */
  async function resultContaining(expected: string): Promise<string> {
    await expect
      .poll(async () => shownText(".graphiql-response"), { timeout: 10_000, interval: 50 })
      .toContain(expected);
    return shownText(".graphiql-response");
  }

  it("loads from the gateway alone, titled with the product's name, with the dev token in the headers", async () => {
    const { page } = watched;
    await page.goto(t.url);
    expect(await page.title()).toBe("tradebot-graph");
    await page.getByRole("button", { name: "CreateBot", exact: true }).waitFor({ timeout: 10_000 });
    await page.getByText("Headers", { exact: true }).click();
    await expect
      .poll(async () => shownText(".graphiql-editor-tool"), { timeout: 5000 })
      .toMatch(/"authorization": "Bearer ey/);
    expect(watched.outsideRequests).toEqual([]);
  });

  it("runs the tour's first mutation as the dev token's admin", async () => {
    const { page } = watched;
    await selectTab("CreateBot", "mutation CreateBot");
    await page.getByRole("button", { name: /Execute query/ }).click();
    const text = await resultContaining('"name": "My first bot"');
    expect(text).toContain('"status": "STOPPED"');
    expect(text).toContain('"userErrors": []');
  });

  it("runs the tour's subscription and shows a trade as it executes", async () => {
    // A page of its own: GraphiQL keeps the last run's operation name across tabs.
    const first = watched;
    watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(t.url);
    await selectTab("Trades", "subscription Trades");
    await page.getByRole("button", { name: /Execute query/ }).click();
    // The subscription streams over SSE from the playground; the trade is made through the API.
    const admin = await t.token("admin", ["admin", "trader"]);
    await t.execute(SetTicker, { symbol: "SOL/USDT", price: "151.25" }, { token: admin });
    const created = await t.execute(CreateBot, { input: { name: "watched", symbol: "SOL/USDT" } }, { token: admin });
    const botId = created.data?.createBot.bot?.id ?? "";
    await t.execute(StartBot, { id: botId }, { token: admin });
    // Whether the stream is open yet the page does not show: an order each poll until one's trade appears.
    let sequence = 0;
    await expect
      .poll(
        async () => {
          await t.execute(
            SubmitOrder,
            {
              input: {
                botId,
                clientOrderId: `from-the-test-${++sequence}`,
                side: "BUY",
                type: "MARKET",
                quantity: "2",
              },
            },
            { token: admin },
          );
          return shownText(".graphiql-response");
        },
        { timeout: 10_000, interval: 250 },
      )
      .toContain('"price": "151.25"');
    expect(await shownText(".graphiql-response")).toContain('"symbol": "SOL/USDT"');
    await page.screenshot({ path: "docs/screenshots/playground.png" });
    watched.outsideRequests.push(...first.outsideRequests);
    watched.errors.push(...first.errors);
  });

  it("made no request outside 127.0.0.1 and logged no error", () => {
    expect(watched.outsideRequests).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
