/**
 * The browser tests' shared set-up: one `wrangler dev` (server.ts) and one Chromium per file,
 * started before the file's tests and stopped after them.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchBrowser } from "./browser";
import { startDevServer, type DevServer, type DevServerOptions } from "./server";

export interface BrowserSuite {
  server: DevServer;
  browser: Browser;
}

/** Registers the hooks (call inside the file's `describe`); `suite` is filled before the first test. */
export function useBrowserSuite(suite: BrowserSuite, server: DevServerOptions = {}): void {
  beforeAll(async () => {
    suite.server = await startDevServer(server);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
}

export const DEMO_PASSWORD = "kefu123456";

/** Logging demo staff in, through the console or the API, against the suite's server. */
export function staffLogins(suite: BrowserSuite) {
  return {
    /** A console page logged in as `email`, on the thread list. */
    async consoleAs(email: string, password = DEMO_PASSWORD, from?: string): Promise<Page> {
      // `from`: the client address the requests come from (as Cloudflare's edge says), so a test's
      // many logins count against its own per-address limit (20 a minute), not the other tests'.
      const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 }, ...(from ? { extraHTTPHeaders: { "cf-connecting-ip": from } } : {}) });
      await page.goto(`${suite.server.url}/`);
      await page.getByTestId("login-email").fill(email);
      await page.getByTestId("login-password").fill(password);
      await page.getByTestId("login-submit").click();
      await page.getByTestId("thread-list").waitFor();
      return page;
    },
    /** A staff session token from the API, as the console's login gets one. */
    async apiLogin(email: string, password = DEMO_PASSWORD, from = "203.0.113.90"): Promise<string> {
      const res = await fetch(`${suite.server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": from }, body: JSON.stringify({ email, password }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { token: string }).token;
    },
  };
}
