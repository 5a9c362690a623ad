/**
 * 工单 past their due time, through the real Worker's cron and D1: each active ticket whose due
 * time passed is logged `overdue` by the system once per due time (a priority change that moves it
 * is logged again when the new one passes), resolved ones and those not yet due are not, nor ones
 * that fell due longer ago than the lookback; the shopper never sees the entry. Lists and the
 * detail carry each ticket's newest log entry, and who made it, which is what the console's badge
 * reads to tell an agent of a ticket reopened by its shopper.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { OVERDUE_LOOKBACK_MS, TICKET_SLA_MS } from "../../core/domain/tickets";
import type { ShopperTicket, Ticket } from "../../core/protocol/tickets";
import worker from "../../worker/index";
import { tickets } from "../../worker/db/schema";
import { api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { makeShop, type TestShop } from "../helpers/queue-fixture";
import { actOn, createTicket, db, storedEvents, ticketDetail, ticketList } from "../helpers/tickets";

const HOUR = 3_600_000;
const runCron = (at: number) => worker.scheduled(createScheduledController({ scheduledTime: at, cron: "*/10 * * * *" }), env);
const overdueEvents = async (id: string) => (await storedEvents(id)).filter((e) => e.kind === "overdue");

let shop: TestShop;
let other: TestShop;
beforeAll(async () => {
  await seedFixture();
  [shop, other] = await Promise.all([
    makeShop([{ key: "aftersales" }], [{ handle: "ana", groups: ["aftersales"] }]),
    makeShop([{ key: "aftersales" }], [{ handle: "cy", groups: ["aftersales"] }]),
  ]);
});

async function ticketOf(s: TestShop, handle: string, threadId: string, priority: string, extra: Record<string, unknown> = {}): Promise<Ticket> {
  const res = await createTicket(s.tokens[handle]!, { threadId, title: `${priority} 工单`, category: "refund", priority, assigneeId: s.staffId(handle), ...extra });
  expect(res.status).toBe(201);
  return res.body.ticket;
}

