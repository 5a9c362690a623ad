/**
 * The shopper's answer to a resolved ticket (`POST /api/threads/:threadId/tickets/:id/answer`)
 * and the cron's auto-close, through the real Worker and D1: solved closes it, not solved reopens
 * it with their reason (staff read the customer as the actor), only within 7 days, only the
 * thread's shopper and only a ticket they were told of; a refusal changes nothing. The cron
 * closes resolved tickets older than the window, logged by the system, and nothing else.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { TICKET_ANSWER_WINDOW_MS } from "../../core/domain/tickets";
import type { ShopperTicket } from "../../core/protocol/tickets";
import worker from "../../worker/index";
import { customers, tickets } from "../../worker/db/schema";
import { api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { makeShop, type TestShop } from "../helpers/queue-fixture";
import { actOn, createTicket, db, fieldsOf, storedEvents, ticketDetail, ticketList } from "../helpers/tickets";

const DAY = 86_400_000;

beforeAll(async () => {
  await seedFixture();
});

const newShop = () => makeShop([{ key: "aftersales" }], [{ handle: "ana", groups: ["aftersales"] }]);

async function answer(token: string, threadId: string, id: string, body: unknown) {
  const res = await api(`/api/threads/${encodeURIComponent(threadId)}/tickets/${id}/answer`, { method: "POST", token, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { ticket: ShopperTicket; error?: { code: string; message: string; details?: { field: string }[] } } };
}

/** A ticket of the thread, resolved with a note the shopper is told (so it is in their 我的工单). */
async function resolvedTicket(shop: TestShop, threadId: string, extra: Record<string, unknown> = {}) {
  const t = (await createTicket(shop.tokens.ana!, { threadId, title: "退款未到账", category: "refund", assigneeId: shop.staffId("ana"), ...extra })).body.ticket;
  expect((await actOn(shop.tokens.ana!, t.id, { type: "status", status: "resolved", note: "退款已原路退回" })).status).toBe(200);
  return t;
}

const row = (id: string) => db.select().from(tickets).where(eq(tickets.id, id)).get();

/** Moves a ticket's resolution (and last change) into the past, as if days had gone by. */
async function resolvedDaysAgo(id: string, days: number) {
  const at = Date.now() - days * DAY;
  await db.update(tickets).set({ resolvedAt: at, updatedAt: at }).where(eq(tickets.id, id)).run();
}

