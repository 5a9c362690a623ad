/**
 * The browser tests' shared set-up: one `wrangler dev` (server.ts) and one Chromium per file,
 * started before the file's tests and stopped after them.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startDevServer, type DevServer } from "./server";

export interface BrowserSuite {
  server: DevServer;
  browser: Browser;
}

/** Registers the hooks (call inside the file's `describe`); `suite` is filled before the first test. */
export function useBrowserSuite(suite: BrowserSuite): void {
  beforeAll(async () => {
    suite.server = await startDevServer();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
}
