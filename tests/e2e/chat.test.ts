/**
 * Browser test: real Chromium (Debian's package, driven by playwright-core) against `wrangler
 * dev` with the demo mall. An agent logs in, a shopper opens the widget from a product page, and
 * they exchange a message both ways. Screenshots go to tests/e2e/screenshots/.
 */
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, launchBrowser, MISSING_MESSAGE } from "./browser";
import { startDevServer, type DevServer } from "./server";

const SHOTS = "tests/e2e/screenshots";
let server: DevServer;
let browser: Browser;

describe.skipIf(browserMissing)(browserMissing ? MISSING_MESSAGE : "agent and shopper in real Chromium", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startDevServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("exchanges messages both ways between the widget and the console", async () => {
    const agent = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await agent.goto(`${server.url}/`);
    await agent.getByTestId("login-email").fill("agent1@apparel.demo");
    await agent.getByTestId("login-password").fill("kefu123456");
    await agent.getByTestId("login-submit").click();
    await agent.getByTestId("thread-list").waitFor();

    const shopper = await browser.newPage({ viewport: { width: 390, height: 780 } });
    const products = (await (await fetch(`${server.url}/api/shops/apparel`)).json()) as { products: { id: string }[] };
    await shopper.goto(`${server.url}/widget.html?shop=apparel&customer=c0002&product=${products.products[0]!.id}`);
    await shopper.getByTestId("composer-input").waitFor();
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    const question = `这件衣服有M码吗？${Date.now() % 10000}`;
    await shopper.getByTestId("composer-input").fill(question);
    await shopper.getByTestId("send-button").click();
    await shopper.getByTestId("message").filter({ hasText: question }).waitFor();

    const thread = agent.locator('[data-testid="thread-item"][data-thread-id="apparel:c0002"]');
    await thread.waitFor({ timeout: 20_000 });
    await thread.click();
    await agent.getByTestId("message").filter({ hasText: question }).waitFor({ timeout: 15_000 });
    const answer = "亲，M码有货的，今天下单明天发货～";
    await agent.getByTestId("composer-input").fill(answer);
    await agent.getByTestId("send-button").click();

    await shopper.getByTestId("message").filter({ hasText: answer }).waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: `${SHOTS}/console.png` });
    await shopper.screenshot({ path: `${SHOTS}/widget.png` });
    expect(await shopper.getByTestId("message").filter({ hasText: answer }).count()).toBe(1);
    expect(await agent.getByTestId("message").filter({ hasText: question }).count()).toBe(1);
  });
});
