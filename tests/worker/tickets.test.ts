/**
 * 工单 through the real Worker, D1 and rooms: opening tickets from a thread (numbers per shop,
 * the shopper's notice, the checks that refuse and change nothing), acting on them (the log,
 * replies and resolutions in the chat), and who may see what.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { TICKET_SLA_MS } from "../../core/domain/tickets";
import { leaveMessages, orders, sessions, staff, ticketEvents } from "../../worker/db/schema";
import { postTicketNotice } from "../../worker/services/tickets/notify";
import { seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { makeShop, platformAdminToken, type TestShop } from "../helpers/queue-fixture";
import { actOn, createTicket, db, fieldsOf, storedEvents, ticketDetail, ticketList, ticketNotices } from "../helpers/tickets";

let platform: { id: string; token: string };
beforeAll(async () => {
  await seedFixture();
  platform = await platformAdminToken();
});

const newShop = () => makeShop([{ key: "logistics" }, { key: "aftersales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "ana", groups: ["logistics"] }, { handle: "bo", groups: ["aftersales"] }]);

/** A thread of a new shopper in the shop, with one session and one order of theirs. */
async function thread(shop: TestShop) {
  const customer = uniqueCustomer();
  const threadId = `${shop.shopId}:${customer}`;
  const now = Date.now();
  const sessionId = `ss-${customer}`;
  const orderId = `o-${customer}`;
  await db.batch([
    db.insert(sessions).values({ id: sessionId, shopId: shop.shopId, customerId: customer, threadId, channel: "app", status: "resolved", openedAt: now - 60_000, lastMessageAt: now, updatedAt: now }),
    db.insert(orders).values({ id: orderId, shopId: shop.shopId, customerId: customer, status: "delivered", totalCents: 9900, items: [], createdAt: now - 86_400_000, updatedAt: now }),
  ]);
  return { customer, threadId, sessionId, orderId };
}

