/**
 * 我的工单: a thread's tickets as its shopper sees them (`GET /api/threads/:threadId/tickets`),
 * through the real Worker and D1. The shopper sees the number, title, status and the replies and
 * status changes they were told of; never internal notes, who worked on it, departments,
 * priorities or notes that were not sent to them. Only the thread's shopper and its staff may look.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ShopperTicket, ShopperTicketList } from "../../core/protocol/tickets";
import { api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { makeShop, platformAdminToken, type TestShop } from "../helpers/queue-fixture";
import { actOn, createTicket, ticketDetail } from "../helpers/tickets";

let platform: { id: string; token: string };
beforeAll(async () => {
  await seedFixture();
  platform = await platformAdminToken();
});

const newShop = () => makeShop([{ key: "logistics" }, { key: "aftersales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "ana", groups: ["logistics"] }, { handle: "bo", groups: ["aftersales"] }]);

async function shopperView(token: string | undefined, threadId: string) {
  const res = await api(`/api/threads/${encodeURIComponent(threadId)}/tickets`, token ? { token } : {});
  return { status: res.status, body: (await res.json()) as ShopperTicketList & { error?: { code: string } } };
}

/** Everything staff wrote or decided that the shopper must never read. */
const SECRETS = ["内部备注：顾客情绪激动", "仓库说是人为损坏", "等快递回复（内部）", "交给售后复核", "未告知的处理结果", "关闭说明：重复工单", "描述里的内部判断"];

