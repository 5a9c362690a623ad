/**
 * Session rows: one per consultation, written by the room at its key transitions.
 */
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { SessionState } from "../../../core/domain/session";
import type { Database } from "../client";
import { sessions } from "../schema";

export type SessionRow = typeof sessions.$inferSelect;

/** The full row for a session state; every write replaces it (transitions are few). */
export function sessionRow(threadId: string, shopId: string, customerId: string, s: SessionState, now: number): typeof sessions.$inferInsert {
  return {
    id: s.id, shopId, customerId, threadId, channel: s.channel, entryType: s.entry?.type ?? null, entryId: s.entry?.id ?? null,
    status: s.status, openedAt: s.openedAt, handedOffAt: s.handedOffAt, assignedAt: s.assignedAt, agentId: s.agentId, groupId: s.groupId,
    firstResponseAt: s.firstResponseAt, lastMessageAt: s.lastMessageAt, resolvedAt: s.resolvedAt, resolvedBy: s.resolvedBy,
    closeReason: s.closeReason, customerMessages: s.customerMessages, agentMessages: s.agentMessages, botMessages: s.botMessages,
    topic: s.topic ?? null, rating: s.rating, ratedAt: s.ratedAt, ratingComment: s.ratingComment ?? null, updatedAt: now,
  };
}

/** The upsert statement, to run alone or in a batch. */
export function upsertSession(db: Database, row: typeof sessions.$inferInsert) {
  const { id: _id, ...set } = row;
  return db.insert(sessions).values(row).onConflictDoUpdate({ target: sessions.id, set });
}

export async function findSession(db: Database, shopId: string, id: string): Promise<SessionRow | undefined> {
  return db.select().from(sessions).where(and(eq(sessions.shopId, shopId), eq(sessions.id, id))).get();
}

/** Sessions of one thread, newest first. */
export async function listThreadSessions(db: Database, shopId: string, threadId: string, limit = 50): Promise<SessionRow[]> {
  return db.select().from(sessions).where(and(eq(sessions.shopId, shopId), eq(sessions.threadId, threadId))).orderBy(desc(sessions.openedAt)).limit(limit).all();
}

/**
 * The console's thread list: each thread's latest session in the given shops (of these customers
 * only, when searching), open ones first, then by last activity.
 */
export async function listLatestSessions(db: Database, shopIds: string[] | "all", opts: { openOnly: boolean; limit: number; customerIds?: readonly string[] }): Promise<SessionRow[]> {
  if (opts.customerIds?.length === 0) return [];
  const latest = sql`${sessions.openedAt} = (SELECT MAX(s2.opened_at) FROM sessions s2 WHERE s2.thread_id = ${sessions.threadId})`;
  const conditions = [latest];
  if (shopIds !== "all") conditions.push(inArray(sessions.shopId, shopIds));
  if (opts.customerIds) conditions.push(inArray(sessions.customerId, [...opts.customerIds]));
  if (opts.openOnly) conditions.push(sql`${sessions.status} != 'resolved'`);
  return db
    .select()
    .from(sessions)
    .where(and(...conditions))
    .orderBy(sql`CASE WHEN ${sessions.status} = 'resolved' THEN 1 ELSE 0 END`, desc(sessions.lastMessageAt))
    .limit(opts.limit)
    .all();
}

/**
 * Threads of the agent's open sessions in the shop, those it took straight from the bot included,
 * among sessions opened since `since` (the shop-and-opened index covers the scan).
 */
export async function findOpenSessionThreadsOfAgent(db: Database, shopId: string, agentId: string, since: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ threadId: sessions.threadId })
    .from(sessions)
    .where(and(eq(sessions.shopId, shopId), gt(sessions.openedAt, since), eq(sessions.agentId, agentId), isNull(sessions.resolvedAt)))
    .all();
  return rows.map((r) => r.threadId);
}