describe("the overdue log", () => {
  it("logs each active ticket whose due time passed once, by the system, and nothing else", async () => {
    const threadId = `${shop.shopId}:${uniqueCustomer()}`;
    const urgent = await ticketOf(shop, "ana", threadId, "urgent");
    const high = await ticketOf(shop, "ana", threadId, "high");
    const resolved = await ticketOf(shop, "ana", threadId, "urgent");
    await actOn(shop.tokens.ana!, resolved.id, { type: "status", status: "resolved" });
    const pending = await ticketOf(shop, "ana", threadId, "urgent");
    await actOn(shop.tokens.ana!, pending.id, { type: "status", status: "pending" });
    const elsewhere = await ticketOf(other, "cy", `${other.shopId}:${uniqueCustomer()}`, "urgent");
    const updatedBefore = (await db.select().from(tickets).where(eq(tickets.id, urgent.id)).get())!.updatedAt;

    // Five hours on: the urgent ones (4 h) fell due, the high one (24 h) has not.
    const at = urgent.createdAt + TICKET_SLA_MS.urgent + HOUR;
    await runCron(at);
    for (const t of [urgent, pending, elsewhere]) {
      expect(await overdueEvents(t.id), t.title).toEqual([
        expect.objectContaining({ kind: "overdue", at, actorId: "system", actorName: "系统", shopId: t.shopId, text: null, fromValue: null, toValue: String(t.dueAt) }),
      ]);
    }
    expect(await overdueEvents(high.id)).toEqual([]);
    expect(await overdueEvents(resolved.id)).toEqual([]);
    // Nobody changed the ticket: a change read before the run still applies.
    expect((await db.select().from(tickets).where(eq(tickets.id, urgent.id)).get())!.updatedAt).toBe(updatedBefore);

    // Staff read it in the log, as the newest entry; another run adds nothing. (The cron ran five
    // hours ahead of this request's clock, so the ticket itself is not overdue yet as read here.)
    const detail = (await ticketDetail(shop.tokens.ana!, urgent.id)).body;
    expect(detail.ticket.latest).toEqual({ kind: "overdue", at, actorId: "system", by: "system" });
    expect(detail.events.at(-1)).toMatchObject({ kind: "overdue", actor: { id: "system", name: "系统" }, to: String(urgent.dueAt) });
    await runCron(at + 10 * 60_000);
    for (const t of [urgent, pending, elsewhere]) expect(await overdueEvents(t.id)).toHaveLength(1);

    // A day after its due time the high one is logged too; the urgent ones still once.
    await runCron(high.dueAt + 1);
    expect(await overdueEvents(high.id)).toHaveLength(1);
    expect(await overdueEvents(urgent.id)).toHaveLength(1);
  });

  it("logs a ticket again when a priority change gave it a new due time that passed too", async () => {
    const t = await ticketOf(shop, "ana", `${shop.shopId}:${uniqueCustomer()}`, "urgent");
    await runCron(t.dueAt + 1);
    // Lowered to high, it is due 24 h after creation: not overdue now, overdue after.
    const lowered = (await actOn(shop.tokens.ana!, t.id, { type: "priority", priority: "high" })).body.ticket;
    expect(lowered.dueAt).toBe(t.createdAt + TICKET_SLA_MS.high);
    await runCron(t.dueAt + 2 * HOUR);
    expect(await overdueEvents(t.id)).toHaveLength(1);
    await runCron(lowered.dueAt + 1);
    expect((await overdueEvents(t.id)).map((e) => e.toValue)).toEqual([String(t.dueAt), String(lowered.dueAt)]);
  });

  it("leaves tickets that fell due before the lookback, which were late before anyone could be told", async () => {
    const t = await ticketOf(shop, "ana", `${shop.shopId}:${uniqueCustomer()}`, "urgent");
    await runCron(t.dueAt + OVERDUE_LOOKBACK_MS + 1);
    expect(await overdueEvents(t.id)).toEqual([]);
  });

  it("never shows the entry to the shopper", async () => {
    const customer = uniqueCustomer();
    const threadId = `${shop.shopId}:${customer}`;
    const t = await ticketOf(shop, "ana", threadId, "urgent");
    await runCron(t.dueAt + 1);
    expect(await overdueEvents(t.id)).toHaveLength(1);
    const res = await api(`/api/threads/${encodeURIComponent(threadId)}/tickets`, { token: await shopperToken(customer) });
    const mine = ((await res.json()) as { tickets: ShopperTicket[] }).tickets.find((x) => x.id === t.id)!;
    expect(mine.timeline.map((e) => e.kind)).toEqual(["created"]);
  });
});

describe("a ticket's newest log entry", () => {
  it("names who made it: staff, the shopper reopening it, or the system", async () => {
    const customer = uniqueCustomer();
    const threadId = `${shop.shopId}:${customer}`;
    const t = await ticketOf(shop, "ana", threadId, "normal");
    expect(t.latest).toMatchObject({ kind: "created", actorId: shop.staffId("ana"), by: "staff" });
    await actOn(shop.tokens.ana!, t.id, { type: "status", status: "resolved", note: "已补发", notifyCustomer: true });
    const answered = await api(`/api/threads/${encodeURIComponent(threadId)}/tickets/${t.id}/answer`, {
      method: "POST", token: await shopperToken(customer), headers: { "content-type": "application/json" }, body: JSON.stringify({ answer: "unsolved", reason: "还没收到" }),
    });
    expect(answered.status).toBe(200);
    // Back in its assignee's list, the newest entry is the shopper's: the badge tells "reopened", not "assigned".
    const mine = (await ticketList(shop.tokens.ana!, "assignee=me")).body.tickets.find((x) => x.id === t.id)!;
    expect(mine.latest).toMatchObject({ kind: "status", actorId: customer, by: "customer" });
    expect(mine.status).toBe("open");
  });
});