describe("opening tickets", () => {
  let shop: TestShop;
  let other: TestShop;
  beforeAll(async () => {
    [shop, other] = await Promise.all([newShop(), newShop()]);
  });

  it("numbers each shop's tickets from 1, lists them, and tells the shopper once", async () => {
    const t = await thread(shop);
    const before = Date.now();
    const first = await createTicket(shop.tokens.ana!, {
      threadId: t.threadId, sessionId: t.sessionId, orderId: t.orderId, title: "退款三天未到账", description: "支付宝原路退回", category: "refund", priority: "high", department: "aftersales",
    });
    expect(first.status).toBe(201);
    const ticket = first.body.ticket;
    expect(ticket).toMatchObject({
      number: 1, shopId: shop.shopId, threadId: t.threadId, customer: { id: t.customer, name: t.customer, level: "normal" }, sessionId: t.sessionId, orderId: t.orderId,
      title: "退款三天未到账", description: "支付宝原路退回", category: "refund", priority: "high", status: "open", department: { key: "aftersales", name: "aftersales" },
      assignee: null, createdBy: { id: shop.staffId("ana"), name: "客服ana" }, overdue: false, resolvedAt: null, closedAt: null,
    });
    expect(ticket.id).toMatch(/^tkt_[0-9a-f]{32}$/);
    expect(ticket.dueAt - ticket.createdAt).toBe(TICKET_SLA_MS.high);
    expect(ticket.createdAt).toBeGreaterThanOrEqual(before);
    expect(first.body.events).toEqual([{ id: expect.any(Number), kind: "created", at: ticket.createdAt, actor: { id: shop.staffId("ana"), name: "客服ana" }, text: null, from: null, to: "open" }]);

    const second = await createTicket(shop.tokens.bo!, { threadId: t.threadId, title: "包裹破损", category: "quality", priority: "urgent", notifyCustomer: false });
    const third = await createTicket(shop.tokens.boss!, { threadId: (await thread(shop)).threadId, title: "发票抬头", category: "invoice", priority: "low" });
    const elsewhere = await createTicket(other.tokens.ana!, { threadId: (await thread(other)).threadId, title: "别家的工单", category: "other" });
    expect([second, third, elsewhere].map((r) => [r.status, r.body.ticket.number])).toEqual([[201, 2], [201, 3], [201, 1]]);

    // Active tickets, the most urgent first.
    const list = await ticketList(shop.tokens.ana!);
    expect(list.status).toBe(200);
    expect(list.body.tickets.map((x) => x.number)).toEqual([2, 1, 3]);
    expect(list.body.tickets[1]).toEqual(ticket);
    expect(list.body).toMatchObject({ counts: { open: 3, in_progress: 0, pending: 0, resolved: 0, closed: 0, overdue: 0 }, next: null });

    // The shopper hears of the first ticket only (the second asked not to tell them).
    const notices = await ticketNotices(t.threadId);
    expect(notices).toEqual([
      expect.objectContaining({ clientId: `tk-${ticket.id}-${first.body.events[0]!.id}`, kind: "system", sender: { role: "system", id: "tickets", name: "system" }, body: { notice: { code: "ticket.created", params: { number: "1", title: "退款三天未到账" } } } }),
    ]);
    // Posting the notice again (a retry) adds nothing.
    await postTicketNotice(env, db, { id: ticket.id, threadId: t.threadId, customerId: t.customer }, first.body.events[0]!.id, "ticket.created", { number: "1", title: "退款三天未到账" });
    expect(await ticketNotices(t.threadId)).toHaveLength(1);
  });

  it("gives tickets opened at the same moment distinct numbers", async () => {
    const fresh = await newShop();
    const { threadId } = await thread(fresh);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => createTicket(fresh.tokens.ana!, { threadId, title: `同时 ${i}`, category: "other", notifyCustomer: false })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.map((a) => a.body.ticket.number).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("starts an assigned ticket in progress, and takes platform staff as assignees", async () => {
    const t = await thread(shop);
    const mine = await createTicket(shop.tokens.ana!, { threadId: t.threadId, title: "催物流", category: "logistics", department: "logistics", assigneeId: shop.staffId("ana"), notifyCustomer: false });
    expect(mine.body.ticket).toMatchObject({ status: "in_progress", assignee: { id: shop.staffId("ana"), name: "客服ana" }, department: { key: "logistics" } });
    expect(mine.body.events.map((e) => [e.kind, e.to])).toEqual([["created", "in_progress"]]);
    const byPlatform = await createTicket(platform.token, { threadId: t.threadId, title: "平台介入", category: "complaint", assigneeId: platform.id, notifyCustomer: false });
    expect(byPlatform.status).toBe(201);
    expect(byPlatform.body.ticket).toMatchObject({ shopId: shop.shopId, assignee: { id: platform.id, name: "平台管理员" }, createdBy: { id: platform.id } });
  });

  it("takes over a left message: marked handled in the same write, and only once", async () => {
    const t = await thread(shop);
    const now = Date.now();
    await db.insert(leaveMessages).values({ id: `lm-${t.customer}`, shopId: shop.shopId, customerId: t.customer, threadId: t.threadId, text: "衣服起球了，请回电", status: "open", createdAt: now - 3_600_000 }).run();
    const res = await createTicket(shop.tokens.bo!, { threadId: t.threadId, leaveMessageId: `lm-${t.customer}`, title: "质量投诉：起球", category: "quality" });
    expect(res.status).toBe(201);
    expect(res.body.ticket.leaveMessageId).toBe(`lm-${t.customer}`);
    const row = await db.select().from(leaveMessages).where(eq(leaveMessages.id, `lm-${t.customer}`)).get();
    expect(row).toMatchObject({ status: "handled", handledBy: shop.staffId("bo"), handledAt: res.body.ticket.createdAt });
    const again = await createTicket(shop.tokens.bo!, { threadId: t.threadId, leaveMessageId: `lm-${t.customer}`, title: "再来一次", category: "quality" });
    expect([again.status, fieldsOf(again)]).toEqual([409, ["leaveMessageId"]]);
  });

  it("refuses every wrong reference or body, naming the field, and changes nothing", async () => {
    const fresh = await newShop();
    const t = await thread(fresh);
    const stranger = await thread(fresh);
    const otherThread = await thread(other);
    const now = Date.now();
    await db.batch([
      db.insert(leaveMessages).values({ id: `lm-${stranger.customer}`, shopId: fresh.shopId, customerId: stranger.customer, threadId: stranger.threadId, text: "别人的留言", status: "open", createdAt: now }),
      db.insert(staff).values({ id: `${fresh.shopId}-gone`, shopId: fresh.shopId, email: `gone@${fresh.shopId}.test`, name: "已离职", role: "shop_agent", passwordHash: "x", createdAt: now, disabledAt: now }),
    ]);
    const base = { threadId: t.threadId, title: "退款", category: "refund" };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, sessionId: stranger.sessionId }, 400, "sessionId"],
      [{ ...base, sessionId: "ss-nope" }, 400, "sessionId"],
      [{ ...base, orderId: stranger.orderId }, 400, "orderId"],
      [{ ...base, orderId: otherThread.orderId }, 400, "orderId"],
      [{ ...base, leaveMessageId: `lm-${stranger.customer}` }, 400, "leaveMessageId"],
      [{ ...base, department: "marketing" }, 400, "department"],
      [{ ...base, assigneeId: other.staffId("ana") }, 400, "assigneeId"],
      [{ ...base, assigneeId: `${fresh.shopId}-gone` }, 400, "assigneeId"],
      [{ ...base, title: "   " }, 400, "title"],
      [{ ...base, title: "长".repeat(101) }, 400, "title"],
      [{ ...base, category: "gift" }, 400, "category"],
      [{ ...base, priority: "asap" }, 400, "priority"],
      [{ ...base, threadId: "not-a-thread" }, 400, "threadId"],
      [{ ...base, threadId: `nosuchshop:${t.customer}` }, 403, ""],
      [{ threadId: t.threadId, category: "refund" }, 400, "title"],
    ];
    for (const [body, status, field] of cases) {
      const res = await createTicket(fresh.tokens.ana!, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (field) expect(fieldsOf(res), JSON.stringify(body)).toEqual([field]);
    }
    // Another shop's agent and a shopper may not open one here at all.
    expect((await createTicket(other.tokens.ana!, base)).status).toBe(403);
    expect((await createTicket(await shopperToken(t.customer), base)).status).toBe(403);
    // A platform admin may open one on any shop's thread, but not of a shop that does not exist.
    const nowhere = await createTicket(platform.token, { ...base, threadId: `nosuchshop:${t.customer}` });
    expect([nowhere.status, fieldsOf(nowhere)]).toEqual([400, ["threadId"]]);

    expect((await ticketList(fresh.tokens.ana!, "status=all")).body).toMatchObject({ tickets: [], counts: { open: 0, in_progress: 0, overdue: 0 } });
    expect(await db.select().from(ticketEvents).where(eq(ticketEvents.shopId, fresh.shopId)).all()).toEqual([]);
    expect((await db.select().from(leaveMessages).where(eq(leaveMessages.id, `lm-${stranger.customer}`)).get())?.status).toBe("open");
    expect(await ticketNotices(t.threadId)).toEqual([]);
  });
});

