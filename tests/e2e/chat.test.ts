/**
 * Browser test: real Chromium (Debian's package, driven by playwright-core) against `wrangler
 * dev` with the demo mall. An agent logs in, a shopper opens the widget from a product page, and
 * they exchange a message both ways; a shopper's mail shows up as their thread with the shop, and outside
 * the service hours the widget offers the shop's mailbox beside leave-a-message; a mall webhook shows up in the agent's open context panel
 * without a reload; a shopper whose tokens the mall revokes is asked who they are again; a shop
 * admin adds an agent who logs in and must first change the password the admin chose, then disables them; an agent turns on two-factor login, logs in
 * with a code and a recovery code, and the admin resets it; a shop admin requires two-factor login
 * and an agent at work is sent to set it up first; a staff member changes their password and an
 * admin sets a new one for someone who forgot it; an agent sees where they are logged in and logs
 * other devices out, and a shop admin logs an agent out everywhere; a shop admin sets the service hours; a login locked out by failures says for how
 * long, and the staff member's usual browser still gets in while the account is locked elsewhere; an agent resolves a chat and the shopper rates it (满意度评价); a shop admin reads the day's service report and exports it; an agent opens a past consultation of the demo's history from the context panel, finds an old thread by the customer's name; a shop admin scores a low-rated consultation again in 质检 and its agent reads the review. Screenshots go to tests/e2e/screenshots/.
 */
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserMissing, MISSING_MESSAGE } from "./browser";
import { staffLogins, useBrowserSuite, type BrowserSuite } from "./suite";
import { readDevVars } from "../../scripts/lib/dev-vars";
import { awayFromStepEdge, codeOf, wrongCode } from "../helpers/totp";
import { generateDemoMall } from "../../scripts/demo-mall/generate";
import { writeDemoTranscripts } from "../../scripts/lib/demo-transcripts";

const SHOTS = "tests/e2e/screenshots";
const suite = {} as BrowserSuite;
const { consoleAs, apiLogin } = staffLogins(suite);

/**
 * Turns on two-factor login on the account page shown (password, QR key, the app's code of the
 * step before now), saves the recovery codes; returns the secret, as the phone would hold it.
 */
async function turnOnTwoFactor(page: Page, password: string): Promise<string> {
  await page.getByTestId("two-factor-password").fill(password);
  await page.getByTestId("two-factor-start").click();
  await page.getByTestId("two-factor-qr").waitFor();
  const secret = (await page.getByTestId("two-factor-secret").textContent())!.replace(/\s/g, "");
  await awayFromStepEdge(8);
  await page.getByTestId("two-factor-code").fill(await codeOf(secret, -1));
  await page.getByTestId("two-factor-enable-submit").click();
  await page.getByTestId("recovery-saved").click();
  return secret;
}

/** Posts a signed webhook delivery, as the mall would; the status. */
async function deliver(body: string): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = "sha256=" + createHmac("sha256", readDevVars(".dev.vars").MALL_WEBHOOK_SECRET!).update(`${timestamp}.${body}`).digest("hex");
  const res = await fetch(`${suite.server.url}/api/mall/webhooks`, { method: "POST", headers: { "content-type": "application/json", "x-kefu-timestamp": timestamp, "x-kefu-signature": signature }, body });
  return res.status;
}

