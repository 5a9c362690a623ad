/**
 * Stored text is rendered inert: a shopper whose mall-signed name is an HTML injection writes
 * script-injection attempts through the widget, an agent answers with more of them from the
 * console, and both pages show every one as literal text: no dialog opens, no script runs, no
 * injected element or javascript: link exists.
 */
import { sign } from "hono/utils/jwt/jwt";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readDevVars } from "../../scripts/lib/dev-vars";
import { browserMissing, MISSING_MESSAGE } from "./browser";
import { useBrowserSuite, type BrowserSuite } from "./suite";

/** Each sets `window.__xss` (and opens a dialog) if it ever runs. */
const NAME = `<img src=x onerror="window.__xss='name';alert(1)">`;
const SHOPPER_LINES = [
  `<script>window.__xss='script';alert(2)</script>`,
  `<img src=x onerror="window.__xss='img';alert(3)">`,
  `<svg onload="window.__xss='svg';alert(4)"></svg>`,
  `<a href="javascript:window.__xss='link';alert(5)">订单详情</a>`,
  `<iframe srcdoc="<script>parent.__xss='iframe';parent.alert(6)</script>"></iframe>`,
  `</p></li><li onmouseover="window.__xss='li'">悬停</li>`,
  `[点我](javascript:alert(7)) {{constructor.constructor('alert(8)')()}}`,
];
const AGENT_LINE = `<b onmouseover="window.__xss='agent'">亲</b><script>alert(9)</script>`;
const INJECTED = 'img[src="x"], script:not([src]):not([type]), iframe, svg[onload], [onerror], [onload], [onmouseover], a[href^="javascript:"]';

const suite = {} as BrowserSuite;
const dialogs: string[] = [];

function watch(page: Page): Page {
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

/** Injected markup inside the app's own DOM (the app itself has no inline handlers or scripts). */
async function injectedCount(page: Page): Promise<number> {
  return page.locator(`#app ${INJECTED.split(", ").join(", #app ")}`).count();
}

async function shopperToken(sub: string): Promise<string> {
  const secret = readDevVars(".dev.vars").SHOPPER_JWT_SECRET!;
  return sign({ sub, name: NAME, level: "gold", exp: Math.floor(Date.now() / 1000) + 3600 }, secret, "HS256");
}

describe.skipIf(browserMissing)(browserMissing ? MISSING_MESSAGE : "stored text rendered inert", () => {
  useBrowserSuite(suite);

  it("shows injected names and messages as text in the widget and the console, and runs none of them", async () => {
    const customer = `xss${Date.now() % 1_000_000}`;
    const shopper = watch(await suite.browser.newPage({ viewport: { width: 390, height: 780 } }));
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&token=${encodeURIComponent(await shopperToken(customer))}`);
    await shopper.getByTestId("composer-input").waitFor();
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    for (const line of SHOPPER_LINES) {
      await shopper.getByTestId("composer-input").fill(line);
      await shopper.getByTestId("send-button").click();
      await shopper.getByTestId("message").filter({ hasText: line }).waitFor();
    }

    const agent = watch(await suite.browser.newPage({ viewport: { width: 1280, height: 800 } }));
    await agent.goto(`${suite.server.url}/`);
    await agent.getByTestId("login-email").fill("agent1@apparel.demo");
    await agent.getByTestId("login-password").fill("kefu123456");
    await agent.getByTestId("login-submit").click();
    const thread = agent.locator(`[data-testid="thread-item"][data-thread-id="apparel:${customer}"]`);
    await thread.waitFor({ timeout: 20_000 });
    // The name is shown as the characters the mall signed.
    await expect.poll(() => thread.textContent()).toContain(NAME);
    await thread.click();
    for (const line of SHOPPER_LINES) await agent.getByTestId("message").filter({ hasText: line }).first().waitFor({ timeout: 15_000 });
    await agent.getByTestId("composer-input").fill(AGENT_LINE);
    await agent.getByTestId("send-button").click();
    await shopper.getByTestId("message").filter({ hasText: AGENT_LINE }).waitFor({ timeout: 15_000 });
    await agent.getByTestId("message").filter({ hasText: AGENT_LINE }).waitFor();

    // Hover what would carry handlers, as a person reading the chat would.
    for (const page of [shopper, agent]) for (const m of await page.getByTestId("message").all()) await m.hover().catch(() => undefined);
    for (const page of [shopper, agent]) {
      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
      expect(await injectedCount(page)).toBe(0);
    }
    expect(dialogs).toEqual([]);
    expect(await agent.locator("#app").textContent()).toContain(NAME);
  });
});
