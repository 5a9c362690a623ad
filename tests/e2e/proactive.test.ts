/**
 * Browser test of 主动服务 (proactive service): real Chromium against `wrangler dev` with the demo
 * mall, quiet hours off (so a notice is delivered at any hour the test runs). The apparel admin
 * opens the page, narrows an audience and sees its count follow (the preview's own number), sends
 * a campaign now after the confirmation naming that count, and finds it 已发送 with the shoppers
 * told and its notices delivered; a shopper of that audience (c0001) reads it in their chat. An
 * empty or too long text, and a time in the past (the server's word), are refused at their field
 * and create nothing; a scheduled campaign is cancelled. A notice that failed every retry is sent
 * again from 失败的通知 and reaches its shopper. The page reads in English after the switch;
 * agents have no such page; the platform's admin picks the shop for campaigns. Screenshots go to
 * tests/e2e/screenshots/.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Campaign, CampaignAudience } from "../../core/protocol/campaigns";
import { browserMissing, MISSING_MESSAGE } from "./browser";
import { executeLocalSql } from "./server";
import { staffLogins, useBrowserSuite, type BrowserSuite } from "./suite";

const SHOTS = "tests/e2e/screenshots";
const suite = {} as BrowserSuite;
const { consoleAs, apiLogin } = staffLogins(suite);
/** The campaign the first test sends, and its words. */
const TEXT = "双十二老客专享：全场满 300 减 50，回复「优惠」领取专属券";
let sent: { id: string; told: number } | null = null;