/** A shopper token as the mall's back end signs it (HS256), issued `agoSec` seconds ago. */
function mallToken(customerId: string, agoSec: number): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: customerId, name: "林晓雨", level: "vip", iat: now - agoSec, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac("sha256", readDevVars(".dev.vars").SHOPPER_JWT_SECRET!).update(unsigned).digest("base64url")}`;
}

/** Posts a signed `order.upserted` for the customer with apparel, as the mall would; the status. */
async function pushOrder(orderId: string, customerId: string): Promise<number> {
  const now = Date.now();
  return deliver(JSON.stringify({
    id: `dlv-${orderId}`,
    topic: "order.upserted",
    data: { id: orderId, shopId: "apparel", customerId, status: "paid", totalCents: 6900, createdAt: now, paidAt: now, updatedAt: now, items: [{ productId: "p-e2e", title: "纯棉宽松圆领T恤", category: "apparel/tops", qty: 1, priceCents: 6900 }] },
  }));
}

describe.skipIf(browserMissing)(browserMissing ? MISSING_MESSAGE : "agent and shopper in real Chromium", () => {
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });
  useBrowserSuite(suite);

  it("exchanges messages both ways between the widget and the console", async () => {
    const agent = await consoleAs("agent1@apparel.demo");

    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    const products = (await (await fetch(`${suite.server.url}/api/shops/apparel`)).json()) as { products: { id: string }[] };
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0002&product=${products.products[0]!.id}`);
    await shopper.getByTestId("composer-input").waitFor();
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    const question = `这件衣服有M码吗？${Date.now() % 10000}`;
    await shopper.getByTestId("composer-input").fill(question);
    await shopper.getByTestId("send-button").click();
    await shopper.getByTestId("message").filter({ hasText: question }).waitFor();
    // The ack carries the stored message: the pending bubble is replaced, not shown beside it.
    expect(await shopper.getByTestId("message-pending").count()).toBe(0);

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

  it("brings a shopper's mail into the console as their chat with the shop, showing the agent where answers go", async () => {
    const agent = await consoleAs("agent1@food.demo");
    // c0005's address is the one the demo mall gave; the receiving server vouches for the sender.
    const subject = `酸奶的保质期 ${Date.now() % 10000}`;
    const raw = [
      "Authentication-Results: mx.cloudflare.net; dkim=pass header.d=shopper.demo; dmarc=pass header.from=shopper.demo",
      "From: <c0005@shopper.demo>",
      "To: food@kefu.localhost",
      `Subject: ${subject}`,
      `Message-ID: <${Date.now()}@shopper.demo>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "请问上周买的酸奶保质期多久？",
      "",
      "在 2026年11月20日 10:00，美味食品 写道：",
      "> 欢迎光临",
      "",
    ].join("\r\n");
    const res = await fetch(`${suite.server.url}/cdn-cgi/handler/email?from=c0005@shopper.demo&to=food@kefu.localhost`, { method: "POST", body: raw });
    expect(res.status).toBe(200);

    const thread = agent.locator('[data-testid="thread-item"][data-thread-id="food:c0005"]');
    await thread.waitFor({ timeout: 20_000 });
    expect(await thread.textContent()).toContain("邮件");
    await thread.click();
    await agent.getByTestId("message").filter({ hasText: "请问上周买的酸奶保质期多久？" }).waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId("message").filter({ hasText: "欢迎光临" }).count()).toBe(0);
    const bar = agent.getByTestId("email-bar");
    await bar.waitFor();
    expect(await bar.textContent()).toContain("c0005@shopper.demo");
    expect(await bar.textContent()).toContain(subject);
    await agent.screenshot({ path: `${SHOTS}/email-thread.png` });
  });

  it("offers a shopper who asks for a person outside the service hours to leave a message or to mail the shop", async () => {
    // The beauty shop closed all week, through the admin API, and opened again afterwards.
    const from = "203.0.113.81";
    const adminToken = await apiLogin("admin@beauty.demo", "kefu123456", from);
    const hoursUrl = `${suite.server.url}/api/admin/business-hours`;
    const auth = { authorization: `Bearer ${adminToken}` };
    const before = ((await (await fetch(hoursUrl, { headers: auth })).json()) as { hours: unknown }).hours;
    const setHours = (hours: unknown) => fetch(hoursUrl, { method: "PUT", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify({ hours }) });
    const closed = { timeZone: "Asia/Shanghai", weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, []])) };
    expect((await setHours(closed)).status).toBe(200);
    try {
      const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
      await shopper.goto(`${suite.server.url}/widget.html?shop=beauty&customer=c0006`);
      await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
      await shopper.getByTestId("composer-input").fill("转人工");
      await shopper.getByTestId("send-button").click();
      await shopper.getByTestId("leave-message-form").waitFor({ timeout: 15_000 });
      const mail = shopper.getByTestId("leave-by-email").locator("a");
      expect(await mail.textContent()).toBe("beauty@kefu.localhost");
      expect(await mail.getAttribute("href")).toBe("mailto:beauty@kefu.localhost");
      await shopper.screenshot({ path: `${SHOTS}/leave-message.png` });
    } finally {
      await setHours(before);
    }
  });

  it("shows an order the mall pushes in the agent's open context panel, without a reload", async () => {
    const agent = await consoleAs("agent2@apparel.demo");

    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0003`);
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    await shopper.getByTestId("composer-input").fill("我刚下的单看得到吗");
    await shopper.getByTestId("send-button").click();

    const thread = agent.locator('[data-testid="thread-item"][data-thread-id="apparel:c0003"]');
    await thread.waitFor({ timeout: 20_000 });
    await thread.click();
    // The channels line renders once the panel's first load has landed.
    await agent.getByTestId("context-channels").waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByTestId("connection-status").first().getAttribute("data-state"), { timeout: 15_000 }).toBe("open");

    // Two orders, one after the other: the first may also ride on the reload that follows the
    // chat's history sync; once it shows, nothing but a push reloads the panel for minutes.
    for (const suffix of ["a", "b"]) {
      const orderId = `o-e2e-${Date.now()}-${suffix}`;
      expect(await pushOrder(orderId, "c0003")).toBe(200);
      await agent.locator(`[data-testid="context-order"][data-order-id="${orderId}"]`).waitFor({ timeout: 10_000 });
    }
    await agent.screenshot({ path: `${SHOTS}/context-live.png` });
  });

  it("drops a mall token the mall revokes: the widget's chat closes and it asks who you are again", async () => {
    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&token=${mallToken("c0004", 60)}`);
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    await shopper.getByTestId("composer-input").fill("我想改一下收货地址");
    await shopper.getByTestId("send-button").click();
    await shopper.getByTestId("message").filter({ hasText: "我想改一下收货地址" }).waitFor();

    const revocation = { id: `dlv-revoke-${Date.now()}`, topic: "customer.tokens_revoked", data: { customerId: "c0004", occurredAt: Date.now() - 1000 } };
    expect(await deliver(JSON.stringify(revocation))).toBe(200);

    // The room closes the socket, the reconnect's ticket is refused, and the widget forgets the
    // token and says why (here demo mode then offers its customers; in production, a guest chat).
    await shopper.getByTestId("customer-option").first().waitFor({ timeout: 15_000 });
    expect(await shopper.getByTestId("composer-input").count()).toBe(0);
    expect(await shopper.getByTestId("signed-out-note").textContent()).toContain("您的登录已失效");
    await shopper.screenshot({ path: `${SHOTS}/widget-revoked.png` });
  });

  it("lets a shop admin add an agent, who logs in and sets a password of their own, and disable them, which logs them out", async () => {
    const admin = await consoleAs("admin@beauty.demo");
    await admin.getByTestId("nav-admin").click();
    await admin.getByTestId("admin-tab-agents").click();
    const form = admin.getByTestId("new-agent-form");
    await form.waitFor({ timeout: 10_000 });
    // The shop's groups arrive after the form shows; filling before they have would race the re-render.
    await form.getByTestId("agent-group-toggle").first().waitFor({ timeout: 10_000 });
    const email = `e2e-${Date.now()}@beauty.demo`;
    await form.getByTestId("new-agent-name").fill("新同事小周");
    await form.getByTestId("new-agent-email").fill(email);
    // Too short a password: refused under the field, in the UI's language, before anything is sent.
    await form.getByTestId("new-agent-password").fill("short");
    await form.getByTestId("new-agent-submit").click();
    await expect.poll(() => form.getByTestId("field-error").first().textContent()).toContain("至少 10 个字符");
    await form.getByTestId("new-agent-password").fill("welcome-2026-beauty");
    await form.getByTestId("agent-group-toggle").first().click();
    await form.getByTestId("new-agent-submit").click();
    const row = admin.locator('[data-testid="agent-admin-row"]').filter({ hasText: email });
    await row.waitFor({ timeout: 10_000 });
    await admin.screenshot({ path: `${SHOTS}/agents-admin.png` });

    // The newcomer's first login asks for a password of their own before anything else.
    const newcomer = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await newcomer.goto(`${suite.server.url}/`);
    await newcomer.getByTestId("login-email").fill(email);
    await newcomer.getByTestId("login-password").fill("welcome-2026-beauty");
    await newcomer.getByTestId("login-submit").click();
    await newcomer.locator('[data-testid="setup-gate"][data-step="password"]').waitFor();
    await newcomer.screenshot({ path: `${SHOTS}/first-login-password.png` });
    await newcomer.getByTestId("password-current").fill("welcome-2026-beauty");
    await newcomer.getByTestId("password-next").fill("beauty-2026-mine");
    await newcomer.getByTestId("password-again").fill("beauty-2026-mine");
    await newcomer.getByTestId("password-submit").click();
    await newcomer.getByTestId("thread-list").waitFor({ timeout: 10_000 });
    await expect.poll(() => newcomer.getByTestId("queue-connection").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");

    admin.once("dialog", (d) => void d.accept());
    await row.getByTestId("agent-disable").click();
    await row.waitFor({ state: "detached", timeout: 10_000 });
    // Their queue socket is closed, the reconnect is refused, and the console asks them to log in;
    // the right password now says the account is disabled.
    await newcomer.getByTestId("login-email").waitFor({ timeout: 20_000 });
    await newcomer.getByTestId("login-email").fill(email);
    await newcomer.getByTestId("login-password").fill("beauty-2026-mine");
    await newcomer.getByTestId("login-submit").click();
    await expect.poll(() => newcomer.getByTestId("error-note").textContent()).toContain("此账号已停用");
  });

  it("lets a shop admin set the service hours, naming a bad time, and keeps what was saved", async () => {
    // The food shop: the chats above are apparel's, and their hand-offs must not meet closed hours.
    const admin = await consoleAs("admin@food.demo");
    const openHours = async () => {
      await admin.getByTestId("nav-admin").click();
      await admin.getByTestId("admin-tab-hours").click();
      await admin.getByTestId("hours-admin").waitFor({ timeout: 10_000 });
    };
    await openHours();
    // Mail is taken in around the clock: the page names the shop's mailbox beside its hours.
    expect(await admin.getByTestId("hours-mailbox").textContent()).toContain("food@kefu.localhost");
    const day = (d: string) => admin.locator(`[data-testid="hours-day"][data-day="${d}"]`);
    // Closed on Sundays.
    while ((await day("sun").getByTestId("hours-remove").count()) > 0) await day("sun").getByTestId("hours-remove").first().click();
    await day("sun").getByTestId("hours-closed").waitFor();
    // Monday 09:00 to "25:00": refused under the field, in the UI's language, before anything is sent.
    if ((await day("mon").getByTestId("hours-to").count()) === 0) await day("mon").getByTestId("hours-add").click();
    await day("mon").getByTestId("hours-from").first().fill("09:00");
    await day("mon").getByTestId("hours-to").first().fill("25:00");
    await admin.getByTestId("hours-save").click();
    await expect.poll(() => day("mon").getByTestId("field-error").first().textContent()).toContain("时间格式应为 HH:MM");
    await day("mon").getByTestId("hours-to").first().fill("18:00");
    await admin.getByTestId("hours-save").click();
    await admin.getByTestId("hours-saved").waitFor();
    await admin.screenshot({ path: `${SHOTS}/service-hours.png` });

    // A fresh page (still logged in) shows what was stored.
    await admin.reload();
    await admin.getByTestId("nav-admin").waitFor();
    await openHours();
    await day("sun").getByTestId("hours-closed").waitFor();
    expect(await day("mon").getByTestId("hours-to").first().inputValue()).toBe("18:00");
  });

  it("lets an agent turn on two-factor login, which then asks every login for a code, and the shop admin reset it", async () => {
    // A fresh agent of the beauty shop, added through the API as the admin page does.
    const from = "203.0.113.70"; // this test's own address: it logs in eight times
    const adminToken = await apiLogin("admin@beauty.demo", "kefu123456", from);
    const email = `e2e-2fa-${Date.now()}@beauty.demo`;
    const added = await fetch(`${suite.server.url}/api/admin/agents`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ email, name: "两步验证小林", role: "shop_agent", password: "welcome-2026-2fa", groups: [], mustChangePassword: false }) });
    expect(added.status).toBe(201);

    const agent = await consoleAs(email, "welcome-2026-2fa", from);
    await agent.getByTestId("staff-name").click();
    const card = agent.getByTestId("two-factor");
    await expect.poll(() => card.getAttribute("data-enabled")).toBe("false");
    // The password again first: a wrong one is named under the field.
    await agent.getByTestId("two-factor-password").fill("not-my-password");
    await agent.getByTestId("two-factor-start").click();
    await expect.poll(() => agent.getByTestId("two-factor-error").textContent()).toContain("密码不正确");
    await agent.getByTestId("two-factor-password").fill("welcome-2026-2fa");
    await agent.getByTestId("two-factor-start").click();
    await agent.getByTestId("two-factor-qr").waitFor();
    const secret = (await agent.getByTestId("two-factor-secret").textContent())!.replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await agent.screenshot({ path: `${SHOTS}/two-factor-setup.png` });
    // A wrong code is refused under the field; the app's code (of the step just before, so the login below has a fresh one) turns it on.
    await awayFromStepEdge(8);
    await agent.getByTestId("two-factor-code").fill(await wrongCode(secret));
    await agent.getByTestId("two-factor-enable-submit").click();
    await expect.poll(() => agent.getByTestId("two-factor-error").textContent()).toContain("验证码不正确");
    await agent.getByTestId("two-factor-code").fill(await codeOf(secret, -1));
    await agent.getByTestId("two-factor-enable-submit").click();
    await agent.getByTestId("recovery-codes").waitFor(); // allTextContents() does not wait
    const codes = (await agent.getByTestId("recovery-codes").locator("code").allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await agent.getByTestId("recovery-saved").click();
    await expect.poll(() => agent.getByTestId("recovery-left").textContent()).toContain("10");
    expect(await card.getAttribute("data-enabled")).toBe("true");

    // Logging in again: the password alone is not enough; a wrong code is refused; the app's code gets in.
    await agent.getByTestId("logout-button").click();
    await agent.getByTestId("login-email").fill(email);
    await agent.getByTestId("login-password").fill("welcome-2026-2fa");
    await agent.getByTestId("login-submit").click();
    await agent.getByTestId("login-code-hint").waitFor();
    await agent.getByTestId("login-code").fill(await wrongCode(secret));
    await agent.getByTestId("login-submit").click();
    await expect.poll(() => agent.getByTestId("error-note").getAttribute("data-code")).toBe("two_factor_wrong");
    await agent.screenshot({ path: `${SHOTS}/two-factor-login.png` });
    await agent.getByTestId("login-code").fill(await codeOf(secret));
    await agent.getByTestId("login-submit").click();
    // In, on the page it logged out from (the hash keeps it).
    await agent.getByTestId("account-view").waitFor();

    // The phone is lost: a recovery code gets in once.
    await agent.getByTestId("logout-button").click();
    await agent.getByTestId("login-email").fill(email);
    await agent.getByTestId("login-password").fill("welcome-2026-2fa");
    await agent.getByTestId("login-submit").click();
    await agent.getByTestId("login-code").fill(codes[0]!);
    await agent.getByTestId("login-submit").click();
    await expect.poll(() => agent.getByTestId("recovery-left").textContent()).toContain("9");

    // The shop admin sees who has it on, and resets it: the agent then logs in with the password alone.
    const admin = await consoleAs("admin@beauty.demo", "kefu123456", from);
    await admin.getByTestId("nav-admin").click();
    await admin.getByTestId("admin-tab-agents").click();
    const row = admin.locator('[data-testid="agent-admin-row"]').filter({ hasText: email });
    await row.getByTestId("agent-two-factor").waitFor({ timeout: 10_000 });
    admin.once("dialog", (d) => void d.accept());
    await row.getByTestId("agent-two-factor-reset").click();
    await row.getByTestId("agent-two-factor").waitFor({ state: "detached", timeout: 10_000 });
    expect(await apiLogin(email, "welcome-2026-2fa", from)).toMatch(/^st_/);
  });

  it("lets a shop admin require two-factor login: an agent at work is sent to set it up, then gets the workspace back", async () => {
    const from = "203.0.113.71";
    const agent = await consoleAs("agent1@electronics.demo", "kefu123456", from);
    await expect.poll(() => agent.getByTestId("queue-connection").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");

    const admin = await consoleAs("admin@electronics.demo", "kefu123456", from);
    const agentsPage = async () => {
      await admin.getByTestId("nav-admin").click();
      await admin.getByTestId("admin-tab-agents").click();
      await admin.getByTestId("two-factor-policy").waitFor({ timeout: 10_000 });
    };
    await agentsPage();
    // Not before the admin's own is on. (click(), not check(): the box shows what the server holds.)
    await admin.getByTestId("two-factor-policy-toggle").click();
    await expect.poll(() => admin.getByTestId("two-factor-policy-error").textContent()).toContain("请先在「账号安全」中为自己开启两步验证");
    await expect.poll(() => admin.getByTestId("two-factor-policy-toggle").isChecked()).toBe(false);
    await admin.getByTestId("staff-name").click();
    await turnOnTwoFactor(admin, "kefu123456");
    await agentsPage();
    await admin.getByTestId("two-factor-policy-toggle").click();
    await expect.poll(() => admin.getByTestId("two-factor-policy-without").textContent()).toContain("吴浩然");
    expect(await admin.getByTestId("two-factor-policy-toggle").isChecked()).toBe(true);
    await admin.screenshot({ path: `${SHOTS}/two-factor-policy.png` });

    // The agent's queue socket is closed; its reconnect is refused, and the console shows only the setup.
    await agent.locator('[data-testid="setup-gate"][data-step="twoFactor"]').waitFor({ timeout: 20_000 });
    await agent.getByTestId("account-view").waitFor();
    await agent.screenshot({ path: `${SHOTS}/two-factor-gate.png` });
    await turnOnTwoFactor(agent, "kefu123456");
    await agent.getByTestId("thread-list").waitFor({ timeout: 10_000 });
    await expect.poll(() => agent.getByTestId("queue-connection").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    // While the shop requires it, the account page offers no way to turn it off.
    await agent.getByTestId("staff-name").click();
    await agent.getByTestId("two-factor-required-note").waitFor();
    expect(await agent.getByTestId("two-factor-disable").count()).toBe(0);

    // Stop requiring it (the shop's other agents keep working as before).
    await admin.getByTestId("two-factor-policy-toggle").click();
    await admin.getByTestId("two-factor-policy-without").waitFor({ state: "detached" });
    expect(await admin.getByTestId("two-factor-policy-toggle").isChecked()).toBe(false);
  });

  it("lets a staff member change their password, and the shop admin set a new one for someone who forgot it", async () => {
    const from = "203.0.113.72";
    const email = "agent2@food.demo";
    const agent = await consoleAs(email, "kefu123456", from);
    await agent.getByTestId("staff-name").click();
    const card = agent.getByTestId("password-card");
    await card.waitFor();
    // A wrong current password, then new ones that differ: each named under its field, in the UI's language.
    await agent.getByTestId("password-current").fill("not-my-password");
    await agent.getByTestId("password-next").fill("food-2026-new-pass");
    await agent.getByTestId("password-again").fill("food-2026-new-pass");
    await agent.getByTestId("password-submit").click();
    await expect.poll(() => agent.getByTestId("password-current-error").textContent()).toContain("密码不正确");
    await agent.getByTestId("password-current").fill("kefu123456");
    await agent.getByTestId("password-again").fill("food-2026-typo");
    await agent.getByTestId("password-submit").click();
    await expect.poll(() => agent.getByTestId("password-again-error").textContent()).toContain("两次输入的新密码不一致");
    await agent.getByTestId("password-again").fill("food-2026-new-pass");
    await agent.getByTestId("password-submit").click();
    await agent.getByTestId("password-changed").waitFor();
    await agent.screenshot({ path: `${SHOTS}/password-change.png` });
    await agent.getByTestId("logout-button").click();
    await agent.getByTestId("login-email").fill(email);
    await agent.getByTestId("login-password").fill("food-2026-new-pass");
    await agent.getByTestId("login-submit").click();
    await agent.getByTestId("account-view").waitFor();

    // Forgotten: the shop's admin sets a new one, which logs the agent out everywhere.
    const admin = await consoleAs("admin@food.demo", "kefu123456", from);
    await admin.getByTestId("nav-admin").click();
    await admin.getByTestId("admin-tab-agents").click();
    const row = admin.locator('[data-testid="agent-admin-row"]').filter({ hasText: email });
    await row.getByTestId("agent-password-reset").click();
    await row.getByTestId("agent-new-password").fill("short");
    await row.getByTestId("agent-password-save").click();
    await expect.poll(() => row.getByTestId("field-error").textContent()).toContain("至少 10 个字符");
    await row.getByTestId("agent-new-password").fill("food-2026-from-admin");
    await row.getByTestId("agent-password-save").click();
    await expect.poll(() => row.getByTestId("agent-password-set").textContent()).toContain("已在 1 处退出登录");
    expect(await apiLogin(email, "food-2026-from-admin", from)).toMatch(/^st_/);
    // The agent's open console finds its session ended at its next call, and asks for a login:
    // this click's, or the 工单 badge's poll (once a minute) if that comes first and the console
    // has already left the workspace.
    await agent.getByTestId("nav-chats").click({ timeout: 5_000 }).catch(() => undefined);
    await agent.getByTestId("login-email").waitFor({ timeout: 20_000 });
  });

  it("lists an agent's logins on the account page, logs out one and all others from there, and lets the shop admin log the agent out everywhere", async () => {
    // A fresh agent of the beauty shop, so no other test's console is logged out; two browsers, one of them Edge on a Windows PC.
    const from = "203.0.113.73";
    const elsewhere = "203.0.113.74";
    const adminToken = await apiLogin("admin@beauty.demo", "kefu123456", from);
    const email = `e2e-sessions-${Date.now()}@beauty.demo`;
    const password = "welcome-2026-devices";
    const added = await fetch(`${suite.server.url}/api/admin/agents`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ email, name: "登录设备小陈", role: "shop_agent", password, groups: [], mustChangePassword: false }) });
    expect(added.status).toBe(201);
    /** Logs the page in as the agent (back on the view it left) and waits for its queue socket, the one the server closes when its session ends. */
    const logIn = async (page: Page) => {
      await page.getByTestId("login-email").fill(email);
      await page.getByTestId("login-password").fill(password);
      await page.getByTestId("login-submit").click();
      await page.getByTestId("queue-connection").waitFor();
      await expect.poll(() => page.getByTestId("queue-connection").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    };
    const a = await consoleAs(email, password, from);
    await expect.poll(() => a.getByTestId("queue-connection").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    const b = await suite.browser.newPage({
      viewport: { width: 1280, height: 800 },
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      extraHTTPHeaders: { "cf-connecting-ip": elsewhere },
    });
    await b.goto(`${suite.server.url}/`);
    await logIn(b);

    // A hears of B's login at once (a browser the account had not used), and goes to see it.
    const notice = a.getByTestId("toast").filter({ hasText: "你的账号在新设备上登录" });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain(`Edge 131 · Windows · ${elsewhere}`);
    await notice.getByTestId("toast-action").click();

    // A's account page: both logins, A's own first and marked, B's named by its browser and address.
    const rows = a.getByTestId("session-row");
    const mine = a.locator('[data-testid="session-row"][data-current="true"]');
    const others = a.locator('[data-testid="session-row"][data-current="false"]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await rows.first().getAttribute("data-current")).toBe("true");
    expect(await mine.textContent()).toContain("当前设备");
    expect(await mine.getByTestId("session-device").textContent()).toMatch(/^Chrome \d+ · Linux$/);
    expect(await mine.getByTestId("session-end").count()).toBe(0);
    expect(await others.getByTestId("session-device").textContent()).toBe("Edge 131 · Windows");
    expect(await others.textContent()).toContain(elsewhere);
    expect(await others.textContent()).not.toContain("当前设备");
    await a.getByTestId("sessions-card").screenshot({ path: `${SHOTS}/sessions.png` });

    // A logs B out: the list shrinks to A's own, and B's console (its socket closed, its ticket refused) asks for a login.
    await others.getByTestId("session-end").click();
    await expect.poll(() => a.getByTestId("sessions-note").textContent()).toContain("已退出 1 处登录");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await a.getByTestId("sessions-end-others").isDisabled()).toBe(true);
    await b.getByTestId("login-email").waitFor({ timeout: 20_000 });
    expect(await b.getByText("登录已失效，请重新登录").count()).toBe(1);

    // B again, and a script's login: 退出其他所有设备 ends both, and leaves A in.
    await logIn(b);
    const scripted = await apiLogin(email, password, from);
    await a.getByTestId("nav-chats").click();
    await a.getByTestId("staff-name").click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    await a.getByTestId("sessions-end-others").click();
    await expect.poll(() => a.getByTestId("sessions-note").textContent()).toContain("已退出 2 处登录");
    await expect.poll(() => rows.count()).toBe(1);
    await b.getByTestId("login-email").waitFor({ timeout: 20_000 });
    expect((await fetch(`${suite.server.url}/api/auth/sessions`, { headers: { authorization: `Bearer ${scripted}` } })).status).toBe(401);
    expect(await a.getByTestId("account-view").count()).toBe(1);

    // B logs in once more; the shop admin logs the agent out everywhere (not offered on the admin's own row): both consoles ask for a login.
    await logIn(b);
    const admin = await consoleAs("admin@beauty.demo", "kefu123456", from);
    await admin.getByTestId("nav-admin").click();
    await admin.getByTestId("admin-tab-agents").click();
    const row = admin.locator('[data-testid="agent-admin-row"]').filter({ hasText: email });
    await row.waitFor({ timeout: 10_000 });
    expect(await admin.locator('[data-testid="agent-admin-row"]').filter({ hasText: "admin@beauty.demo" }).getByTestId("agent-end-sessions").count()).toBe(0);
    admin.once("dialog", (d) => void d.accept());
    await row.getByTestId("agent-end-sessions").click();
    await expect.poll(() => row.getByTestId("agent-sessions-ended").textContent()).toContain("已让 2 个登录下线");
    await admin.screenshot({ path: `${SHOTS}/agent-end-sessions.png` });
    await a.getByTestId("login-email").waitFor({ timeout: 20_000 });
    await b.getByTestId("login-email").waitFor({ timeout: 20_000 });
    // The password is unchanged: the agent logs straight back in, and is logged in only there.
    await logIn(a);
    await a.getByTestId("account-view").waitFor();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
  });

  it("lets the staff member's usual browser in while guessing from elsewhere has locked the account", async () => {
    const email = "agent3@food.demo";
    /** A console page whose requests come from `ip` (as Cloudflare's edge would say), on the login form. */
    const pageFrom = async (ip: string) => {
      const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders: { "cf-connecting-ip": ip } });
      await page.goto(`${suite.server.url}/`);
      return page;
    };
    const logIn = async (page: Awaited<ReturnType<typeof pageFrom>>) => {
      await page.getByTestId("login-email").fill(email);
      await page.getByTestId("login-password").fill("kefu123456");
      await page.getByTestId("login-submit").click();
    };
    const usual = await pageFrom("203.0.113.10");
    await logIn(usual);
    await usual.getByTestId("thread-list").waitFor();
    expect(await usual.evaluate(() => localStorage.getItem("kefu.staff.device"))).toMatch(/^dv_[A-Za-z0-9_-]{43}$/);
    await usual.getByTestId("logout-button").click();
    await usual.getByTestId("login-email").waitFor();
    // Someone guesses from ten addresses: the account locks for every place it has not logged in from.
    for (let a = 1; a <= 10; a++) {
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${suite.server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": `198.51.100.${a}` }, body: JSON.stringify({ email, password: `guess-${i}` }) });
        expect(res.status).toBe(401);
      }
    }
    // Another browser at another address is refused, even with the right password.
    const elsewhere = await pageFrom("203.0.113.30");
    await logIn(elsewhere);
    await expect.poll(() => elsewhere.getByTestId("error-note").getAttribute("data-code")).toBe("locked");
    // The usual browser, its network changed, gets in: it sends the device token its last login gave it.
    await usual.setExtraHTTPHeaders({ "cf-connecting-ip": "203.0.113.20" });
    await logIn(usual);
    await usual.getByTestId("thread-list").waitFor();
  });

  it("tells a locked-out login how long to wait, in the console's language", async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${suite.server.url}/`);
    // An e-mail no test logs in with: failures count per e-mail whether or not the account exists.
    await page.getByTestId("login-email").fill(`locked-${Date.now()}@apparel.demo`);
    const note = page.getByTestId("error-note");
    /** Submits the form and waits for the server's answer; its status. */
    const submit = async (password: string) => {
      await page.getByTestId("login-password").fill(password);
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/auth/login")), page.getByTestId("login-submit").click()]);
      return res.status();
    };
    for (let i = 1; i <= 5; i++) expect(await submit(`wrong-${i}`)).toBe(401);
    await expect.poll(() => note.textContent()).toBe("邮箱或密码错误");
    expect(await submit("kefu123456")).toBe(423);
    await expect.poll(() => note.getAttribute("data-code")).toBe("locked");
    expect(await note.textContent()).toContain("请 15 分钟后再试");
    await page.screenshot({ path: `${SHOTS}/login-locked.png` });
  });
  it("shows a shop admin the service report of today's chats, and exports it as a spreadsheet file", async () => {
    // A shopper asks apparel where their parcel is; the agent steps in and answers. (Apparel: the
    // electronics admin has two-factor login on by now, from the test above.)
    const agent = await consoleAs("agent2@apparel.demo");
    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0077`);
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    await shopper.getByTestId("composer-input").fill("我的快递到哪了");
    await shopper.getByTestId("send-button").click();
    const thread = agent.locator('[data-testid="thread-item"][data-thread-id="apparel:c0077"]');
    await thread.waitFor({ timeout: 20_000 });
    await thread.click();
    await agent.getByTestId("composer-input").fill("亲，包裹今天下午送到");
    await agent.getByTestId("send-button").click();
    await shopper.getByTestId("message").filter({ hasText: "亲，包裹今天下午送到" }).waitFor({ timeout: 15_000 });

    const admin = await consoleAs("admin@apparel.demo");
    await admin.getByTestId("nav-stats").click();
    await admin.getByTestId("stats-preset-1").click();
    const kpi = (id: string) => admin.getByTestId(`stats-kpi-${id}`).locator(".kpi-value");
    await expect.poll(async () => Number(await kpi("sessions").textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(Number(await kpi("handedOff").textContent())).toBeGreaterThanOrEqual(1);
    await admin.locator('[data-testid="stats-topics"] li[data-key="logistics"]').waitFor();
    expect(await admin.locator('[data-testid="stats-topics"] li[data-key="logistics"] .hbar-label').textContent()).toBe("物流");
    // Whoever holds the chat (the queue may have given it to a colleague before agent2 stepped in) is listed with it.
    const rows = admin.getByTestId("stats-agents").locator("tbody tr");
    await rows.first().waitFor();
    const held = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll("td")[1]?.textContent)));
    expect(held.every((n) => n >= 1)).toBe(true);
    await admin.screenshot({ path: `${SHOTS}/service-report.png`, fullPage: true });

    // The day's figures as a CSV file, with the headers in the console's language.
    await admin.getByTestId("stats-export").click();
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("stats-export-days").click()]);
    expect(download.suggestedFilename()).toMatch(/^kefu-apparel-days-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\ufeff日期,咨询量,")).toBe(true);
    expect(csv.trim().split("\r\n")).toHaveLength(2);

    // In English, the same page reads in English.
    await admin.getByTestId("lang-switch").click();
    await expect.poll(() => admin.locator(".stats-page h1").textContent()).toBe("Service report");
    expect(await admin.locator('[data-testid="stats-topics"] li[data-key="logistics"] .hbar-label').textContent()).toBe("Logistics");

    // The platform's admin starts on every shop at once, and may pick one.
    const platform = await consoleAs("admin@platform.demo");
    await platform.getByTestId("nav-stats").click();
    const picker = platform.getByTestId("stats-shop");
    expect(await picker.inputValue()).toBe("");
    expect(await picker.locator("option").first().textContent()).toBe("全部店铺");
    await expect.poll(async () => Number(await platform.getByTestId("stats-kpi-sessions").locator(".kpi-value").textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await picker.selectOption("apparel");
    await platform.locator('[data-testid="stats-topics"] li[data-key="logistics"]').waitFor({ timeout: 15_000 });
  });

  it("invites the shopper to rate once the agent resolves, and shows the agent the rating", async () => {
    const agent = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await agent.goto(`${suite.server.url}/`);
    await agent.getByTestId("login-email").fill("agent3@apparel.demo");
    await agent.getByTestId("login-password").fill("kefu123456");
    await agent.getByTestId("login-submit").click();
    await agent.getByTestId("thread-list").waitFor();

    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0012`);
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    const question = `裤子洗了会缩水吗？${Date.now() % 10000}`;
    await shopper.getByTestId("composer-input").fill(question);
    await shopper.getByTestId("send-button").click();

    const thread = agent.locator('[data-testid="thread-item"][data-thread-id="apparel:c0012"]');
    await thread.waitFor({ timeout: 20_000 });
    await thread.click();
    await agent.getByTestId("message").filter({ hasText: question }).waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByTestId("connection-status").first().getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    const answer = "亲，纯棉面料建议冷水手洗，基本不会缩水～";
    await agent.getByTestId("composer-input").fill(answer);
    await agent.getByTestId("send-button").click();
    await shopper.getByTestId("message").filter({ hasText: answer }).waitFor({ timeout: 15_000 });

    // Served by a person: staff may invite; resolving invites by itself.
    const invite = agent.getByTestId("invite-rating-button");
    await expect.poll(() => invite.isEnabled(), { timeout: 15_000 }).toBe(true);
    await agent.getByTestId("resolve-button").click();
    await agent.locator('[data-notice="rating.invited"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => invite.isDisabled()).toBe(true);
    expect(await invite.textContent()).toBe("已邀请评价");

    const card = shopper.getByTestId("rating-card");
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute("data-state")).toBe("open");
    expect(await shopper.getByTestId("rating-submit").isDisabled()).toBe(true);
    await shopper.locator('[data-testid="rating-star"][data-score="4"]').click();
    expect(await shopper.getByTestId("rating-words").textContent()).toBe("满意");
    const comment = "回复很耐心，讲得很清楚";
    await shopper.getByTestId("rating-comment").fill(comment);
    await shopper.screenshot({ path: `${SHOTS}/rating-card.png` });
    await shopper.getByTestId("rating-submit").click();

    await expect.poll(() => card.getAttribute("data-state"), { timeout: 15_000 }).toBe("rated");
    expect(await card.getAttribute("data-score")).toBe("4");
    expect(await shopper.getByTestId("rating-thanks").textContent()).toBe("感谢您的评价");
    expect(await card.textContent()).toContain(comment);
    expect(await shopper.getByTestId("rating-star").count()).toBe(0);
    await shopper.screenshot({ path: `${SHOTS}/rating-thanks.png` });

    // Staff see the rating, with its stars, words and comment; the button says it was rated.
    const rated = agent.locator('[data-notice="rating.rated"]');
    await rated.waitFor({ timeout: 15_000 });
    expect(await rated.textContent()).toContain(`顾客评价：★★★★☆ 满意 “${comment}”`);
    await expect.poll(() => invite.textContent(), { timeout: 15_000 }).toBe("已评价 ★★★★☆");
    // The context panel's session history fills in the stars from D1.
    await expect.poll(() => agent.locator('[data-testid="context-session-rating"][data-score="4"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await agent.screenshot({ path: `${SHOTS}/rating-console.png` });

    // A reload replays history: the card is rated, and cannot be submitted again.
    await shopper.reload();
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    await expect.poll(() => shopper.getByTestId("rating-card").getAttribute("data-state"), { timeout: 15_000 }).toBe("rated");
    expect(await shopper.getByTestId("rating-submit").count()).toBe(0);

    // The agent's own figures (我的数据) hold the rating and its comment, and no colleague's.
    await agent.getByTestId("nav-stats").click();
    await agent.getByTestId("stats-preset-1").click();
    await expect.poll(() => agent.locator(".stats-page h1").textContent()).toBe("我的数据");
    await agent.getByTestId("stats-comments").locator("li").filter({ hasText: comment }).waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId("stats-kpi-csat").locator(".kpi-value").textContent()).toMatch(/%$/);
    expect(await agent.getByTestId("stats-agents").count()).toBe(0);
    expect(await agent.getByTestId("stats-kpi-containment").count()).toBe(0);

    // The shop admin's report lists the comment with its stars, and opens the chat from it.
    const admin = await consoleAs("admin@apparel.demo");
    await admin.getByTestId("nav-stats").click();
    await admin.getByTestId("stats-preset-1").click();
    const said = admin.getByTestId("stats-comments").locator("li").filter({ hasText: comment });
    await said.waitFor({ timeout: 15_000 });
    expect(await said.getAttribute("data-score")).toBe("4");
    await said.getByTestId("stats-comment-open").click();
    await admin.getByTestId("message").filter({ hasText: comment }).first().waitFor({ timeout: 15_000 });
    expect(new URL(admin.url()).hash).toBe(`#/t/${encodeURIComponent("apparel:c0012")}`);
  });
  it("opens a past consultation from 历史会话: the thread pages back to its first message and shows it", async () => {
    // The demo's past conversations, written as `npm start` writes them; the longest apparel thread
    // holds more than the console's first page of 50.
    const { transcripts } = await generateDemoMall({ now: Date.now() });
    const thread = transcripts.filter((t) => t.threadId.startsWith("apparel:")).reduce((a, b) => (b.messages.length > a.messages.length ? b : a));
    expect(thread.messages.length).toBeGreaterThan(50);
    expect(await writeDemoTranscripts(suite.server.url, [thread])).toEqual({ written: 1, kept: 0 });
    const oldest = thread.messages[0]!;

    const agent = await consoleAs("agent1@apparel.demo");
    await agent.goto(`${suite.server.url}/#/t/${encodeURIComponent(thread.threadId)}`);
    await agent.locator(`[data-testid="message"][data-seq="${thread.messages.length}"]`).waitFor({ timeout: 15_000 });
    const first = agent.locator(`[data-testid="message"][data-seq="1"]`);
    expect(await first.count()).toBe(0); // beyond the first page

    const line = agent.locator(`[data-testid="context-sessions"] [data-testid="context-session"][data-session-id="${oldest.sessionId}"]`);
    await line.waitFor({ timeout: 15_000 });
    await line.getByTestId("context-session-open").click();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.textContent()).toContain(oldest.body.text!);
    // Brought into view and marked for a moment.
    await expect.poll(() => first.getAttribute("class"), { timeout: 5_000 }).toContain("msg-focus");
    const scroller = await agent.locator(".message-scroller").boundingBox();
    const box = await first.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(scroller!.y - 1);
    expect(box!.y).toBeLessThan(scroller!.y + scroller!.height / 2);
    expect(await agent.getByTestId("context-session-missing").count()).toBe(0);
    await agent.screenshot({ path: `${SHOTS}/past-session.png` });

    // A thread whose past messages were never written: the panel says the record is not there.
    const unwritten = transcripts.find((t) => t.threadId.startsWith("apparel:") && t.threadId !== thread.threadId && t.messages.length > 10)!;
    await agent.goto(`${suite.server.url}/#/t/${encodeURIComponent(unwritten.threadId)}`);
    const other = agent.locator(`[data-testid="context-sessions"] [data-testid="context-session"][data-session-id="${unwritten.messages[0]!.sessionId}"]`);
    await other.waitFor({ timeout: 15_000 });
    await other.getByTestId("context-session-open").click();
    await other.getByTestId("context-session-missing").waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId("message").count()).toBe(0);
  });
  it("质检: a shop admin finds a low-rated consultation, reads it and scores it again; the agent who held it reads the review", async () => {
    // The newest low-rated apparel consultation an agent held, with its conversation written as `npm start` writes it;
    // the demo's admin reviewed it already (every 差评 older than two days is).
    const mall = await generateDemoMall({ now: Date.now() });
    const low = mall.sessions
      .filter((s) => s.shopId === "apparel" && s.agentId && s.rating !== undefined && s.rating !== null && s.rating <= 2 && s.openedAt > Date.now() - 7 * 86_400_000)
      .reduce((a, b) => (b.openedAt > a.openedAt ? b : a));
    const thread = mall.transcripts.find((t) => t.threadId === low.threadId)!;
    await writeDemoTranscripts(suite.server.url, [thread]);
    const asked = thread.messages.find((m) => m.sessionId === low.id && m.sender.role === "customer")!.body.text!;
    const holder = mall.staff.find((s) => s.id === low.agentId)!;
    const reviewedBefore = mall.qualityReviews.some((r) => r.sessionId === low.id);

    const admin = await consoleAs("admin@apparel.demo");
    await admin.getByTestId("nav-quality").click();
    await admin.getByTestId("quality-view").waitFor({ timeout: 15_000 });
    // The demo's earlier reviews are counted per agent.
    await admin.getByTestId("quality-summary-agent").first().waitFor({ timeout: 15_000 });
    await admin.getByTestId("quality-flag").selectOption("low_rating");
    await admin.getByTestId(reviewedBefore ? "quality-reviewed-yes" : "quality-reviewed-no").click();
    const row = admin.locator(`[data-testid="quality-row"][data-session-id="${low.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('[data-testid="quality-flag-chip"]').first().getAttribute("data-flag")).toBe("low_rating");
    await row.click();
    const detail = admin.locator(`[data-testid="quality-detail"][data-session-id="${low.id}"]`);
    await detail.waitFor({ timeout: 15_000 });
    await expect.poll(() => detail.getByTestId("quality-transcript").textContent(), { timeout: 15_000 }).toContain(asked);
    expect(await detail.getByTestId("quality-reviewed-by").count()).toBe(reviewedBefore ? 1 : 0);
    for (const [k, n] of [["attitude", 3], ["responsiveness", 2], ["accuracy", 3], ["resolution", 2], ["etiquette", 4]] as const) await detail.getByTestId(`quality-score-${k}-${n}`).click();
    expect(await detail.getByTestId("quality-total").textContent()).toBe("总分 56 · 不合格");
    const words = "回复前先确认订单状态，道歉要具体（复核）";
    await detail.getByTestId("quality-comment").fill(words);
    await detail.getByTestId("quality-submit").click();
    await detail.getByTestId("quality-saved").waitFor({ timeout: 15_000 });
    expect(await row.getByTestId("quality-grade").getAttribute("data-total")).toBe("56");
    await expect.poll(() => admin.locator(`[data-testid="quality-summary-agent"][data-agent-id="${holder.id}"]`).textContent(), { timeout: 15_000 }).toContain("不合格");
    await admin.screenshot({ path: `${SHOTS}/quality-review.png` });

    const agent = await consoleAs(holder.email);
    await agent.getByTestId("nav-quality").click();
    const mine = agent.locator(`[data-testid="quality-mine-item"][data-session-id="${low.id}"]`);
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.getByTestId("quality-mine-comment").textContent()).toBe(words);
    expect(await mine.getByTestId("quality-grade").getAttribute("data-total")).toBe("56");
    // 申诉: the agent contests it; the admin finds it under 申诉中, reviews it again, and the agent sees the answer.
    await mine.getByTestId("quality-appeal-start").click();
    await mine.getByTestId("quality-appeal-reason").fill("顾客要的颜色当时缺货，我已说明补货时间");
    await mine.getByTestId("quality-appeal-send").click();
    expect(await mine.getByTestId("quality-appeal").getAttribute("data-status")).toBe("open");
    await admin.getByTestId("quality-reviewed-appealed").click();
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => admin.getByTestId("nav-badge-quality").textContent(), { timeout: 15_000 }).toBe("1");
    await row.click();
    await detail.getByTestId("quality-detail-appeal").waitFor({ timeout: 15_000 });
    expect(await detail.getByTestId("quality-submit").textContent()).toBe("复核并回复申诉");
    await detail.getByTestId("quality-score-resolution-4").click();
    await detail.getByTestId("quality-score-responsiveness-4").click();
    await detail.getByTestId("quality-submit").click();
    await expect.poll(() => detail.getByTestId("quality-detail-appeal").getAttribute("data-status"), { timeout: 15_000 }).toBe("answered");
    await expect.poll(() => admin.getByTestId("nav-badge-quality").count(), { timeout: 15_000 }).toBe(0);
    await agent.reload();
    await agent.getByTestId("quality-mine-view").waitFor({ timeout: 15_000 });
    await expect.poll(() => mine.getByTestId("quality-appeal").textContent(), { timeout: 15_000 }).toContain("56 分 → 72 分");
    await agent.screenshot({ path: `${SHOTS}/quality-mine.png` });
    // 在会话中打开: the chat opens at the reviewed consultation's first message, marked.
    await mine.getByTestId("quality-mine-open").click();
    await expect.poll(() => new URL(agent.url()).hash, { timeout: 15_000 }).toBe(`#/t/${encodeURIComponent(low.threadId)}`);
    const seq = thread.messages.findIndex((m) => m.sessionId === low.id) + 1;
    const opening = agent.locator(`[data-testid="message"][data-seq="${seq}"]`);
    await opening.waitFor({ timeout: 15_000 });
    await expect.poll(() => opening.getAttribute("class"), { timeout: 5_000 }).toContain("msg-focus");
  });
  it("finds an old thread by the customer's name in 会话搜索 and opens it; a search with no match says so", async () => {
    // The apparel thread whose latest consultation is the oldest: far beyond the list's newest 100.
    const mall = await generateDemoMall({ now: Date.now() });
    const latest = new Map<string, number>();
    for (const s of mall.sessions.filter((x) => x.shopId === "apparel")) latest.set(s.threadId, Math.max(latest.get(s.threadId) ?? 0, s.openedAt));
    const [threadId] = [...latest].reduce((a, b) => (b[1] < a[1] ? b : a));
    const customer = mall.customers.find((c) => `apparel:${c.id}` === threadId)!;

    const agent = await consoleAs("agent1@apparel.demo");
    const item = agent.locator(`[data-testid="thread-item"][data-thread-id="${threadId}"]`);
    await agent.getByTestId("thread-item").first().waitFor({ timeout: 15_000 });
    expect(await item.count()).toBe(0);
    await agent.getByTestId("thread-search").fill(customer.name);
    await item.waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId("thread-list").getAttribute("data-search")).toBe("results");
    await agent.screenshot({ path: `${SHOTS}/thread-search.png` });
    await item.click();
    await expect.poll(() => agent.locator(".conv-title h2").textContent(), { timeout: 15_000 }).toBe(customer.name);
    expect(new URL(agent.url()).hash).toBe(`#/t/${encodeURIComponent(threadId)}`);

    await agent.getByTestId("thread-search").fill("没有这个顾客");
    await agent.getByTestId("thread-search-empty").waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId("thread-item").count()).toBe(0);
    // Cleared: the newest threads again, and the open chat keeps its name.
    await agent.getByTestId("thread-search").fill("");
    await expect.poll(() => agent.getByTestId("thread-item").count(), { timeout: 15_000 }).toBeGreaterThan(50);
    expect(await agent.locator(".conv-title h2").textContent()).toBe(customer.name);
  });
});
