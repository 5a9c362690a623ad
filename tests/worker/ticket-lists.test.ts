/**
 * 工单 lists: status views, filters, search, counts, overdue by due time, paging, and the
 * customer's tickets in the chat's context panel.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ThreadContext } from "../../core/protocol/context";
import type { Ticket } from "../../core/protocol/tickets";
import { customers, tickets } from "../../worker/db/schema";
import { api, seedFixture, uniqueCustomer } from "../helpers/fixtures";
import { makeShop, type TestShop } from "../helpers/queue-fixture";
import { actOn, createTicket, db, fieldsOf, ticketList } from "../helpers/tickets";

const HOUR = 3_600_000;
let shop: TestShop;
/** The shop's tickets by title. */
const t: Record<string, Ticket> = {};
let vipThread: string;
let vip: string;

beforeAll(async () => {
  await seedFixture();
  shop = await makeShop([{ key: "logistics" }, { key: "aftersales" }], [{ handle: "ana", groups: ["logistics"] }, { handle: "bo", groups: ["aftersales"] }]);
  vip = uniqueCustomer("vip");
  vipThread = `${shop.shopId}:${vip}`;
  const otherThread = `${shop.shopId}:${uniqueCustomer()}`;
  const now = Date.now();
  await db.insert(customers).values({ id: vip, name: "赵敏", level: "vip", tags: [], locale: "zh-CN", createdAt: now, updatedAt: now }).run();
  const open = async (title: string, fields: Record<string, unknown> = {}) => {
    const res = await createTicket(shop.tokens.ana!, { threadId: vipThread, title, category: "other", notifyCustomer: false, ...fields });
    expect(res.status, title).toBe(201);
    t[title] = res.body.ticket;
  };
  await open("A 退款 100%到账?", { category: "refund", department: "aftersales", priority: "high" });
  await open("B 物流_未更新", { category: "logistics", department: "logistics", assigneeId: shop.staffId("ana") });
  await open("C 等顾客回复", { assigneeId: shop.staffId("bo"), description: "需要顾客补充照片" });
  await open("D 已解决", { priority: "low" });
  await open("E 已关闭", { threadId: otherThread });
  await open("F 过期未处理", { threadId: otherThread, priority: "urgent", department: "logistics" });
  await actOn(shop.tokens.bo!, t["C 等顾客回复"]!.id, { type: "status", status: "pending" });
  await actOn(shop.tokens.ana!, t["D 已解决"]!.id, { type: "status", status: "resolved" });
  await actOn(shop.tokens.ana!, t["E 已关闭"]!.id, { type: "status", status: "closed" });
  // F fell due an hour ago (urgent tickets are due 4 hours after opening).
  await db.update(tickets).set({ dueAt: now - HOUR }).where(eq(tickets.id, t["F 过期未处理"]!.id)).run();
});

const titles = async (query: string) => {
  const res = await ticketList(shop.tokens.ana!, query);
  expect(res.status, query).toBe(200);
  return res.body.tickets.map((x) => x.title);
};

