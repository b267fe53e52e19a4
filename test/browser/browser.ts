import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); `.ci/run` installs it when missing. */
export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/**
 * Whether browser tests run: Chromium is installed, or CI is set (then a missing browser fails the
 * tests instead of skipping them).
 */
export const browserAvailable: boolean = process.env["CI"] === "true" || existsSync(CHROMIUM_PATH);

/** Headless Chromium with networking limited to this machine (no background requests to Google). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A page whose requests to anything but 127.0.0.1 are refused, recording what it tried and every console error. */
export interface WatchedPage {
  page: Page;
  /** URLs the page tried to reach outside 127.0.0.1 (refused). */
  outsideRequests: string[];
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
}

/** Opens a page in a fresh context (its own storage) that may reach only 127.0.0.1. */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const outsideRequests: string[] = [];
  const errors: string[] = [];
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    async (route) => {
      outsideRequests.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, outsideRequests, errors };
}
