/**
 * The consumer's reads and writes of a notice: what it needs to decide (one D1 batch), and its
 * fate with an outcome row for analytics. Every statement names the notice's shop.
 */
import { and, desc, eq, gte, inArray, lt, notInArray } from "drizzle-orm";
import type { NoticeOutcome } from "../../../core/domain/proactive";
import type { ProactiveMessage } from "../../../core/protocol/proactive";
import type { Database } from "../client";
import { customers, proactiveNotices, proactiveOutcomes, shopperTokenRevocations, shops } from "../schema";
import type { NoticeRow } from "./proactive-outbox";

export interface NoticeFactsRow {
  notice: NoticeRow | undefined;
  optedOut: boolean;
  /** The shop's stored business hours JSON (its `timeZone` is the notice's clock). */
  shopHours: unknown;
  /** When the shopper received notices since `since`, newest first. */
  deliveredAt: number[];
  /** The mall's latest revocation of the shopper's tokens, if any (tokens issued before it are void). */
  revokedAt: number | null;
}

/** The notice's kind as stored (`proactive_notices.kind`, `proactive_outcomes.kind`). */
export const noticeKind = (m: ProactiveMessage): "shipment" | "price_drop" | "campaign" => (m.type === "shipment_notice" ? "shipment" : m.type);

const mine = (m: ProactiveMessage) => and(eq(proactiveNotices.id, m.noticeId), eq(proactiveNotices.shopId, m.shopId));

/**
 * The notice row, the shopper's opt-out and token revocation, the shop's hours and when the
 * shopper got notices since `since` (the caller counts those after the local midnight, which
 * needs the shop's zone from this same batch). The daily cap is the shopper's across shops (parcels from five shops still
 * make at most the cap): that read is the one not scoped to the shop, and it returns times only,
 * never another shop's rows.
 */
export async function loadNoticeFacts(db: Database, m: ProactiveMessage, since: number): Promise<NoticeFactsRow> {
  const [notice, customer, shop, delivered, revocation] = await db.batch([
    db.select().from(proactiveNotices).where(mine(m)).limit(1),
    db.select({ optOut: customers.proactiveOptOut }).from(customers).where(eq(customers.id, m.customerId)).limit(1),
    db.select({ hours: shops.businessHours }).from(shops).where(eq(shops.id, m.shopId)).limit(1),
    db
      .select({ at: proactiveNotices.deliveredAt })
      .from(proactiveNotices)
      .where(and(eq(proactiveNotices.customerId, m.customerId), eq(proactiveNotices.status, "delivered"), gte(proactiveNotices.deliveredAt, since)))
      .orderBy(desc(proactiveNotices.deliveredAt))
      .limit(500),
    db.select({ at: shopperTokenRevocations.revokedAt }).from(shopperTokenRevocations).where(eq(shopperTokenRevocations.customerId, m.customerId)).limit(1),
  ]);
  const deliveredAt = delivered.map((r) => r.at ?? 0);
  return { notice: notice[0], optedOut: customer[0]?.optOut ?? false, shopHours: shop[0]?.hours ?? null, deliveredAt, revokedAt: revocation[0]?.at ?? null };
}

/** A notice the outbox never held (a hand-sent or very old replayed message): recorded from the message. */
export async function insertNoticeFromMessage(db: Database, m: ProactiveMessage, now: number): Promise<void> {
  await db
    .insert(proactiveNotices)
    .values({
      id: m.noticeId, kind: noticeKind(m), shopId: m.shopId, customerId: m.customerId, orderId: m.type === "shipment_notice" ? m.orderId : "",
      sourceId: m.type === "shipment_notice" ? m.noticeId : m.type === "price_drop" ? m.productId : m.campaignId, code: m.code,
      params: m.params, occurredAt: m.occurredAt, status: "enqueued", createdAt: now, enqueuedAt: now, updatedAt: now,
    })
    .onConflictDoNothing()
    .run();
}

function outcomeRow(db: Database, m: ProactiveMessage, outcome: NoticeOutcome, now: number) {
  return db.insert(proactiveOutcomes).values({ noticeId: m.noticeId, outcome, shopId: m.shopId, customerId: m.customerId, kind: noticeKind(m), at: now }).onConflictDoNothing();
}

/** Delivered into the thread at `seq` (also when the room already had it: a redelivery). */
export async function markDelivered(db: Database, m: ProactiveMessage, seq: number, attempts: number, now: number): Promise<void> {
  await db.batch([
    db.update(proactiveNotices).set({ status: "delivered", messageSeq: seq, attempts, deliveredAt: now, deferredUntil: null, lastError: null, updatedAt: now }).where(mine(m)),
    outcomeRow(db, m, "delivered", now),
  ]);
}

/** Not delivered, on purpose: the shopper opted out, or the daily cap was reached. */
export async function markSkipped(db: Database, m: ProactiveMessage, outcome: "skipped_opt_out" | "capped", attempts: number, now: number): Promise<void> {
  await db.batch([db.update(proactiveNotices).set({ status: outcome, attempts, updatedAt: now }).where(mine(m)), outcomeRow(db, m, outcome, now)]);
}

/** Sent again with a delay: quiet hours until `until`. */
export async function markDeferred(db: Database, m: ProactiveMessage, until: number, attempts: number, now: number): Promise<void> {
  await db.batch([db.update(proactiveNotices).set({ status: "deferred", deferredUntil: until, attempts, updatedAt: now }).where(mine(m)), outcomeRow(db, m, "deferred", now)]);
}

/** An attempt failed and the queue will retry: remembered for the dead-letter list. */
export async function recordFailure(db: Database, m: ProactiveMessage, attempts: number, error: string, now: number): Promise<void> {
  await db.update(proactiveNotices).set({ attempts, lastError: error.slice(0, 500), updatedAt: now }).where(mine(m)).run();
}

/** Outcomes a late copy of the notice dying must not overwrite. */
const SETTLED = ["delivered", "skipped_opt_out", "capped"];

/**
 * Every retry failed: the dead-letter consumer records it (unless another copy of the notice
 * already settled it). Returns the notice's last error, if any.
 */
export async function markDead(db: Database, noticeId: string, shopId: string, now: number): Promise<string | null> {
  const mineAndOpen = and(eq(proactiveNotices.id, noticeId), eq(proactiveNotices.shopId, shopId), notInArray(proactiveNotices.status, SETTLED));
  const rows = await db.update(proactiveNotices).set({ status: "dead", updatedAt: now }).where(mineAndOpen).returning({ lastError: proactiveNotices.lastError }).all();
  return rows[0]?.lastError ?? null;
}

/** A dead notice sent again by an operator. */
export async function markReplayed(db: Database, noticeId: string, shopId: string, now: number): Promise<void> {
  await db
    .update(proactiveNotices)
    .set({ status: "enqueued", enqueuedAt: now, updatedAt: now })
    .where(and(eq(proactiveNotices.id, noticeId), eq(proactiveNotices.shopId, shopId), eq(proactiveNotices.status, "dead")))
    .run();
}

/** Forgets notices that reached a final state before `before` (their outcome rows stay for analytics). */
export async function pruneNotices(db: Database, before: number): Promise<number> {
  const final = inArray(proactiveNotices.status, [...SETTLED, "dead"]);
  return (await db.delete(proactiveNotices).where(and(final, lt(proactiveNotices.updatedAt, before))).run()).meta.changes;
}