describe("ticket lists", () => {
  it("shows the active ones most urgent first, with counts per status and overdue", async () => {
    const res = await ticketList(shop.tokens.ana!);
    expect(res.body.tickets.map((x) => x.title)).toEqual(["F 过期未处理", "A 退款 100%到账?", "B 物流_未更新", "C 等顾客回复"]);
    expect(res.body.tickets[0]).toMatchObject({ overdue: true, department: { key: "logistics" }, customer: { name: expect.any(String), level: "normal" } });
    expect(res.body.tickets[1]).toMatchObject({ overdue: false, customer: { id: vip, name: "赵敏", level: "vip" } });
    expect(res.body.counts).toEqual({ open: 2, in_progress: 1, pending: 1, resolved: 1, closed: 1, overdue: 1 });
  });

  it("has a view per status, the finished ones most recently changed first", async () => {
    expect(await titles("status=open")).toEqual(["F 过期未处理", "A 退款 100%到账?"]);
    expect(await titles("status=pending")).toEqual(["C 等顾客回复"]);
    expect(await titles("status=resolved")).toEqual(["D 已解决"]);
    expect(await titles("status=all")).toEqual(["E 已关闭", "D 已解决", "C 等顾客回复", "F 过期未处理", "B 物流_未更新", "A 退款 100%到账?"]);
  });

  it("filters by assignee, department, overdue and customer, counting under the same filters", async () => {
    expect(await titles("assignee=me")).toEqual(["B 物流_未更新"]);
    expect(await titles(`assignee=${shop.staffId("bo")}`)).toEqual(["C 等顾客回复"]);
    expect(await titles("assignee=none&status=all")).toEqual(["E 已关闭", "D 已解决", "F 过期未处理", "A 退款 100%到账?"]);
    expect(await titles("department=logistics")).toEqual(["F 过期未处理", "B 物流_未更新"]);
    expect(await titles("overdue=true&status=all")).toEqual(["F 过期未处理"]);
    expect(await titles(`customer=${vip}&status=all`)).toEqual(["D 已解决", "C 等顾客回复", "B 物流_未更新", "A 退款 100%到账?"]);
    const counted = await ticketList(shop.tokens.ana!, "department=logistics&status=resolved");
    expect(counted.body).toMatchObject({ tickets: [], counts: { open: 1, in_progress: 1, pending: 0, resolved: 0, closed: 0, overdue: 1 } });
  });

  it("finds a ticket by its number, or by words of its title or description, taking % and _ literally", async () => {
    expect(await titles(`q=${encodeURIComponent(`#${t["C 等顾客回复"]!.number}`)}&status=all`)).toEqual(["C 等顾客回复"]);
    expect(await titles(`q=${t["B 物流_未更新"]!.number}&status=all`)).toEqual(["B 物流_未更新"]);
    expect(await titles(`q=${encodeURIComponent("补充照片")}`)).toEqual(["C 等顾客回复"]);
    expect(await titles(`q=${encodeURIComponent("100%")}`)).toEqual(["A 退款 100%到账?"]);
    expect(await titles(`q=${encodeURIComponent("%")}`)).toEqual(["A 退款 100%到账?"]);
    expect(await titles(`q=${encodeURIComponent("_")}`)).toEqual(["B 物流_未更新"]);
    expect(await titles("q=999")).toEqual([]);
  });

  it("refuses bad queries naming the field", async () => {
    for (const [query, field] of [["status=done", "status"], ["overdue=yes", "overdue"], ["department=Bad!", "department"], ["cursor=garbage", "cursor"], ["shop=BAD", "shop"]] as const) {
      const res = await ticketList(shop.tokens.ana!, query);
      expect([res.status, fieldsOf(res)], query).toEqual([400, [field]]);
    }
  });
});

describe("paging", () => {
  it("pages 50 at a time with an opaque cursor, without repeats or gaps, in either order", async () => {
    const many = await makeShop([{ key: "logistics" }], [{ handle: "ana", groups: ["logistics"] }]);
    const now = Date.now();
    const rows = Array.from({ length: 57 }, (_, i) => ({
      id: `tkt_${many.shopId}x${String(i).padStart(3, "0")}`.replace(/[^A-Za-z0-9_]/g, ""), shopId: many.shopId, number: i + 1, threadId: `${many.shopId}:c${i % 3}`, customerId: `c${i % 3}`,
      title: `工单 ${i + 1}`, category: "other", priority: "normal", status: i % 2 ? "open" : "resolved", createdBy: "x", createdByName: "x",
      // Every due time and update time shared by a few tickets: the order falls back on the number.
      createdAt: now, updatedAt: now + (i % 5), dueAt: now + (i % 4) * HOUR,
    }));
    // One row a statement: D1 binds at most 100 values a statement.
    const [head, ...rest] = rows.map((r) => db.insert(tickets).values(r));
    await db.batch([head!, ...rest]);
    const walk = async (status: string) => {
      const seen: Ticket[] = [];
      let cursor: string | null = null;
      do {
        const page = await ticketList(many.tokens.ana!, `status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expect(page.status).toBe(200);
        expect(page.body.tickets.length).toBeLessThanOrEqual(50);
        seen.push(...page.body.tickets);
        cursor = page.body.next;
      } while (cursor);
      return seen;
    };
    const all = await walk("all");
    expect(all).toHaveLength(57);
    expect(new Set(all.map((x) => x.id)).size).toBe(57);
    const byUpdate = [...all].sort((a, b) => b.updatedAt - a.updatedAt || b.number - a.number);
    expect(all.map((x) => x.id)).toEqual(byUpdate.map((x) => x.id));
    const first = await ticketList(many.tokens.ana!, "status=all");
    expect(first.body.next).not.toBeNull();
    // A cursor of one order is refused by the other.
    expect((await ticketList(many.tokens.ana!, `status=open&cursor=${encodeURIComponent(first.body.next!)}`)).status).toBe(400);

    const active = await walk("active");
    expect(active.map((x) => x.number)).toEqual(rows.filter((r) => r.status === "open").sort((a, b) => a.dueAt - b.dueAt || a.number - b.number).map((r) => r.number));
  });
});

describe("the context panel", () => {
  it("lists the customer's tickets in the shop, active first then newest", async () => {
    const res = await api(`/api/context?thread=${vipThread}`, { token: shop.tokens.ana! });
    expect(res.status).toBe(200);
    const ctx = (await res.json()) as ThreadContext;
    expect(ctx.complaints.tickets.map((x) => x.title)).toEqual(["C 等顾客回复", "B 物流_未更新", "A 退款 100%到账?", "D 已解决"]);
    const a = t["A 退款 100%到账?"]!;
    expect(ctx.complaints.tickets[2]).toEqual({ id: a.id, number: a.number, shopId: shop.shopId, title: a.title, category: "refund", status: "open", priority: "high", createdAt: a.createdAt, dueAt: a.dueAt, overdue: false });
  });
});