describe("working a ticket", () => {
  let shop: TestShop;
  let other: TestShop;
  beforeAll(async () => {
    [shop, other] = await Promise.all([newShop(), newShop()]);
  });

  it("records each action as events in order, and tells the shopper of replies and the resolution", async () => {
    const t = await thread(shop);
    const created = await createTicket(shop.tokens.ana!, { threadId: t.threadId, orderId: t.orderId, title: "快递三天没动", category: "logistics", department: "logistics" });
    const id = created.body.ticket.id;
    const ana = shop.staffId("ana");
    const bo = shop.staffId("bo");

    const assigned = await actOn(shop.tokens.ana!, id, { type: "assign", assigneeId: ana });
    expect(assigned.status).toBe(200);
    expect(assigned.body.ticket).toMatchObject({ status: "in_progress", assignee: { id: ana, name: "客服ana" } });
    expect(assigned.body.ticket.updatedAt).toBeGreaterThan(created.body.ticket.updatedAt);
    await actOn(shop.tokens.ana!, id, { type: "comment", text: "已联系中通，等回复" });
    await actOn(shop.tokens.ana!, id, { type: "comment", text: "亲，已帮您催促快递，今天内回复您", toCustomer: true });
    await actOn(shop.tokens.ana!, id, { type: "status", status: "pending", note: "等快递回复" });
    const moved = await actOn(shop.tokens.boss!, id, { type: "department", department: "aftersales", note: "需补发" });
    // The new department decides who takes it; a pending ticket stays pending.
    expect(moved.body.ticket).toMatchObject({ department: { key: "aftersales" }, assignee: null, status: "pending" });
    const raised = await actOn(shop.tokens.bo!, id, { type: "priority", priority: "urgent" });
    expect(raised.body.ticket.dueAt).toBe(created.body.ticket.createdAt + TICKET_SLA_MS.urgent);
    await actOn(shop.tokens.bo!, id, { type: "assign", assigneeId: bo });
    const resolved = await actOn(shop.tokens.bo!, id, { type: "status", status: "resolved", note: "已补发，单号 SF123" });
    expect(resolved.body.ticket).toMatchObject({ status: "resolved", closedAt: null });
    expect(resolved.body.ticket.resolvedAt).toBeGreaterThanOrEqual(raised.body.ticket.updatedAt);
    const closed = await actOn(shop.tokens.boss!, id, { type: "status", status: "closed", notifyCustomer: true });
    expect(closed.body.ticket).toMatchObject({ status: "closed", resolvedAt: resolved.body.ticket.resolvedAt });

    const { body } = await ticketDetail(shop.tokens.bo!, id);
    expect(body.events.map((e) => [e.kind, e.actor.id, e.from, e.to, e.text])).toEqual([
      ["created", ana, null, "open", null],
      ["assign", ana, null, ana, null],
      ["status", ana, "open", "in_progress", null],
      ["comment", ana, null, null, "已联系中通，等回复"],
      ["reply", ana, null, null, "亲，已帮您催促快递，今天内回复您"],
      ["status", ana, "in_progress", "pending", "等快递回复"],
      ["department", shop.staffId("boss"), "logistics", "aftersales", "需补发"],
      ["priority", bo, "normal", "urgent", null],
      ["assign", bo, null, bo, null],
      // The note the shopper is told of a resolution is recorded as a reply to them.
      ["status", bo, "pending", "resolved", null],
      ["reply", bo, null, null, "已补发，单号 SF123"],
      ["status", shop.staffId("boss"), "resolved", "closed", null],
    ]);
    expect(body.events[1]).toMatchObject({ fromName: null, toName: "客服ana" });
    const ids = body.events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(body).toEqual(closed.body);

    // The shopper heard of the ticket, the reply and the resolution; never the internal note.
    const notices = await ticketNotices(t.threadId);
    expect(notices.map((m) => m.body.notice)).toEqual([
      { code: "ticket.created", params: { number: "1", title: "快递三天没动" } },
      { code: "ticket.reply", params: { number: "1", text: "亲，已帮您催促快递，今天内回复您" } },
      { code: "ticket.resolved", params: { number: "1", title: "快递三天没动", note: "已补发，单号 SF123" } },
    ]);
    expect(JSON.stringify(notices)).not.toContain("已联系中通");
    // The log is append-only, in D1 itself.
    await expect(env.DB.prepare("UPDATE ticket_events SET text = 'x' WHERE ticket_id = ?").bind(id).run()).rejects.toThrow(/append-only/);
  });

  it("refuses changes that are no change, not allowed, or malformed, and changes nothing", async () => {
    const t = await thread(shop);
    const open = (await createTicket(shop.tokens.ana!, { threadId: t.threadId, title: "换货", category: "exchange", department: "aftersales", assigneeId: shop.staffId("bo"), notifyCustomer: false })).body.ticket;
    const done = (await createTicket(shop.tokens.ana!, { threadId: t.threadId, title: "已结束", category: "other", notifyCustomer: false })).body.ticket;
    await actOn(shop.tokens.ana!, done.id, { type: "status", status: "closed" });
    const before = await Promise.all([ticketDetail(shop.tokens.ana!, open.id), ticketDetail(shop.tokens.ana!, done.id)]);

    const cases: [string, Record<string, unknown>, number, string][] = [
      [open.id, { type: "status", status: "in_progress" }, 409, "status"],
      [open.id, { type: "assign", assigneeId: shop.staffId("bo") }, 409, "assigneeId"],
      [open.id, { type: "assign", assigneeId: other.staffId("ana") }, 400, "assigneeId"],
      [open.id, { type: "assign", assigneeId: "st-nobody" }, 400, "assigneeId"],
      [open.id, { type: "department", department: "aftersales" }, 409, "department"],
      [open.id, { type: "department", department: "marketing" }, 400, "department"],
      [open.id, { type: "priority", priority: "normal" }, 409, "priority"],
      [done.id, { type: "status", status: "open" }, 409, "status"],
      [done.id, { type: "priority", priority: "urgent" }, 409, "priority"],
      [done.id, { type: "assign", assigneeId: shop.staffId("ana") }, 409, "assigneeId"],
      [open.id, { type: "comment", text: "  " }, 400, "text"],
      [open.id, { type: "status", status: "done" }, 400, "status"],
      [open.id, { type: "priority" }, 400, "priority"],
      [open.id, { type: "merge" }, 400, "type"],
      [open.id, { type: "comment", text: "x".repeat(2001) }, 400, "text"],
    ];
    for (const [id, action, status, field] of cases) {
      const res = await actOn(shop.tokens.ana!, id, action);
      expect(res.status, JSON.stringify(action)).toBe(status);
      expect(fieldsOf(res), JSON.stringify(action)).toEqual([field]);
    }
    expect((await actOn(shop.tokens.ana!, "tkt_nosuchticket000", { type: "comment", text: "x" })).status).toBe(404);
    expect((await actOn(shop.tokens.ana!, "../etc", { type: "comment", text: "x" })).status).toBe(404);
    expect(await Promise.all([ticketDetail(shop.tokens.ana!, open.id), ticketDetail(shop.tokens.ana!, done.id)])).toEqual(before);
    // A closed ticket still takes a note.
    expect((await actOn(shop.tokens.ana!, done.id, { type: "comment", text: "顾客又来电，已另开工单" })).status).toBe(200);
  });

  it("unassigning an in-progress ticket puts it back to open", async () => {
    const t = await thread(shop);
    const mine = (await createTicket(shop.tokens.ana!, { threadId: t.threadId, title: "退货", category: "return", assigneeId: shop.staffId("ana"), notifyCustomer: false })).body.ticket;
    const left = await actOn(shop.tokens.ana!, mine.id, { type: "assign", assigneeId: null });
    expect(left.body.ticket).toMatchObject({ status: "open", assignee: null });
    expect(left.body.events.slice(1).map((e) => [e.kind, e.from, e.to, e.fromName ?? null])).toEqual([["assign", shop.staffId("ana"), null, "客服ana"], ["status", "in_progress", "open", null]]);
  });
});