describe("我的工单 (the shopper's view of their tickets)", () => {
  let shop: TestShop;
  let other: TestShop;
  const customer = uniqueCustomer();
  let threadId: string;
  let told: ShopperTicket;
  let quiet: ShopperTicket;
  let hiddenId: string;
  let seenTitles: string[];

  beforeAll(async () => {
    [shop, other] = await Promise.all([newShop(), newShop()]);
    threadId = `${shop.shopId}:${customer}`;
    const bo = shop.staffId("bo");
    // Told at each step: a reply, a pending status (its note internal), a hand-over, a priority, a resolution with a note they read.
    const a = (await createTicket(shop.tokens.ana!, { threadId, title: "快递三天没动", description: "描述里的内部判断", category: "logistics", priority: "high", department: "logistics", assigneeId: shop.staffId("ana") })).body.ticket;
    await actOn(shop.tokens.ana!, a.id, { type: "comment", text: "内部备注：顾客情绪激动" });
    await actOn(shop.tokens.ana!, a.id, { type: "comment", text: "亲，已帮您催促快递", toCustomer: true });
    await actOn(shop.tokens.ana!, a.id, { type: "status", status: "pending", note: "等快递回复（内部）" });
    await actOn(shop.tokens.boss!, a.id, { type: "department", department: "aftersales", note: "交给售后复核" });
    await actOn(shop.tokens.bo!, a.id, { type: "priority", priority: "urgent" });
    await actOn(shop.tokens.bo!, a.id, { type: "assign", assigneeId: bo });
    await actOn(shop.tokens.bo!, a.id, { type: "comment", text: "仓库说是人为损坏" });
    await actOn(shop.tokens.bo!, a.id, { type: "status", status: "resolved", note: "已补发，单号 SF123" });
    // Never told: opened quietly, resolved with a note not sent, closed with a staff-only note; not listed at all.
    const b = (await createTicket(shop.tokens.ana!, { threadId, title: "内部跟进：疑似职业退货", category: "other", notifyCustomer: false })).body.ticket;
    hiddenId = b.id;
    await actOn(shop.tokens.ana!, b.id, { type: "status", status: "resolved", note: "未告知的处理结果", notifyCustomer: false });
    await actOn(shop.tokens.ana!, b.id, { type: "status", status: "closed", note: "关闭说明：重复工单" });
    // Opened quietly, then told by a reply: listed from then on.
    const c = (await createTicket(shop.tokens.ana!, { threadId, title: "补开发票", category: "invoice", notifyCustomer: false })).body.ticket;
    expect((await shopperView(await shopperToken(customer), threadId)).body.tickets.map((t) => t.title)).toEqual(["快递三天没动"]);
    await actOn(shop.tokens.ana!, c.id, { type: "status", status: "in_progress", note: "财务处理中" });
    await actOn(shop.tokens.ana!, c.id, { type: "comment", text: "发票已开具，请查收邮箱", toCustomer: true });
    const seen = await shopperView(await shopperToken(customer), threadId);
    expect(seen.status).toBe(200);
    seenTitles = seen.body.tickets.map((t) => t.title);
    [quiet, told] = seen.body.tickets as [ShopperTicket, ShopperTicket];
  });

  it("lists the thread's tickets newest first, with the replies and status changes the shopper was told of", async () => {
    expect(seenTitles).toEqual(["补开发票", "快递三天没动"]);
    expect(quiet).toMatchObject({ number: 3, title: "补开发票", category: "invoice", status: "in_progress", orderId: null, resolvedAt: null });
    expect(told).toMatchObject({ number: 1, title: "快递三天没动", category: "logistics", status: "resolved", closedAt: null });
    expect(told.timeline.map((e) => [e.kind, "status" in e ? e.status : "text" in e ? e.text : null])).toEqual([
      ["created", null],
      ["reply", "亲，已帮您催促快递"],
      ["status", "pending"],
      ["status", "resolved"],
      ["reply", "已补发，单号 SF123"],
    ]);
    expect(quiet.timeline.map((e) => [e.kind, "status" in e ? e.status : "text" in e ? e.text : null])).toEqual([["created", null], ["status", "in_progress"], ["reply", "发票已开具，请查收邮箱"]]);
    expect(told.resolvedAt).toBe(told.timeline[3]!.at);
    expect(told.updatedAt).toBe(told.timeline.at(-1)!.at);
    for (const t of [told, quiet]) {
      expect(Object.keys(t).sort()).toEqual(["category", "closedAt", "createdAt", "id", "number", "orderId", "resolvedAt", "status", "timeline", "title", "updatedAt"]);
      for (const e of t.timeline) expect(Object.keys(e).sort()).toEqual(e.kind === "created" ? ["at", "kind"] : e.kind === "reply" ? ["at", "kind", "text"] : ["at", "kind", "status"]);
    }
  });

  it("never shows internal notes, staff, assignees, departments, priorities or notes not sent", async () => {
    const text = JSON.stringify([told, quiet]);
    for (const secret of [...SECRETS, "内部跟进：疑似职业退货", "财务处理中"]) expect(text).not.toContain(secret);
    for (const word of ["客服", shop.staffId("ana"), shop.staffId("bo"), "aftersales", "urgent", "high", "priority", "assignee", "department", "description", "actor", "dueAt", "overdue"]) {
      expect(text).not.toContain(word);
    }
  });

  it("records a told resolution note in the staff log as a reply, and keeps other notes internal", async () => {
    const { body } = await ticketDetail(shop.tokens.bo!, told.id);
    expect(body.events.slice(-2).map((e) => [e.kind, e.from, e.to, e.text])).toEqual([["status", "pending", "resolved", null], ["reply", null, null, "已补发，单号 SF123"]]);
    const quietLog = (await ticketDetail(shop.tokens.ana!, hiddenId)).body.events;
    expect(quietLog.filter((e) => e.kind === "status").map((e) => e.text)).toEqual(["未告知的处理结果", "关闭说明：重复工单"]);
  });

  it("answers the thread's shop staff and platform staff with what the shopper sees", async () => {
    for (const token of [shop.tokens.ana!, platform.token]) {
      const seen = await shopperView(token, threadId);
      expect(seen.status).toBe(200);
      expect(seen.body.tickets).toEqual([quiet, told]);
    }
  });

  it("refuses another shopper, another shop's staff and no token; a thread without tickets is empty", async () => {
    const stranger = await shopperView(await shopperToken(uniqueCustomer()), threadId);
    expect([stranger.status, stranger.body.error?.code]).toEqual([403, "forbidden"]);
    const foreignStaff = await shopperView(other.tokens.ana!, threadId);
    expect([foreignStaff.status, foreignStaff.body.error?.code]).toEqual([403, "forbidden"]);
    expect((await shopperView(undefined, threadId)).status).toBe(401);
    // The same shopper with another shop: that thread has none.
    const elsewhere = await shopperView(await shopperToken(customer), `${other.shopId}:${customer}`);
    expect([elsewhere.status, elsewhere.body.tickets]).toEqual([200, []]);
    expect((await shopperView(await shopperToken(customer), "not-a-thread")).status).toBe(400);
  });
});
