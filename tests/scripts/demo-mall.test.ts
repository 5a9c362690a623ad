import { env } from "cloudflare:workers";
import { getTableColumns, type Table } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { BatchItem } from "drizzle-orm/batch";
import { describe, expect, it } from "vitest";
import { CATEGORY_KEYS, ORDER_STATUSES, type OrderStatus } from "../../core/domain/catalog";
import { DEMO_CUSTOMER_ID, DEMO_LOGINS, DEMO_NOW, DEMO_PASSWORD, generateDemoMall, type DemoMall } from "../../scripts/demo-mall/generate";
import { SHIPMENT_STATUSES } from "../../scripts/demo-mall/shipments";
import { DEMO_TABLES, demoMallSql, rowCounts, sqlLiteral } from "../../scripts/demo-mall/sql";
import { HISTORY_DAYS } from "../../scripts/demo-mall/history";
import * as v from "valibot";
import { TranscriptMessage } from "../../core/protocol/demo";

import { DAY, dayStart } from "../../scripts/demo-mall/time";
import { verifyPassword } from "../../worker/lib/password";
import { isOverdue } from "../../core/domain/tickets";
import { qualityTotal } from "../../core/domain/quality";
import type { TicketStatus } from "../../core/protocol/tickets";

const mall = await generateDemoMall();
const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

// Seeding anchors the mall to the real clock: check the stories at awkward hours too.
const NOWS = {
  fixed: DEMO_NOW,
  justAfterMidnight: Date.parse("2027-03-01T00:07:00+08:00"),
  onDoubleEleven: Date.parse("2026-11-11T09:00:00+08:00"),
  lateNight: Date.parse("2026-06-15T23:59:00+08:00"),
};