describe("the shopper's answer to a resolution", () => {
  let shop: TestShop;
  let other: TestShop;
  const customer = uniqueCustomer();
  let threadId: string;
  let token: string;

  beforeAll(async () => {
    [shop, other] = await Promise.all([newShop(), newShop()]);
    threadId = `${shop.shopId}:${customer}`;
    token = await shopperToken(customer);
    const now = Date.now();
    await db.insert(customers).values({ id: customer, name: "周晓雨", createdAt: now, updatedAt: now }).run();
  });

  it("closes the ticket when the shopper confirms it is solved", async () => {
    const t = await resolvedTicket(shop, threadId);
    const before = await row(t.id);
    const res = await answer(token, threadId, t.id, { answer: "solved", reason: "not kept with solved" });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ id: t.id, status: "closed", resolvedAt: before!.resolvedAt });
    expect(res.body.ticket.closedAt).toBeGreaterThan(0);
    expect(res.body.ticket.timeline.at(-1)).toEqual({ kind: "answer", at: res.body.ticket.closedAt, answer: "solved", reason: null });
    const log = (await ticketDetail(shop.tokens.ana!, t.id)).body.events.at(-1)!;
    expect(log).toMatchObject({ kind: "status", from: "resolved", to: "closed", actor: { id: customer, name: "周晓雨" }, text: null });
  });

  it("reopens it with the shopper's reason: staff see the customer and the reason, the due time stays", async () => {
    const t = await resolvedTicket(shop, threadId);
    const before = await row(t.id);
    const res = await answer(token, threadId, t.id, { answer: "unsolved", reason: "  退款还是没有到账  " });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: "open", resolvedAt: null, closedAt: null });
    expect(res.body.ticket.timeline.at(-1)).toMatchObject({ kind: "answer", answer: "unsolved", reason: "退款还是没有到账" });
    const { body } = await ticketDetail(shop.tokens.ana!, t.id);
    expect(body.ticket).toMatchObject({ status: "open", dueAt: before!.dueAt, resolvedAt: null, assignee: { id: shop.staffId("ana") } });
    expect(body.events.at(-1)).toMatchObject({ kind: "status", from: "resolved", to: "open", actor: { id: customer, name: "周晓雨" }, text: "退款还是没有到账" });
    // Back among the active ones (待处理), and in its assignee's list.
    const mine = (await ticketList(shop.tokens.ana!, "assignee=me")).body;
    expect(mine.tickets.map((x) => x.id)).toContain(t.id);
    // The shopper's list shows their own words; a staff status note would never be there.
    const seen = await api(`/api/threads/${encodeURIComponent(threadId)}/tickets`, { token });
    const listed = ((await seen.json()) as { tickets: ShopperTicket[] }).tickets.find((x) => x.id === t.id)!;
    expect(listed.timeline.at(-1)).toMatchObject({ kind: "answer", answer: "unsolved", reason: "退款还是没有到账" });
  });

  it("names the shopper by their id when the mall never sent their name", async () => {
    const stranger = uniqueCustomer();
    const th = `${shop.shopId}:${stranger}`;
    const t = await resolvedTicket(shop, th);
    expect((await answer(await shopperToken(stranger), th, t.id, { answer: "unsolved" })).status).toBe(200);
    expect((await ticketDetail(shop.tokens.ana!, t.id)).body.events.at(-1)).toMatchObject({ actor: { id: stranger, name: stranger }, text: null });
  });

  it("refuses after 7 days, a ticket not resolved, and a second answer, changing nothing", async () => {
    const late = await resolvedTicket(shop, threadId);
    await resolvedDaysAgo(late.id, 8);
    const active = (await createTicket(shop.tokens.ana!, { threadId, title: "快递未到", category: "logistics" })).body.ticket;
    const answered = await resolvedTicket(shop, threadId);
    expect((await answer(token, threadId, answered.id, { answer: "solved" })).status).toBe(200);
    for (const id of [late.id, active.id, answered.id]) {
      const [rowBefore, eventsBefore] = [await row(id), await storedEvents(id)];
      const res = await answer(token, threadId, id, { answer: "unsolved", reason: "还没好" });
      expect([res.status, res.body.error?.code, fieldsOf(res)]).toEqual([409, "conflict", ["answer"]]);
      expect(await row(id)).toEqual(rowBefore);
      expect(await storedEvents(id)).toEqual(eventsBefore);
    }
    expect((await answer(token, threadId, late.id, { answer: "solved" })).body.error?.message).toContain("the time to answer this resolution has passed");
  });

  it("refuses staff, another shopper, another thread's ticket and one the shopper was never told of", async () => {
    const t = await resolvedTicket(shop, threadId);
    const quiet = (await createTicket(shop.tokens.ana!, { threadId, title: "内部跟进", category: "other", notifyCustomer: false })).body.ticket;
    await actOn(shop.tokens.ana!, quiet.id, { type: "status", status: "resolved", notifyCustomer: false });
    const elsewhere = await resolvedTicket(other, `${other.shopId}:${customer}`);
    const [before, eventsBefore] = [await row(t.id), await storedEvents(t.id)];
    const refusals: [string, string, string, number, string][] = [
      [shop.tokens.ana!, threadId, t.id, 403, "forbidden"],
      [await shopperToken(uniqueCustomer()), threadId, t.id, 403, "forbidden"],
      [token, threadId, elsewhere.id, 404, "not_found"],
      [token, threadId, quiet.id, 404, "not_found"],
    ];
    for (const [who, th, id, status, code] of refusals) {
      const res = await answer(who, th, id, { answer: "solved" });
      expect([res.status, res.body.error?.code], id).toEqual([status, code]);
    }
    expect((await row(quiet.id))?.status).toBe("resolved");
    expect(await row(t.id)).toEqual(before);
    expect(await storedEvents(t.id)).toEqual(eventsBefore);
    expect((await answer(token, threadId, t.id, { answer: "perhaps" })).status).toBe(400);
    expect(fieldsOf((await answer(token, threadId, t.id, { answer: "unsolved", reason: "x".repeat(501) })))).toEqual(["reason"]);
  });
});

describe("auto-close of resolutions nobody answered", () => {
  it("closes resolved tickets older than the answer window with a system event, once", async () => {
    const shop = await newShop();
    const threadId = `${shop.shopId}:${uniqueCustomer()}`;
    const old = await resolvedTicket(shop, threadId);
    const recent = await resolvedTicket(shop, threadId);
    const reopened = await resolvedTicket(shop, threadId);
    await actOn(shop.tokens.ana!, reopened.id, { type: "status", status: "open" });
    const active = (await createTicket(shop.tokens.ana!, { threadId, title: "很久以前的工单", category: "other" })).body.ticket;
    await resolvedDaysAgo(old.id, 8);
    await resolvedDaysAgo(recent.id, 6);
    await db.update(tickets).set({ createdAt: Date.now() - 30 * DAY, updatedAt: Date.now() - 30 * DAY }).where(eq(tickets.id, active.id)).run();
    const oldRow = (await row(old.id))!;
    const now = Date.now();

    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "*/10 * * * *" }), env);

    expect(await row(old.id)).toMatchObject({ status: "closed", closedAt: now, resolvedAt: oldRow.resolvedAt });
    expect((await row(old.id))!.updatedAt).toBeGreaterThan(oldRow.updatedAt);
    const log = (await ticketDetail(shop.tokens.ana!, old.id)).body.events.at(-1)!;
    expect(log).toMatchObject({ kind: "status", from: "resolved", to: "closed", actor: { id: "system", name: "系统" }, text: null, at: now });
    for (const [t, status] of [[recent, "resolved"], [reopened, "open"], [active, "open"]] as const) expect((await row(t.id))?.status, t.title).toBe(status);
    // Past the window the shopper could not answer it anyway; a second run changes nothing.
    const events = await storedEvents(old.id);
    await worker.scheduled(createScheduledController({ scheduledTime: now + 60_000, cron: "*/10 * * * *" }), env);
    expect(await storedEvents(old.id)).toEqual(events);
    expect((await row(recent.id))?.status).toBe("resolved");
    expect(TICKET_ANSWER_WINDOW_MS).toBe(7 * DAY);
  });
});
