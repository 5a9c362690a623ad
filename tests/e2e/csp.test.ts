/**
 * The console and the widget are served with a Content-Security-Policy (web/public/_headers,
 * applied by Workers static assets): only our own scripts run, an inline script injected into the
 * page does not, the console cannot be framed while the widget can, and the app still works.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserMissing, MISSING_MESSAGE } from "./browser";
import { useBrowserSuite, type BrowserSuite } from "./suite";

const suite = {} as BrowserSuite;

/** The CSP directives of a response, by name. */
function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries((csp ?? "").split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(" ")]));
}

/** Adds an inline script to the page the way an injection would; resolves with the violations reported. */
async function injectInlineScript(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
    const s = document.createElement("script");
    s.textContent = "window.__injected = 'ran'";
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 200));
    return violations;
  });
}

describe.skipIf(browserMissing)(browserMissing ? MISSING_MESSAGE : "content security policy", () => {
  useBrowserSuite(suite);

  it("serves the console, and every path the app falls back to, with the console's policy", async () => {
    for (const path of ["/", "/index.html", "/threads/apparel:c0001"]) {
      const res = await fetch(`${suite.server.url}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy");
      const d = directives(csp);
      expect(d, path).toMatchObject({ "script-src": "'self'", "object-src": "'none'", "base-uri": "'none'", "connect-src": "'self'", "frame-ancestors": "'none'" });
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("serves the widget with one policy that lets the mall's pages frame it", async () => {
    const res = await fetch(`${suite.server.url}/widget.html?shop=apparel`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("widget-page");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp.match(/frame-ancestors/g)).toHaveLength(1);
    expect(directives(csp)).toMatchObject({ "script-src": "'self'", "frame-ancestors": "*" });
  });

  it("blocks an inline script injected into the console, and the console still works", async () => {
    const page = await suite.browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.goto(`${suite.server.url}/`);
    await page.getByTestId("login-email").waitFor();
    expect(await injectInlineScript(page)).toContain("script-src-elem");
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
    expect(consoleErrors.join("\n")).toMatch(/Content Security Policy/);
    // The app's own script, styles and API calls are allowed: logging in works.
    await page.getByTestId("login-email").fill("agent1@apparel.demo");
    await page.getByTestId("login-password").fill("kefu123456");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("thread-list").waitFor({ timeout: 20_000 });
    await page.getByTestId("logout-button").waitFor();
    await page.close();
  });

  it("blocks an inline script in the widget, which still connects", async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await page.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0004`);
    await expect.poll(() => page.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    expect(await injectInlineScript(page)).toContain("script-src-elem");
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
    await page.close();
  });

  it("refuses to be framed as the console, but the widget may be", async () => {
    const page = await suite.browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    // Another origin (localhost, not 127.0.0.1) frames both; its page is an API answer, which has no CSP of its own.
    await page.goto(`${suite.server.url.replace("127.0.0.1", "localhost")}/api/shops`);
    await page.evaluate((u) => {
      document.body.innerHTML = `<iframe id="console" src="${u}/"></iframe><iframe id="widget" src="${u}/widget.html?shop=apparel"></iframe>`;
    }, suite.server.url);
    await page.frameLocator("#widget").locator("body.widget-page").waitFor({ state: "attached", timeout: 15_000 });
    await expect.poll(() => consoleErrors.join("\n"), { timeout: 10_000 }).toMatch(/frame-ancestors 'none'/);
    expect(await page.frameLocator("#console").locator("#app").count()).toBe(0);
    await page.close();
  });
});