describe("tenancy", () => {
  it("shows a shop's tickets to its staff and platform staff only; to others they do not exist", async () => {
    const [shop, other] = await Promise.all([newShop(), newShop()]);
    const t = await thread(shop);
    const mine = (await createTicket(shop.tokens.ana!, { threadId: t.threadId, title: "本店工单", category: "other", notifyCustomer: false })).body.ticket;
    const theirs = (await createTicket(other.tokens.ana!, { threadId: (await thread(other)).threadId, title: "别家工单", category: "other", notifyCustomer: false })).body.ticket;
    const stranger = other.tokens.ana!;

    expect((await ticketList(stranger, `shop=${shop.shopId}`)).status).toBe(403);
    expect((await ticketList(stranger)).body.tickets.map((x) => x.id)).toEqual([theirs.id]);
    const hidden = await ticketDetail(stranger, mine.id);
    expect([hidden.status, hidden.body.error?.code]).toEqual([404, "not_found"]);
    expect((await actOn(stranger, mine.id, { type: "comment", text: "看看" })).status).toBe(404);
    expect((await actOn(stranger, mine.id, { type: "status", status: "closed" })).status).toBe(404);
    expect((await ticketDetail(shop.tokens.ana!, mine.id)).body.events).toHaveLength(1);

    const shopper = await shopperToken(t.customer);
    expect((await ticketList(shopper)).status).toBe(403);
    expect((await ticketDetail(shopper, mine.id)).status).toBe(403);

    // Platform staff: one shop, or every shop.
    expect((await ticketList(platform.token, `shop=${shop.shopId}`)).body.tickets.map((x) => x.id)).toEqual([mine.id]);
    const all = (await ticketList(platform.token, "status=all")).body.tickets.map((x) => x.id);
    expect(all).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await ticketDetail(platform.token, theirs.id)).status).toBe(200);
    expect((await actOn(platform.token, theirs.id, { type: "comment", text: "平台已关注" })).status).toBe(200);
  });
});