describe("generateDemoMall", () => {
  it("is deterministic, fast once hashed, and moves only the times with `now`", async () => {
    const started = performance.now();
    expect(await generateDemoMall()).toEqual(mall);
    expect(performance.now() - started).toBeLessThan(1000);
    const later = await generateDemoMall({ now: NOWS.justAfterMidnight });
    const shape = (m: DemoMall) => ({
      orders: m.orders.map((o) => [o.id, o.customerId, o.status, o.items]),
      events: m.shipmentEvents.map((e) => [e.id, e.status]),
      carts: m.carts.map((c) => [c.customerId, c.productId]),
      views: m.browsingEvents.map((b) => b.id),
    });
    expect(shape(later)).toEqual(shape(mall));
    expect(later.orders[0]!.createdAt).not.toBe(mall.orders[0]!.createdAt);
  });

  it("has the advertised amounts", () => {
    const counts = rowCounts(mall);
    expect(counts).toMatchObject({ shops: 5, customers: 500, orders: 1500, browsing_events: 5000 });
    expect(counts.products).toBeGreaterThanOrEqual(180);
    expect(counts.shipment_events).toBeGreaterThan(3000);
    expect(new Set(mall.carts.map((c) => c.customerId)).size).toBe(150);
    expect(mall.customers.map((c) => c.id).slice(0, 2)).toEqual(["c0001", "c0002"]);
    const levels = mall.customers.filter((c) => c.level === "normal").length / 500;
    expect(levels).toBeGreaterThan(0.5);
    expect(levels).toBeLessThan(0.7);
  });

  it("gives every shop its groups and staff, with sane fallbacks", () => {
    const groups = byId(mall.skillGroups);
    const staffById = byId(mall.staff);
    for (const shop of mall.shops) {
      const keys = mall.skillGroups.filter((g) => g.shopId === shop.id).map((g) => g.key);
      expect(keys).toEqual(expect.arrayContaining(["presales", "logistics", "aftersales", "vip"]));
      for (const g of mall.skillGroups.filter((x) => x.shopId === shop.id)) {
        expect(mall.staffGroups.some((m) => m.groupId === g.id), `${g.id} has members`).toBe(true);
        if (g.fallbackGroupId) expect(groups.get(g.fallbackGroupId)?.shopId).toBe(shop.id);
      }
      const vipSeniors = mall.staffGroups.filter((m) => m.groupId === `${shop.id}-vip` && staffById.get(m.staffId)!.seniority === 3);
      expect(vipSeniors.length).toBeGreaterThan(0);
    }
    expect(groups.get("platform-complaints")).toBeDefined();
    expect(groups.get("apparel-vip")!.fallbackGroupId).toBe("apparel-presales");
    for (const agent of mall.staff.filter((s) => s.role.endsWith("agent"))) {
      const memberships = mall.staffGroups.filter((m) => m.staffId === agent.id).length;
      expect(memberships).toBeGreaterThanOrEqual(1);
      expect(memberships).toBeLessThanOrEqual(3);
      expect(agent.capacity).toBeGreaterThanOrEqual(3);
      expect(agent.capacity).toBeLessThanOrEqual(8);
    }
    for (const shop of ["apparel", "electronics", "food", "beauty"]) {
      expect(mall.staff.filter((s) => s.shopId === shop).map((s) => s.id).sort()).toEqual(
        ["admin", "agent1", "agent2", "agent3"].map((h) => `st-${shop}-${h}`),
      );
    }
    expect(DEMO_LOGINS.map((l) => l.email).sort()).toEqual(mall.staff.map((s) => s.email).sort());
  });

  it("sells every category in its own shop", () => {
    expect(new Set(mall.products.map((p) => p.category))).toEqual(new Set(CATEGORY_KEYS));
    for (const p of mall.products) {
      expect(p.category.startsWith(`${p.shopId}/`)).toBe(true);
      expect(Number.isInteger(p.priceCents) && p.priceCents > 0).toBe(true);
    }
  });

  /** How many of created, paid, shipped, delivered each status may have stamped. */
  const STAMPS_BY_STATUS: Record<OrderStatus, number[]> = {
    pending_payment: [1],
    cancelled: [1],
    paid: [2],
    shipped: [3],
    delivered: [4],
    completed: [4],
    // Refunded before shipment (仅退款) or returned after delivery (退货退款).
    refunding: [2, 4],
    refunded: [2, 4],
  };

  it("has orders in every status with consistent times and items", () => {
    expect(new Set(mall.orders.map((o) => o.status))).toEqual(new Set(ORDER_STATUSES));
    const products = byId(mall.products);
    const customers = byId(mall.customers);
    for (const o of mall.orders) {
      // The stamps present are a prefix of the life cycle, strictly increasing, and match the status.
      const stamps = [o.createdAt, o.paidAt, o.shippedAt, o.deliveredAt];
      const reached = stamps.indexOf(null) === -1 ? 4 : stamps.indexOf(null);
      expect(stamps.slice(reached).every((t) => t == null), o.id).toBe(true);
      for (let i = 1; i < reached; i++) expect(stamps[i]!, o.id).toBeGreaterThan(stamps[i - 1]!);
      expect(STAMPS_BY_STATUS[o.status as OrderStatus], o.id).toContain(reached);
      expect(o.updatedAt).toBeGreaterThanOrEqual(stamps[reached - 1]!);
      expect(o.updatedAt).toBeLessThanOrEqual(mall.now);
      expect(o.createdAt).toBeGreaterThan(customers.get(o.customerId)!.createdAt);
      expect(o.totalCents).toBe(o.items.reduce((sum, i) => sum + i.qty * i.priceCents, 0));
      for (const item of o.items) expect(products.get(item.productId)?.shopId).toBe(o.shopId);
    }
  });

  it("tracks exactly the shipped orders, in time order", () => {
    const orders = byId(mall.orders);
    const tracks = new Map<string, DemoMall["shipmentEvents"]>();
    for (const e of mall.shipmentEvents) tracks.set(e.orderId, [...(tracks.get(e.orderId) ?? []), e]);
    for (const o of mall.orders) expect(tracks.has(o.id), o.id).toBe(o.shippedAt != null);
    for (const [orderId, events] of tracks) {
      const order = orders.get(orderId)!;
      expect(events.length).toBeGreaterThanOrEqual(3);
      expect(events.length).toBeLessThanOrEqual(6);
      expect(new Set(events.map((e) => e.trackingNo)).size).toBe(1);
      expect(events[0]!.occurredAt).toBe(order.shippedAt);
      for (let i = 1; i < events.length; i++) expect(events[i]!.occurredAt).toBeGreaterThan(events[i - 1]!.occurredAt);
      expect(events[events.length - 1]!.occurredAt).toBeLessThanOrEqual(mall.now);
      expect(events.every((e) => (SHIPMENT_STATUSES as readonly string[]).includes(e.status))).toBe(true);
      const last = events[events.length - 1]!;
      expect(last.status === "delivered").toBe(order.deliveredAt != null);
      if (order.deliveredAt != null) expect(last.occurredAt).toBe(order.deliveredAt);
    }
  });

  it("gives every selling shop four weeks of past consultations, none today, mostly the bot's, the rest served and some rated", () => {
    const { sessions, now } = mall;
    const today = dayStart(now);
    expect(sessions.every((s) => s.openedAt < today && s.openedAt >= dayStart(now, HISTORY_DAYS))).toBe(true);
    expect(new Set(sessions.map((s) => s.shopId))).toEqual(new Set(["apparel", "electronics", "food", "beauty"]));
    const botOnly = sessions.filter((s) => !s.handedOffAt).length / sessions.length;
    expect(botOnly).toBeGreaterThan(0.6);
    expect(botOnly).toBeLessThan(0.8);
    const staffById = byId(mall.staff);
    for (const s of sessions.filter((x) => x.handedOffAt)) {
      expect(staffById.get(s.agentId!)).toMatchObject({ shopId: s.shopId, role: "shop_agent" });
      expect(s.openedAt < s.handedOffAt! && s.handedOffAt! <= s.assignedAt! && s.assignedAt! < s.firstResponseAt! && s.firstResponseAt! < s.resolvedAt!).toBe(true);
    }
    const rated = sessions.filter((s) => s.rating != null);
    expect(rated.length).toBeGreaterThan(0);
    expect(rated.every((s) => s.handedOffAt && s.ratedAt! > s.resolvedAt! && s.ratingComment == null)).toBe(true);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(sessions.length);
  });

  it("has each shop's admin review every low-rated consultation before yesterday's day before and some others (质检), none of the last two days", () => {
    const { sessions, qualityReviews, now } = mall;
    const held = byId(sessions.map((s) => ({ ...s, id: s.id! })));
    const staffById = byId(mall.staff);
    expect(qualityReviews.length).toBeGreaterThan(50);
    for (const r of qualityReviews) {
      const s = held.get(r.sessionId)!;
      expect(s).toMatchObject({ shopId: r.shopId, threadId: r.threadId, agentId: r.agentId });
      expect(staffById.get(r.reviewerId)).toMatchObject({ shopId: r.shopId, role: "shop_admin" });
      expect(r.total).toBe(qualityTotal(r.scores));
      expect(r.comment.length).toBeGreaterThan(0);
      expect(s.openedAt).toBeLessThan(dayStart(now, 2));
      expect(r.createdAt > s.resolvedAt! && r.createdAt <= now).toBe(true);
    }
    const reviewed = new Set(qualityReviews.map((r) => r.sessionId));
    const lowAndOld = sessions.filter((s) => s.agentId && s.rating != null && s.rating <= 2 && s.openedAt < dayStart(now, 2));
    expect(lowAndOld.length).toBeGreaterThan(0);
    expect(lowAndOld.every((s) => reviewed.has(s.id!))).toBe(true);
    // Some are left for the admin to review.
    expect(sessions.filter((s) => s.agentId && !reviewed.has(s.id!)).length).toBeGreaterThan(qualityReviews.length);
  });

  it("tells what was said in every past consultation, as the room would have stored it, all of it before today", () => {
    const { sessions, transcripts, now } = mall;
    const today = dayStart(now);
    const said = new Map<string, TranscriptMessage[]>();
    for (const t of transcripts) {
      expect(t.messages.every((m, i) => i === 0 || t.messages[i - 1]!.createdAt <= m.createdAt)).toBe(true);
      for (const m of t.messages) {
        expect(v.safeParse(TranscriptMessage, m).success).toBe(true);
        said.set(m.sessionId!, [...(said.get(m.sessionId!) ?? []), m]);
      }
      expect(new Set(t.messages.map((m) => m.clientId)).size).toBe(t.messages.length);
    }
    for (const s of sessions) {
      const messages = said.get(s.id)!;
      expect(transcripts.find((t) => t.threadId === s.threadId)!.messages).toEqual(expect.arrayContaining(messages));
      const of = (role: string) => messages.filter((m) => m.sender.role === role);
      expect([s.customerMessages, s.botMessages, s.agentMessages]).toEqual([of("customer").length, of("bot").length, of("agent").length]);
      expect(messages[0]).toMatchObject({ createdAt: s.openedAt, sender: { role: "customer", id: s.customerId } });
      expect(Math.max(...messages.map((m) => m.createdAt))).toBeLessThan(today);
      const notices = messages.filter((m) => m.kind === "system").map((m) => m.body.notice!.code);
      if (s.handedOffAt) {
        const agentName = mall.staff.find((x) => x.id === s.agentId)!.name;
        expect(messages.find((m) => m.body.notice?.code === "agent.assigned")).toMatchObject({ createdAt: s.assignedAt, body: { notice: { params: { name: agentName } } } });
        expect(of("agent")[0]!.createdAt).toBe(s.firstResponseAt);
        expect(of("agent").every((m) => m.sender.id === s.agentId)).toBe(true);
        expect(notices).toEqual(["bot.handoff", "agent.assigned", "session.resolved", "rating.invited", ...(s.rating != null ? ["rating.rated"] : [])]);
        if (s.rating != null) expect(messages.at(-1)).toMatchObject({ createdAt: s.ratedAt, body: { rating: { score: s.rating } } });
      } else {
        expect(notices).toEqual(["session.closed_idle"]);
        expect(of("bot").length).toBeGreaterThan(0);
      }
      expect(messages.find((m) => m.body.notice?.code?.startsWith("session."))!.createdAt).toBe(s.resolvedAt);
    }
  });

  it("gives the apparel shop a few tickets of every status, one overdue, each with the log that led there", () => {
    const { tickets, ticketEvents, now } = mall;
    expect(tickets.map((t) => [t.shopId, t.number])).toEqual([1, 2, 3, 4, 5].map((n) => ["apparel", n]));
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(["open", "in_progress", "pending", "resolved", "closed"]));
    expect(tickets.filter((t) => isOverdue({ status: t.status as TicketStatus, dueAt: t.dueAt }, now)).map((t) => t.number)).toEqual([1]);
    const staffIds = new Set(mall.staff.map((s) => s.id));
    const customerIds = new Set(mall.customers.map((c) => c.id));
    for (const t of tickets) {
      const log = ticketEvents.filter((e) => e.ticketId === t.id);
      expect(log[0]).toMatchObject({ kind: "created", at: t.createdAt });
      expect(log.map((e) => e.at)).toEqual([...log.map((e) => e.at)].sort((a, b) => a - b));
      expect(log.at(-1)!.at).toBe(t.updatedAt);
      expect(t.updatedAt).toBeLessThanOrEqual(now);
      expect(t.status).toBe(log.filter((e) => e.kind === "status").at(-1)?.toValue ?? "open");
      expect(t.assigneeId ?? null).toBe(log.filter((e) => e.kind === "assign").at(-1)?.toValue ?? null);
      for (const id of [t.createdBy, t.assigneeId, ...log.map((e) => e.actorId)]) if (id) expect(staffIds.has(id), id).toBe(true);
      expect(customerIds.has(t.customerId)).toBe(true);
      if (t.orderId) expect(mall.orders.find((o) => o.id === t.orderId)).toMatchObject({ shopId: "apparel", customerId: t.customerId });
    }
  });

  it("keeps carts and page views between joining and now", () => {
    const customers = byId(mall.customers);
    const products = byId(mall.products);
    for (const { customerId, productId, shopId, addedAt: at } of mall.carts) {
      expect(products.get(productId)!.shopId).toBe(shopId);
      expect(at).toBeGreaterThan(customers.get(customerId)!.createdAt);
      expect(at).toBeLessThanOrEqual(mall.now);
    }
    for (const { customerId, productId, shopId, occurredAt: at } of mall.browsingEvents) {
      expect(products.get(productId)!.shopId).toBe(shopId);
      expect(at).toBeGreaterThan(customers.get(customerId)!.createdAt);
      expect(at).toBeLessThanOrEqual(mall.now);
    }
    expect(new Set(mall.browsingEvents.map((b) => b.channel))).toEqual(new Set(["pc", "h5", "app", "miniprogram"]));
  });

  it.each(Object.entries(NOWS))("tells the demo shopper's story at %s", async (_, now) => {
    const m = await generateDemoMall({ now });
    const mine = m.orders.filter((o) => o.customerId === DEMO_CUSTOMER_ID);
    expect(new Set(mine.map((o) => o.shopId)).size).toBeGreaterThanOrEqual(3);
    const yesterday = mine.find((o) => o.shopId === "apparel" && o.createdAt >= dayStart(now, 1) && o.createdAt < dayStart(now))!;
    expect(yesterday.status).toBe("shipped");
    const track = m.shipmentEvents.filter((e) => e.orderId === yesterday.id);
    expect(track.length).toBeGreaterThanOrEqual(3);
    expect(track[0]!.trackingNo).toMatch(/^(SF|JDVA|78)\d+$/);
    const earphones = mine.find((o) => o.shopId === "electronics" && o.status === "delivered")!;
    expect(earphones.deliveredAt).toBeGreaterThan(now - 8 * DAY);
    expect(earphones.deliveredAt).toBeLessThan(now);
    expect(mine.some((o) => o.shopId === "food" && o.status === "pending_payment" && o.createdAt < now)).toBe(true);
    const all = [...m.orders.flatMap((o) => [o.createdAt, o.updatedAt]), ...m.shipmentEvents.map((e) => e.occurredAt), ...m.browsingEvents.map((b) => b.occurredAt)];
    expect(Math.max(...all)).toBeLessThanOrEqual(now);
  });
});

