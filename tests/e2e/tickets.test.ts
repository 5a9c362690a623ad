/**
 * Browser test of 工单 (tickets): real Chromium against `wrangler dev` with the demo mall. A
 * shopper chats with apparel, an agent answers and opens a ticket from the chat (the shopper is
 * told in the chat, the context panel lists it), finds it on the 工单 page, adds an internal note
 * (the shopper never sees it), replies to the customer (they do), hands it to another department
 * and resolves it with a note the shopper reads; the page reads in English after a switch; and a
 * change refused because someone else closed the ticket meanwhile says why, in place. The
 * platform's admin finds the ticket among every shop's. The shopper follows their tickets in the
 * widget's 我的工单 (the reply and the resolution, never the internal note), and an agent's 工单 nav
 * badge counts the tickets given to them, with a toast for one given to them and one its shopper
 * reopened. A shopper who says a resolved ticket is not solved puts it back 待处理 with their reason. Screenshots go to tests/e2e/screenshots/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserMissing, MISSING_MESSAGE } from "./browser";
import { staffLogins, useBrowserSuite, type BrowserSuite } from "./suite";

const SHOTS = "tests/e2e/screenshots";
const suite = {} as BrowserSuite;
const { consoleAs, apiLogin } = staffLogins(suite);
/** The number the test's ticket got (the demo mall has a few of apparel's already). */
let number = 0;