describe.skipIf(browserMissing)(browserMissing ? MISSING_MESSAGE : "主动服务 in real Chromium", () => {
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });
  useBrowserSuite(suite, { vars: { PROACTIVE_QUIET_HOURS: "off" } });

  /** The admin's API, to check what the page shows against what the server says. */
  async function adminApi() {
    const token = await apiLogin("admin@apparel.demo");
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${suite.server.url}/api${path}`, { method, headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect(res.status, path).toBeLessThan(300);
      return (await res.json()) as T;
    };
    return {
      preview: async (audience: Partial<CampaignAudience>) => (await call<{ count: number }>("POST", "/admin/campaigns/preview", { audience })).count,
      campaigns: async () => (await call<{ campaigns: Campaign[] }>("GET", "/admin/campaigns")).campaigns,
    };
  }

  /** The form's live count once it settled (null while counting). */
  const shownCount = async (page: Page) => {
    const el = page.getByTestId("campaign-audience-count");
    return (await el.getAttribute("data-state")) === "counted" ? Number(await el.getAttribute("data-count")) : null;
  };

  async function openPage(page: Page) {
    await page.getByTestId("nav-proactive").click();
    await page.getByTestId("proactive-view").waitFor();
    expect(new URL(page.url()).hash).toBe("#/proactive");
  }

  async function shopperChat() {
    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0001`);
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    return shopper;
  }

  it("sends a campaign now to an audience whose count follows the filters, lists it 已发送 with the shoppers told, and its shopper reads it", { timeout: 120_000 }, async () => {
    const api = await adminApi();
    const admin = await consoleAs("admin@apparel.demo");
    await openPage(admin);
    await admin.getByTestId("campaigns-empty").waitFor({ timeout: 15_000 });
    expect(await admin.locator(".proactive-page h1").textContent()).toBe("主动服务");

    // The form starts on any activity within 30 days, every level; its count is the preview's.
    await admin.getByTestId("campaign-new").click();
    const everyone = await api.preview({ activity: "any", withinDays: 30 });
    await expect.poll(() => shownCount(admin), { timeout: 15_000 }).toBe(everyone);
    // 90 days, gold members only, tagged 老客户 (c0001 is all three): the count follows each change.
    await admin.getByTestId("campaign-days").fill("90");
    await expect.poll(() => shownCount(admin), { timeout: 15_000 }).toBe(await api.preview({ activity: "any", withinDays: 90 }));
    await admin.getByTestId("campaign-level-gold").check();
    const gold = await api.preview({ activity: "any", withinDays: 90, levels: ["gold"] });
    expect(gold).not.toBe(everyone);
    await expect.poll(() => shownCount(admin), { timeout: 15_000 }).toBe(gold);
    await admin.getByTestId("campaign-tags-input").fill("老客户");
    await admin.getByTestId("campaign-tags-input").press("Enter");
    const audience = { activity: "any" as const, withinDays: 90, levels: ["gold" as const], tags: ["老客户"] };
    const told = await api.preview(audience);
    expect(told).toBeGreaterThan(0);
    expect(told).toBeLessThanOrEqual(gold);
    await expect.poll(() => shownCount(admin), { timeout: 15_000 }).toBe(told);
    expect(await admin.getByTestId("campaign-audience-value").textContent()).toBe(`${told} 位`);

    await admin.getByTestId("campaign-name-input").fill("双十二老客回馈");
    await admin.getByTestId("campaign-text").fill(TEXT);
    expect(await admin.getByTestId("campaign-chars").textContent()).toBe(`${TEXT.length}/500 字`);
    await admin.getByTestId("campaign-form").screenshot({ path: `${SHOTS}/proactive-campaign-form.png` });

    // 发送 asks first, naming how many will be told.
    await admin.getByTestId("campaign-submit").click();
    const confirm = admin.getByTestId("campaign-confirm");
    await confirm.waitFor();
    await expect.poll(() => confirm.getByTestId("campaign-confirm-count").textContent(), { timeout: 15_000 }).toBe(`将向 ${told} 位顾客发送`);
    expect(await confirm.locator(".campaign-confirm-text").textContent()).toBe(TEXT);
    await confirm.screenshot({ path: `${SHOTS}/proactive-campaign-confirm.png` });
    await confirm.getByTestId("campaign-confirm-send").click();
    await confirm.waitFor({ state: "detached", timeout: 15_000 });
    await admin.getByTestId("campaign-form").waitFor({ state: "detached" });

    // Listed first, 已发送, with the shoppers told and the audience in words.
    const row = admin.getByTestId("campaign-row").first();
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 15_000 }).toBe("sent");
    expect(await row.getByTestId("campaign-status").textContent()).toBe("已发送");
    expect(await row.getByTestId("campaign-name").textContent()).toBe("双十二老客回馈");
    expect(Number(await row.getByTestId("campaign-told").getAttribute("data-count"))).toBe(told);
    expect(await row.getByTestId("campaign-audience").textContent()).toBe("近 90 天有过互动 · 黄金会员 · 标签：老客户");
    const [stored] = await api.campaigns();
    expect(stored).toMatchObject({ name: "双十二老客回馈", text: TEXT, status: "sent", audienceCount: told, audience });
    expect(await row.getAttribute("data-id")).toBe(stored!.id);
    sent = { id: stored!.id, told };
    // The queue delivers within seconds; the page asks again meanwhile and shows it.
    await expect.poll(async () => Number(await row.getByTestId("campaign-count-delivered").getAttribute("data-count")), { timeout: 45_000 }).toBeGreaterThan(0);

    // c0001 (a gold member tagged 老客户 with a cart) reads it in their chat with the shop.
    const shopper = await shopperChat();
    const notice = shopper.locator('[data-notice="campaign.message"]');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain(`店铺消息：${TEXT}`);
    await shopper.screenshot({ path: `${SHOTS}/proactive-widget-campaign.png` });
    await shopper.close();

    // Every notice reached an outcome; the 通知效果 section counts the campaign's deliveries.
    await expect.poll(async () => Number(await row.getByTestId("campaign-count-pending").getAttribute("data-count")), { timeout: 45_000 }).toBe(0);
    await admin.getByTestId("proactive-refresh").click();
    const campaignLine = admin.locator('[data-testid="outcomes-table"] tr[data-kind="campaign"]');
    await expect.poll(async () => Number(await campaignLine.locator('td[data-outcome="delivered"]').textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await campaignLine.locator("td").first().textContent()).toBe("营销触达");
    await admin.getByTestId("campaigns").screenshot({ path: `${SHOTS}/proactive-campaigns.png` });
    await admin.getByTestId("outcomes").screenshot({ path: `${SHOTS}/proactive-outcomes.png` });
  });

  it("refuses an empty or too long text, and a time in the past, at the field, and creates nothing", async () => {
    const api = await adminApi();
    const before = (await api.campaigns()).length;
    const admin = await consoleAs("admin@apparel.demo");
    await openPage(admin);
    await admin.getByTestId("campaign-new").click();
    await admin.getByTestId("campaign-name-input").fill("空消息");

    // Only spaces: empty once trimmed, refused before anything is sent (no confirmation either).
    await admin.getByTestId("campaign-text").fill("   ");
    await admin.getByTestId("campaign-submit").click();
    const textError = admin.getByTestId("campaign-error-text");
    expect(await textError.textContent()).toBe("不能为空");
    expect(await admin.getByTestId("campaign-text").getAttribute("aria-invalid")).toBe("true");
    expect(await admin.getByTestId("campaign-confirm").count()).toBe(0);

    // 501 characters: the count turns red and the field says the limit.
    await admin.getByTestId("campaign-text").fill("优".repeat(501));
    await textError.waitFor({ state: "detached" });
    expect(await admin.getByTestId("campaign-chars").textContent()).toBe("501/500 字");
    expect(await admin.getByTestId("campaign-chars").getAttribute("class")).toContain("over");
    await admin.getByTestId("campaign-submit").click();
    expect(await textError.textContent()).toBe("最多 500 个字符");
    expect(await admin.getByTestId("campaign-confirm").count()).toBe(0);
    await admin.getByTestId("campaign-form").screenshot({ path: `${SHOTS}/proactive-campaign-errors.png` });

    // A time in the past: only the server knows the clock; its `details` name sendAt, shown there.
    await admin.getByTestId("campaign-text").fill("明早十点上新");
    await admin.getByTestId("campaign-when-later").check();
    await admin.getByTestId("campaign-send-at").fill("2020-01-01T10:00");
    await admin.getByTestId("campaign-submit").click();
    const atError = admin.getByTestId("campaign-error-sendAt");
    await atError.waitFor({ timeout: 15_000 });
    expect(await atError.textContent()).toBe("不能早于现在");
    expect(await textError.count()).toBe(0);

    expect((await api.campaigns()).length).toBe(before);
    expect(await admin.getByTestId("campaign-row").count()).toBe(before);
  });

  it("schedules a campaign and cancels it before its time", async () => {
    const api = await adminApi();
    const admin = await consoleAs("admin@apparel.demo");
    await openPage(admin);
    await admin.getByTestId("campaign-new").click();
    await admin.getByTestId("campaign-name-input").fill("周末上新预告");
    await admin.getByTestId("campaign-text").fill("本周六上午十点秋冬新品上架，敬请期待");
    await admin.getByTestId("campaign-activity").selectOption("cart");
    // A cart line counts whenever it was added: the days do not apply.
    expect(await admin.getByTestId("campaign-days").isDisabled()).toBe(true);
    await expect.poll(() => shownCount(admin), { timeout: 15_000 }).toBe(await api.preview({ activity: "cart" }));
    await admin.getByTestId("campaign-when-later").check();
    // It starts an hour from now, on whole ten minutes; a day later is well within 30 days.
    const start = await admin.getByTestId("campaign-send-at").inputValue();
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d0$/);
    await admin.getByTestId("campaign-submit").click();
    // No confirmation for a scheduled one: nothing is sent yet.
    const row = admin.getByTestId("campaign-row").first();
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 15_000 }).toBe("scheduled");
    expect(await admin.getByTestId("campaign-confirm").count()).toBe(0);
    expect(await row.getByTestId("campaign-status").textContent()).toBe("待发送");
    expect(await row.getByTestId("campaign-told").textContent()).toBe("发送时统计");
    expect(await row.getByTestId("campaign-audience").textContent()).toBe("购物车里有商品 · 全部等级");
    const [scheduled] = await api.campaigns();
    expect(scheduled).toMatchObject({ name: "周末上新预告", status: "scheduled", sendAt: new Date(start).getTime() });

    await row.getByTestId("campaign-cancel").click();
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 15_000 }).toBe("cancelled");
    expect(await row.getByTestId("campaign-status").textContent()).toBe("已取消");
    expect(await row.getByTestId("campaign-cancel").count()).toBe(0);
    expect((await api.campaigns()).find((c) => c.id === scheduled!.id)?.status).toBe("cancelled");
    // The one sent before is still there, as it was.
    await admin.locator(`[data-testid="campaign-row"][data-id="${sent!.id}"][data-status="sent"]`).waitFor();
  });

  it("sends a notice that failed every retry again from 失败的通知, and its shopper gets it", async () => {
    // The demo mall cannot make a queue fail four times: the dead-letter consumer's row is written
    // here as it would write it (a price drop for c0001).
    const noticeId = `pn_${"e2e0".repeat(8)}`;
    const body = {
      type: "price_drop", noticeId, shopId: "apparel", customerId: "c0001", productId: "p0001", code: "price.dropped",
      params: { productId: "p0001", title: "测试款羊毛大衣", titleEn: "Test wool coat", was: "299.00", now: "259.00" }, occurredAt: Date.now() - 3_600_000,
    };
    executeLocalSql(
      `INSERT INTO dead_letters (id, queue, shop_id, notice_id, body, reason, last_error, deaths, died_at) VALUES ('${noticeId}', 'kefu-proactive-dlq', 'apparel', '${noticeId}', '${JSON.stringify(body)}', 'max_retries', 'room storage unavailable', 1, ${Date.now() - 60_000})`,
    );
    const admin = await consoleAs("admin@apparel.demo");
    await openPage(admin);
    const letter = admin.locator(`[data-testid="dead-letter"][data-id="${noticeId}"]`);
    await letter.waitFor({ timeout: 15_000 });
    expect(await letter.getAttribute("data-kind")).toBe("price_drop");
    expect(await letter.textContent()).toContain("降价提醒：您关注的「测试款羊毛大衣」降价了，现价 ¥259.00（原价 ¥299.00）");
    expect(await letter.textContent()).toContain("room storage unavailable");
    await admin.getByTestId("dead-letters").screenshot({ path: `${SHOTS}/proactive-dead-letters.png` });

    await letter.getByTestId("dead-letter-replay").click();
    await letter.waitFor({ state: "detached", timeout: 15_000 });
    await admin.getByTestId("dead-letters-replayed").waitFor();
    await admin.getByTestId("dead-letters-empty").waitFor();

    const shopper = await shopperChat();
    const notice = shopper.locator('[data-notice="price.dropped"]').filter({ hasText: "测试款羊毛大衣" });
    await notice.waitFor({ timeout: 20_000 });
    await shopper.close();
    // Sent again, it is no longer open after a reload either.
    await admin.reload();
    await admin.getByTestId("dead-letters-empty").waitFor({ timeout: 15_000 });
  });

  it("reads in English after the language switch", async () => {
    const admin = await consoleAs("admin@apparel.demo");
    await openPage(admin);
    await admin.locator(`[data-testid="campaign-row"][data-id="${sent!.id}"]`).waitFor({ timeout: 15_000 });
    await admin.getByTestId("lang-switch").click();
    await expect.poll(() => admin.locator(".proactive-page h1").textContent()).toBe("Proactive service");
    expect(await admin.getByTestId("nav-proactive").textContent()).toBe("Proactive");
    expect(await admin.locator("#campaigns-title").textContent()).toBe("Campaigns");
    const row = admin.locator(`[data-testid="campaign-row"][data-id="${sent!.id}"]`);
    expect(await row.getByTestId("campaign-status").textContent()).toBe("Sent");
    expect(await row.getByTestId("campaign-audience").textContent()).toBe("Active in the last 90 days · Gold · Tags: 老客户");
    expect(await row.getByTestId("campaign-count-delivered").textContent()).toContain("Delivered");
    expect(await admin.locator('[data-testid="campaign-row"][data-status="cancelled"]').getByTestId("campaign-status").textContent()).toBe("Cancelled");
    expect(await admin.locator('[data-testid="outcomes-table"] tr[data-kind="campaign"] td').first().textContent()).toBe("Campaigns");
    expect(await admin.locator('[data-testid="outcomes-table"] tr[data-kind="price_drop"] td').first().textContent()).toBe("Price drops");
    expect(await admin.getByTestId("dead-letters-empty").textContent()).toBe("No failed notices");
    await admin.getByTestId("campaign-new").click();
    expect(await admin.getByTestId("campaign-submit").textContent()).toBe("Send");
    expect(await admin.getByTestId("campaign-activity").locator("option").first().textContent()).toBe("Any activity");
    await admin.getByTestId("campaign-text").fill("   ");
    await admin.getByTestId("campaign-submit").click();
    expect(await admin.getByTestId("campaign-error-text").textContent()).toBe("must not be empty");
    await admin.getByTestId("campaign-close").click();
    await admin.screenshot({ path: `${SHOTS}/proactive-page-en.png` });
  });

  it("is for admins: agents have no such page; the platform's admin picks the shop for campaigns", async () => {
    const agent = await consoleAs("agent1@apparel.demo", undefined, "203.0.113.41");
    expect(await agent.getByTestId("nav-proactive").count()).toBe(0);
    await agent.evaluate(() => (location.hash = "#/proactive"));
    await agent.getByTestId("thread-list").waitFor();
    expect(await agent.getByTestId("proactive-view").count()).toBe(0);

    const platform = await consoleAs("admin@platform.demo", undefined, "203.0.113.42");
    await openPage(platform);
    const picker = platform.getByTestId("proactive-shop");
    expect(await picker.inputValue()).toBe("");
    // Every shop at once: outcomes and failures, but campaigns are one shop's.
    await platform.getByTestId("campaigns-pick-shop").waitFor();
    expect(await platform.getByTestId("campaign-new").count()).toBe(0);
    await expect.poll(async () => Number(await platform.locator('[data-testid="outcomes-table"] tr[data-kind="campaign"] td[data-outcome="delivered"]').textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
    await picker.selectOption("apparel");
    await platform.locator(`[data-testid="campaign-row"][data-id="${sent!.id}"][data-status="sent"]`).waitFor({ timeout: 15_000 });
    await picker.selectOption("food");
    await platform.getByTestId("campaigns-empty").waitFor({ timeout: 15_000 });
  });
});