/** Inserts rows with drizzle, chunked under D1's limit of 100 bound parameters per statement. */
async function insertAll(table: Table, rows: object[]): Promise<void> {
  const db = drizzle(env.DB);
  const perStatement = Math.floor(100 / Object.keys(getTableColumns(table)).length);
  const queries: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < rows.length; i += perStatement) queries.push(db.insert(table).values(rows.slice(i, i + perStatement) as never));
  for (let i = 0; i < queries.length; i += 100) await db.batch(queries.slice(i, i + 100) as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

async function countRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of Object.keys(rowCounts(mall))) {
    counts[table] = (await env.DB.prepare(`SELECT count(*) AS n FROM "${table}"`).first<{ n: number }>())!.n;
  }
  return counts;
}

describe("the demo mall in D1", () => {
  it("inserts into the migrated schema with drizzle", async () => {
    for (const key of Object.keys(DEMO_TABLES) as (keyof typeof DEMO_TABLES)[]) await insertAll(DEMO_TABLES[key], mall[key]);
    expect(await countRows()).toEqual(rowCounts(mall));
  });

  it("re-seeds from SQL without duplicating, even anchored to another now", async () => {
    for (const now of [NOWS.fixed, NOWS.lateNight]) {
      const statements = demoMallSql(await generateDemoMall({ now }));
      await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
    }
    expect(await countRows()).toEqual(rowCounts(mall));
    const row = await env.DB.prepare("SELECT items, created_at FROM orders WHERE id = 'o00001'").first<{ items: string; created_at: number }>();
    expect(JSON.parse(row!.items)[0].productId).toBe("p-apparel-001");
    expect(row!.created_at).toBeLessThan(NOWS.lateNight);
    expect(row!.created_at).toBeGreaterThan(NOWS.lateNight - 2 * DAY);
  });

  it("lets the documented logins in", async () => {
    const login = DEMO_LOGINS.find((l) => l.role === "platform_admin")!;
    const row = await env.DB.prepare("SELECT password_hash, shop_id FROM staff WHERE email = ?").bind(login.email).first<{ password_hash: string; shop_id: string }>();
    expect(row!.shop_id).toBe("platform");
    expect(await verifyPassword(DEMO_PASSWORD, row!.password_hash)).toBe(true);
    expect(await verifyPassword("wrong-password", row!.password_hash)).toBe(false);
  });

  it("escapes quotes in SQL literals", async () => {
    const value = "O'Brien's \"shop\"; --";
    expect((await env.DB.prepare(`SELECT ${sqlLiteral(value)} AS v`).first<{ v: string }>())!.v).toBe(value);
  });
});