describe.skipIf(browserMissing)(browserMissing ? MISSING_MESSAGE : "tickets in real Chromium", () => {
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });
  useBrowserSuite(suite);

  it("opens a ticket from a chat and follows it to resolution, telling the shopper at each step", async () => {
    const agent = await consoleAs("agent1@apparel.demo");
    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0001`);
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    const complaint = "昨天收到的外套袖口开线了，质量有问题，想退款";
    await shopper.getByTestId("composer-input").fill(complaint);
    await shopper.getByTestId("send-button").click();

    // The agent takes the chat and answers.
    const thread = agent.locator('[data-testid="thread-item"][data-thread-id="apparel:c0001"]');
    await thread.waitFor({ timeout: 20_000 });
    await thread.click();
    await agent.getByTestId("message").filter({ hasText: complaint }).waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByTestId("connection-status").first().getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    await agent.getByTestId("composer-input").fill("非常抱歉，我帮您登记工单跟进退款");
    await agent.getByTestId("send-button").click();
    await shopper.getByTestId("message").filter({ hasText: "我帮您登记工单" }).waitFor({ timeout: 15_000 });
    // The demo customer has a few tickets already; the panel lists them.
    await agent.getByTestId("context-tickets").waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByTestId("context-ticket").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await agent.getByTestId("context-ticket").count();

    // 创建工单: prefilled from the shopper's words; a gold member starts at normal priority.
    await agent.getByTestId("create-ticket-button").click();
    const dialog = agent.getByTestId("ticket-create-dialog");
    await dialog.waitFor();
    expect(await agent.getByTestId("ticket-new-title").inputValue()).toBe(complaint);
    expect(await agent.getByTestId("ticket-new-category").inputValue()).toBe("refund");
    expect(await agent.getByTestId("ticket-new-priority").inputValue()).toBe("normal");
    expect(await agent.getByTestId("ticket-new-notify").isChecked()).toBe(true);
    await agent.getByTestId("ticket-new-title").fill("外套袖口开线，申请退款");
    await agent.getByTestId("ticket-new-category").selectOption("quality");
    await expect.poll(() => agent.getByTestId("ticket-new-department").locator("option").count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await agent.getByTestId("ticket-new-department").selectOption("aftersales");
    const orders = agent.getByTestId("ticket-new-order").locator("option");
    const orderId = (await orders.count()) > 1 ? await orders.nth(1).getAttribute("value") : null;
    if (orderId) await agent.getByTestId("ticket-new-order").selectOption(orderId);
    await agent.getByTestId("ticket-new-description").fill("顾客反映袖口开线，要求退款；请售后核实后处理。");
    await dialog.screenshot({ path: `${SHOTS}/ticket-create.png` });
    await agent.getByTestId("ticket-new-submit").click();
    await dialog.waitFor({ state: "detached", timeout: 15_000 });

    // A toast names the number; the shopper is told in the chat, the agent sees the notice too,
    // and the panel lists the ticket.
    const toast = agent.getByTestId("toast").filter({ hasText: "已创建工单 #" });
    await toast.waitFor();
    number = Number(/#(\d+)/.exec((await toast.textContent())!)![1]);
    expect(await toast.getByTestId("toast-action").textContent()).toBe("查看工单");
    expect(number).toBeGreaterThan(0);
    const created = shopper.locator('[data-notice="ticket.created"]');
    await created.waitFor({ timeout: 15_000 });
    expect(await created.textContent()).toContain(`已为您登记工单 #${number}「外套袖口开线，申请退款」，处理进展会在这里通知您`);
    await agent.locator('[data-notice="ticket.created"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByTestId("context-ticket").count(), { timeout: 15_000 }).toBe(before + 1);
    const panelTicket = agent.locator(`[data-testid="context-ticket"][data-number="${number}"]`);
    await panelTicket.waitFor({ timeout: 15_000 });
    expect(await panelTicket.getAttribute("data-status")).toBe("open");
    await shopper.screenshot({ path: `${SHOTS}/ticket-widget-created.png` });

    // The panel's line (as the toast's button would) opens it on the 工单 page, which lists it among the active ones.
    await panelTicket.click();
    await agent.getByTestId("tickets-view").waitFor();
    expect(new URL(agent.url()).hash).toMatch(/^#\/tickets\/tkt_/);
    const row = agent.locator(`[data-testid="ticket-row"][data-number="${number}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain("外套袖口开线，申请退款");
    const detail = agent.getByTestId("ticket-detail");
    await expect.poll(() => detail.getByTestId("ticket-title").textContent(), { timeout: 15_000 }).toBe("外套袖口开线，申请退款");
    expect(await detail.getByTestId("ticket-department").textContent()).toBe("售后");
    expect(await detail.getByTestId("ticket-assignee").textContent()).toBe("未分配");
    if (orderId) expect(await detail.getByTestId("ticket-order").textContent()).toBe(orderId);
    await expect.poll(async () => Number(await agent.getByTestId("tickets-view-active").locator(".count-badge").textContent()), { timeout: 15_000 }).toBe(await agent.getByTestId("ticket-row").count());

    // A reload lands on the same ticket.
    await agent.reload();
    await expect.poll(() => agent.getByTestId("ticket-detail").getByTestId("ticket-title").textContent(), { timeout: 15_000 }).toBe("外套袖口开线，申请退款");

    // An internal note: in the log, never in the shopper's chat.
    const note = "已联系仓库核对同批次外套";
    await agent.getByTestId("ticket-mode-note").click();
    await agent.getByTestId("ticket-comment-input").fill(note);
    await agent.getByTestId("ticket-comment-submit").click();
    await agent.locator('[data-testid="ticket-event"][data-kind="comment"]').filter({ hasText: note }).waitFor({ timeout: 15_000 });

    // A reply to the customer reaches the chat.
    const reply = "仓库已确认是做工问题，退款申请已提交";
    await agent.getByTestId("ticket-mode-reply").click();
    await agent.getByTestId("ticket-comment-input").fill(reply);
    await agent.getByTestId("ticket-comment-submit").click();
    await agent.locator('[data-testid="ticket-event"][data-kind="reply"]').filter({ hasText: reply }).waitFor({ timeout: 15_000 });
    const replied = shopper.locator('[data-notice="ticket.reply"]');
    await replied.waitFor({ timeout: 15_000 });
    expect(await replied.textContent()).toContain(`工单 #${number} 进展：${reply}`);
    expect(await shopper.getByText(note).count()).toBe(0);

    // Taken by the agent (it moves to in progress), then handed to logistics: the assignee is left
    // behind and it waits for someone there (open again).
    await agent.getByTestId("ticket-assignee-select").selectOption({ label: "林小满（我）" });
    await expect.poll(() => detail.getByTestId("ticket-assignee").textContent(), { timeout: 15_000 }).toBe("林小满");
    expect(await detail.locator('.ticket-head [data-testid="ticket-status"]').getAttribute("data-status")).toBe("in_progress");
    await agent.getByTestId("ticket-department-select").selectOption("logistics");
    await agent.getByTestId("ticket-handover-note").fill("需要物流组追回包裹");
    await agent.getByTestId("ticket-handover-submit").click();
    await expect.poll(() => detail.getByTestId("ticket-department").textContent(), { timeout: 15_000 }).toBe("物流");
    const handed = agent.locator('[data-testid="ticket-event"][data-kind="department"]');
    expect(await handed.textContent()).toContain("将工单由「售后」转交给「物流」");
    expect(await handed.textContent()).toContain("需要物流组追回包裹");
    expect(await detail.getByTestId("ticket-assignee").textContent()).toBe("未分配");
    expect(await detail.locator('.ticket-head [data-testid="ticket-status"]').getAttribute("data-status")).toBe("open");

    // Resolved with a note the shopper reads.
    const outcome = "退款 ¥299 已原路退回，预计 1-3 个工作日到账";
    await agent.getByTestId("ticket-to-resolved").click();
    await agent.getByTestId("ticket-status-note").fill(outcome);
    await agent.getByTestId("ticket-status-confirm").click();
    await expect.poll(() => detail.locator('.ticket-head [data-testid="ticket-status"]').getAttribute("data-status"), { timeout: 15_000 }).toBe("resolved");
    const resolved = shopper.locator('[data-notice="ticket.resolved"]');
    await resolved.waitFor({ timeout: 15_000 });
    expect(await resolved.textContent()).toContain(`工单 #${number}「外套袖口开线，申请退款」已处理完成。${outcome}`);
    expect(await agent.locator('[data-testid="ticket-event"][data-kind="status"]').filter({ hasText: "「待处理」改为「已解决」" }).count()).toBe(1);
    await agent.screenshot({ path: `${SHOTS}/tickets-page.png`, fullPage: true });
    await shopper.screenshot({ path: `${SHOTS}/ticket-widget-resolved.png` });

    // The resolved ticket leaves the active view and is under 已解决.
    await agent.getByTestId("tickets-view-resolved").click();
    await agent.locator(`[data-testid="ticket-row"][data-number="${number}"][data-status="resolved"]`).waitFor({ timeout: 15_000 });

    // In English, the page reads in English.
    await agent.getByTestId("lang-switch").click();
    await expect.poll(() => agent.locator(".tickets-page h1").textContent()).toBe("Tickets");
    expect(await detail.locator('.ticket-head [data-testid="ticket-status"]').textContent()).toBe("Resolved");
    expect(await detail.getByTestId("ticket-department").textContent()).toBe("Logistics");
    expect(await agent.getByTestId("tickets-view-active").textContent()).toContain("Active");
    expect(await agent.getByTestId("ticket-timeline").textContent()).toContain("changed the status from “Open” to “Resolved”");
    expect(await agent.getByTestId("ticket-to-open").textContent()).toBe("Reopen");
    await agent.screenshot({ path: `${SHOTS}/tickets-page-en.png`, fullPage: true });

    // Someone closes it meanwhile (here: the shop admin, by the API): reopening from the stale page is refused, in place.
    const ticketId = await detail.getAttribute("data-id");
    const adminToken = await apiLogin("admin@apparel.demo");
    const closed = await fetch(`${suite.server.url}/api/tickets/${ticketId}/actions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ type: "status", status: "closed", note: "" }) });
    expect(closed.status).toBe(200);
    await agent.getByTestId("ticket-to-open").click();
    const refused = agent.getByTestId("ticket-action-error");
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.getAttribute("data-code")).toBe("conflict");
    expect(await refused.textContent()).toContain("A closed ticket cannot change; open a new one");
    // The page shows where the ticket stands now.
    await expect.poll(() => detail.locator('.ticket-head [data-testid="ticket-status"]').getAttribute("data-status"), { timeout: 15_000 }).toBe("closed");
    expect(await agent.getByTestId("ticket-to-open").count()).toBe(0);
    await agent.screenshot({ path: `${SHOTS}/tickets-refused.png`, fullPage: true });
    await agent.getByTestId("lang-switch").click();

    // On a narrow screen the open ticket takes the page, and 返回列表 goes back to the list.
    await agent.setViewportSize({ width: 760, height: 900 });
    expect(await agent.locator(".ticket-list-pane").isVisible()).toBe(false);
    await agent.screenshot({ path: `${SHOTS}/tickets-narrow.png` });
    await agent.locator(".ticket-back").click();
    await agent.locator(".ticket-list-pane").waitFor({ state: "visible" });
    expect(new URL(agent.url()).hash).toBe("#/tickets");
  });

  it("turns a left message (留言) into a ticket, prefilled from the shopper's words", async () => {
    // Apparel closed all week (through the admin API) so the shopper can only leave a message; opened again after.
    const adminToken = await apiLogin("admin@apparel.demo");
    const hoursUrl = `${suite.server.url}/api/admin/business-hours`;
    const auth = { authorization: `Bearer ${adminToken}` };
    const before = ((await (await fetch(hoursUrl, { headers: auth })).json()) as { hours: unknown }).hours;
    const setHours = (hours: unknown) => fetch(hoursUrl, { method: "PUT", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify({ hours }) });
    const closed = { timeZone: "Asia/Shanghai", weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, []])) };
    expect((await setHours(closed)).status).toBe(200);
    const words = "收到的连衣裙发错颜色了，想换成黑色";
    try {
      const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
      await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0009`);
      await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
      await shopper.getByTestId("composer-input").fill("转人工");
      await shopper.getByTestId("send-button").click();
      await shopper.getByTestId("leave-message-form").waitFor({ timeout: 15_000 });
      await shopper.getByTestId("leave-message-text").fill(words);
      await shopper.getByTestId("leave-message-contact").fill("13800001234");
      await shopper.getByTestId("leave-message-submit").click();
      await shopper.getByTestId("leave-message-saved").waitFor({ timeout: 15_000 });
    } finally {
      await setHours(before);
    }

    const agent = await consoleAs("agent2@apparel.demo");
    await agent.getByTestId("nav-leave").click();
    const item = agent.getByTestId("leave-message-item").filter({ hasText: words });
    await item.waitFor({ timeout: 15_000 });
    await item.getByTestId("leave-to-ticket").click();
    await agent.getByTestId("ticket-create-dialog").waitFor();
    expect(await agent.getByTestId("ticket-new-title").inputValue()).toBe(words);
    expect(await agent.getByTestId("ticket-new-category").inputValue()).toBe("exchange");
    expect(await agent.getByTestId("ticket-new-description").inputValue()).toContain("13800001234");
    await agent.getByTestId("ticket-new-submit").click();
    await agent.getByTestId("ticket-create-dialog").waitFor({ state: "detached", timeout: 15_000 });
    // Taken over by the ticket: handled, off the open list.
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);
    const toast = agent.getByTestId("toast").filter({ hasText: "已创建工单 #" });
    await toast.getByTestId("toast-action").click();
    const detail = agent.getByTestId("ticket-detail");
    await expect.poll(() => detail.getByTestId("ticket-title").textContent(), { timeout: 15_000 }).toBe(words);
    expect(await detail.textContent()).toContain("由留言转入");
  });

  it("shows the platform's admin every shop's tickets, and one shop's", async () => {
    const platform = await consoleAs("admin@platform.demo");
    await platform.getByTestId("nav-tickets").click();
    const picker = platform.getByTestId("tickets-shop");
    expect(await picker.inputValue()).toBe("");
    expect(await picker.locator("option").first().textContent()).toBe("全部店铺");
    await platform.getByTestId("tickets-view-all").click();
    await platform.locator(`[data-testid="ticket-row"][data-shop="apparel"][data-number="${number}"]`).waitFor({ timeout: 15_000 });
    await picker.selectOption("food");
    await platform.getByTestId("tickets-empty").waitFor({ timeout: 15_000 });
    await picker.selectOption("apparel");
    await platform.locator(`[data-testid="ticket-row"][data-shop="apparel"][data-number="${number}"]`).waitFor({ timeout: 15_000 });
    // Search by number.
    await platform.getByTestId("tickets-search").fill(`#${number}`);
    await expect.poll(() => platform.getByTestId("ticket-row").count(), { timeout: 15_000 }).toBe(1);
    await platform.locator(`[data-testid="ticket-row"][data-shop="apparel"][data-number="${number}"]`).waitFor({ timeout: 15_000 });
  });
  // 我的工单 (the shopper's own list) and the agent's nav badge: separate steps, after the story above.
  it("shows the shopper their tickets in 我的工单: the reply and the resolution, never the internal note", async () => {
    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0001`);
    await expect.poll(() => shopper.getByTestId("connection-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
    await shopper.getByTestId("my-tickets-button").click({ timeout: 15_000 });
    const panel = shopper.getByTestId("my-tickets");
    await panel.waitFor();
    // The newest ticket (this story's, closed by the admin at its end) shows its progress.
    const card = panel.locator(`[data-testid="my-ticket"][data-number="${number}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute("data-status")).toBe("closed");
    expect(await card.getByTestId("my-ticket-status").textContent()).toBe("已关闭");
    expect(await card.getByTestId("my-ticket-title").textContent()).toBe("外套袖口开线，申请退款");
    const progress = (await card.getByTestId("my-ticket-timeline").textContent())!;
    expect(progress).toContain("已为您登记工单");
    expect(progress).toContain("仓库已确认是做工问题，退款申请已提交");
    expect(progress).toContain("状态更新为「已解决」");
    expect(progress).toContain("退款 ¥299 已原路退回，预计 1-3 个工作日到账");
    for (const hidden of ["已联系仓库核对同批次外套", "需要物流组追回包裹", "林小满", "售后", "物流"]) expect(progress).not.toContain(hidden);
    await shopper.screenshot({ path: `${SHOTS}/ticket-widget-mine.png` });
    // An older demo ticket of theirs: its internal note stays with staff.
    const older = panel.locator('[data-testid="my-ticket"]').filter({ hasText: "双十一裙子退货后退款未到账" });
    await older.locator(".my-ticket-head").click();
    expect(await older.getAttribute("data-status")).toBe("in_progress");
    expect(await older.getByTestId("my-ticket-timeline").textContent()).toContain("状态更新为「处理中」");
    expect(await panel.textContent()).not.toContain("已提交财务加急");
    // Back to the chat; tapping the resolution notice opens that ticket again.
    await shopper.getByTestId("my-tickets-close").click();
    await panel.waitFor({ state: "detached" });
    await shopper.locator('[data-notice="ticket.resolved"]').last().getByTestId("ticket-notice-open").click();
    await card.getByTestId("my-ticket-timeline").waitFor();
    // Escape shuts it; in English it reads in the shopper's words.
    await shopper.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    await shopper.getByTestId("lang-switch").click();
    expect(await shopper.getByTestId("my-tickets-button").textContent()).toContain("My tickets");
    await shopper.getByTestId("my-tickets-button").click();
    expect(await card.getByTestId("my-ticket-status").textContent()).toBe("Closed");
    expect(await card.getByTestId("my-ticket-timeline").textContent()).toContain("Reply from the shop");
    await shopper.close();
  });

  it("counts in the agent's nav badge the active tickets assigned to them, tells them of one someone else gave them and of one its shopper reopened, and shows when the cron logged one overdue", async () => {
    const adminToken = await apiLogin("admin@apparel.demo");
    const asAdmin = async (path: string, body: unknown) => {
      const res = await fetch(`${suite.server.url}/api${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` }, body: JSON.stringify(body) });
      expect(res.status, path).toBeLessThan(300);
      return ((await res.json()) as { ticket: { id: string; number: number } }).ticket;
    };
    const give = (title: string, notifyCustomer = false) => asAdmin("/tickets", { threadId: "apparel:c0002", title, category: "other", assigneeId: "st-apparel-agent1", notifyCustomer });
    // What agent1 holds already, as the API counts it.
    const mine = await fetch(`${suite.server.url}/api/tickets?assignee=me`, { headers: { authorization: `Bearer ${await apiLogin("agent1@apparel.demo")}` } });
    const { counts } = (await mine.json()) as { counts: Record<string, number> };
    const before = counts.open! + counts.in_progress! + counts.pending!;
    const agent = await consoleAs("agent1@apparel.demo");
    const badge = agent.getByTestId("nav-badge-tickets");
    const shown = async () => ((await badge.count()) ? Number(await badge.textContent()) : 0);
    await expect.poll(shown, { timeout: 15_000 }).toBe(before);
    const first = await give("请跟进顾客的开票信息");
    // Asked on login: a reload counts the new one.
    await agent.reload();
    await expect.poll(shown, { timeout: 15_000 }).toBe(before + 1);
    expect(await badge.getAttribute("data-overdue")).toBe("0");
    expect(await badge.getAttribute("class")).toContain("nav-badge-calm");
    // Another arrives; the agent's own next ticket action asks again, and a toast names the new one.
    const second = await give("顾客要求更换收货地址");
    await agent.evaluate((id) => (location.hash = `#/tickets/${id}`), first.id);
    await agent.getByTestId("ticket-mode-note").click({ timeout: 15_000 });
    await agent.getByTestId("ticket-comment-input").fill("已核对开票信息");
    await agent.getByTestId("ticket-comment-submit").click();
    const toast = agent.getByTestId("toast").filter({ hasText: `新工单指派给您 #${second.number}` });
    await toast.waitFor({ timeout: 15_000 });
    await expect.poll(shown, { timeout: 15_000 }).toBe(before + 2);
    await agent.screenshot({ path: `${SHOTS}/tickets-nav-badge.png` });
    await toast.getByTestId("toast-action").click();
    await expect.poll(() => agent.getByTestId("ticket-detail").getAttribute("data-id"), { timeout: 15_000 }).toBe(second.id);
    // One of theirs, resolved, comes back when its shopper says it is not solved: the toast says so and stays.
    const third = await give("顾客反映尺码换货未寄出", true);
    await asAdmin(`/tickets/${third.id}/actions`, { type: "status", status: "resolved", note: "换货已寄出", notifyCustomer: true });
    const shopperToken = (await (await fetch(`${suite.server.url}/api/demo/shopper-token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "c0002" }) })).json()) as { token: string };
    const answered = await fetch(`${suite.server.url}/api/threads/apparel%3Ac0002/tickets/${third.id}/answer`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${shopperToken.token}` }, body: JSON.stringify({ answer: "unsolved", reason: "还没收到换的货" }),
    });
    expect(answered.status).toBe(200);
    await agent.getByTestId("ticket-mode-note").click();
    await agent.getByTestId("ticket-comment-input").fill("已联系快递");
    await agent.getByTestId("ticket-comment-submit").click();
    const reopened = agent.getByTestId("toast").filter({ hasText: `顾客反馈工单 #${third.number} 仍未解决` });
    await reopened.waitFor({ timeout: 15_000 });
    await reopened.getByTestId("toast-action").click();
    await expect.poll(() => agent.getByTestId("ticket-detail").getAttribute("data-id"), { timeout: 15_000 }).toBe(third.id);
    expect(await agent.getByTestId("ticket-event").last().textContent()).toContain("顾客表示仍未解决：还没收到换的货");
    // An agent holding an overdue ticket (the demo's #1) sees the badge red, and, once the cron
    // has run (as `npm start` fires it), the moment it fell overdue in its log.
    const other = await consoleAs("agent2@apparel.demo");
    const red = other.getByTestId("nav-badge-tickets");
    await red.waitFor({ timeout: 15_000 });
    expect(Number(await red.getAttribute("data-overdue"))).toBeGreaterThan(0);
    expect(await red.getAttribute("class")).not.toContain("nav-badge-calm");
    expect((await fetch(`${suite.server.url}/__scheduled?cron=${encodeURIComponent("*/10 * * * *")}`)).status).toBe(200);
    await other.evaluate(() => (location.hash = "#/tickets/tkt_demoapparel0001"));
    const overdueLine = other.locator('[data-testid="ticket-event"][data-kind="overdue"]');
    await overdueLine.waitFor({ timeout: 15_000 });
    expect(await overdueLine.getAttribute("data-actor")).toBe("system");
    expect(await overdueLine.textContent()).toMatch(/^系统记录工单已超时（应于 .+ 前处理）/);
  });

  it("counts the day's tickets on the 数据 page, and exports the 工单 list as a spreadsheet file", async () => {
    const admin = await consoleAs("admin@apparel.demo");
    await admin.getByTestId("nav-stats").click();
    await admin.getByTestId("stats-preset-1").click();
    const section = admin.getByTestId("stats-tickets");
    await section.waitFor({ timeout: 15_000 });
    expect(await section.locator("h2").first().textContent()).toBe("工单");
    const kpi = (id: string) => admin.getByTestId(`stats-kpi-tickets-${id}`).locator(".kpi-value");
    // The ticket the first test opened and resolved today.
    await expect.poll(async () => Number(await kpi("opened").textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(Number(await kpi("resolved").textContent())).toBeGreaterThanOrEqual(1);
    const quality = admin.locator('[data-testid="stats-ticket-categories"] tr[data-category="quality"]');
    await quality.waitFor({ timeout: 15_000 });
    expect(await quality.locator("td").first().textContent()).toBe("质量问题");
    await section.screenshot({ path: `${SHOTS}/service-report-tickets.png` });

    // 导出 on the 工单 page: every ticket of the view, headers in the console's language.
    await admin.getByTestId("nav-tickets").click();
    await admin.getByTestId("tickets-view-all").click();
    await admin.locator(`[data-testid="ticket-row"][data-number="${number}"]`).waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("tickets-export").click()]);
    expect(download.suggestedFilename()).toMatch(/^kefu-apparel-tickets-all-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\ufeff工单号,店铺,标题,顾客,")).toBe(true);
    expect(csv).toContain("外套袖口开线，申请退款");
    const listed = Number(await admin.getByTestId("tickets-view-all").locator(".count-badge").textContent());
    expect(csv.trim().split("\r\n")).toHaveLength(listed + 1);
  });

  it("lets the shopper say a resolved ticket is not solved, and the agent finds it 待处理 with their reason", async () => {
    // agent1's ticket for c0001, resolved with a note the shopper is told (by the API: the UI steps are above).
    const agentToken = await apiLogin("agent1@apparel.demo");
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${suite.server.url}/api${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${agentToken}` }, body: JSON.stringify(body) });
      expect(res.status).toBeLessThan(300);
      return ((await res.json()) as { ticket: { id: string; number: number } }).ticket;
    };
    const ticket = await call("/tickets", { threadId: "apparel:c0001", title: "换货的尺码仍然不对", category: "exchange", department: "aftersales", assigneeId: "st-apparel-agent1" });
    await call(`/tickets/${ticket.id}/actions`, { type: "status", status: "resolved", note: "已为您补发 L 码" });

    const shopper = await suite.browser.newPage({ viewport: { width: 390, height: 780 } });
    await shopper.goto(`${suite.server.url}/widget.html?shop=apparel&customer=c0001`);
    await shopper.getByTestId("my-tickets-button").click({ timeout: 15_000 });
    const card = shopper.locator(`[data-testid="my-ticket"][data-number="${ticket.number}"]`);
    await card.getByTestId("my-ticket-answer").waitFor({ timeout: 15_000 });
    expect(await card.getByTestId("my-ticket-solved").textContent()).toBe("已解决");
    await card.getByTestId("my-ticket-unsolved").click();
    const reason = "补发的还是 M 码";
    await card.getByTestId("my-ticket-reason").fill(reason);
    await card.getByTestId("my-ticket-unsolved-submit").click();
    await expect.poll(() => card.getAttribute("data-status"), { timeout: 15_000 }).toBe("open");
    expect(await card.getByTestId("my-ticket-status").textContent()).toBe("待处理");
    expect(await card.getByTestId("my-ticket-answer").count()).toBe(0);
    const progress = (await card.getByTestId("my-ticket-timeline").textContent())!;
    expect(progress).toContain("您反馈问题仍未解决");
    expect(progress).toContain(reason);
    await shopper.screenshot({ path: `${SHOTS}/ticket-widget-unsolved.png` });
    await shopper.close();

    // The agent's 工单 page: back to 待处理, the customer's words in the log.
    const agent = await consoleAs("agent1@apparel.demo");
    await agent.evaluate((id) => (location.hash = `#/tickets/${id}`), ticket.id);
    const detail = agent.getByTestId("ticket-detail");
    await expect.poll(() => detail.locator('.ticket-head [data-testid="ticket-status"]').getAttribute("data-status"), { timeout: 15_000 }).toBe("open");
    expect(await detail.locator('.ticket-head [data-testid="ticket-status"]').textContent()).toBe("待处理");
    const answered = agent.locator('[data-testid="ticket-event"][data-actor="customer"]');
    expect(await answered.textContent()).toContain(`顾客表示仍未解决：${reason}`);
    await agent.locator(`[data-testid="ticket-row"][data-number="${ticket.number}"][data-status="open"]`).waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: `${SHOTS}/tickets-customer-unsolved.png`, fullPage: true });
  });
});
