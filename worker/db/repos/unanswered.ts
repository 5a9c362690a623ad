/**
 * The unanswered list of a shop: groups of similar questions the bot could not answer (or
 * answered and got "not helpful"), with counts and a few example wordings.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { unansweredQuestions } from "../schema";

export type UnansweredRow = typeof unansweredQuestions.$inferSelect;

/**
 * Open groups a new question may join: the most recently asked, enough to match against. Keys
 * only: the bot records a question on every turn it could not answer, and the examples are read
 * just for the one group it joins.
 */
export function recentOpenGroups(db: Database, shopId: string, limit = 300) {
  const u = unansweredQuestions;
  return db.select({ id: u.id, clusterKey: u.clusterKey }).from(u).where(and(eq(u.shopId, shopId), eq(u.status, "open"))).orderBy(desc(u.lastAskedAt)).limit(limit).all();
}

/** The example wordings a group keeps. */
export async function groupExamples(db: Database, shopId: string, id: string): Promise<string[]> {
  const u = unansweredQuestions;
  const row = await db.select({ examples: u.examples }).from(u).where(and(eq(u.shopId, shopId), eq(u.id, id))).get();
  return row?.examples ?? [];
}

/** Counts one more ask in a group. */
export async function bumpGroup(db: Database, shopId: string, id: string, change: { examples: string[]; reason: string; threadId: string | null; now: number }): Promise<void> {
  const u = unansweredQuestions;
  await db.update(u).set({ count: sql`${u.count} + 1`, examples: change.examples, reason: change.reason, lastThreadId: change.threadId, lastAskedAt: change.now }).where(and(eq(u.shopId, shopId), eq(u.id, id))).run();
}

/**
 * Starts a group, or (same key asked again after it was resolved or dismissed, or by a racing
 * request) counts the ask in the existing one: a resolved group opens again, since the bot still
 * failed; a dismissed one stays dismissed.
 */
export async function insertGroup(db: Database, row: { id: string; shopId: string; question: string; clusterKey: string; reason: string; threadId: string | null; now: number }): Promise<void> {
  const u = unansweredQuestions;
  await db
    .insert(u)
    .values({ id: row.id, shopId: row.shopId, question: row.question, clusterKey: row.clusterKey, reason: row.reason, count: 1, examples: [row.question], lastThreadId: row.threadId, firstAskedAt: row.now, lastAskedAt: row.now, status: "open" })
    .onConflictDoUpdate({
      target: [u.shopId, u.clusterKey],
      set: { count: sql`${u.count} + 1`, lastAskedAt: row.now, lastThreadId: row.threadId, reason: row.reason, status: sql`CASE WHEN ${u.status} = 'dismissed' THEN 'dismissed' ELSE 'open' END` },
    })
    .run();
}

/** The shop's groups, most asked first. */
export function listGroups(db: Database, shopId: string, status: string, limit: number): Promise<UnansweredRow[]> {
  const u = unansweredQuestions;
  const where = status === "all" ? eq(u.shopId, shopId) : and(eq(u.shopId, shopId), eq(u.status, status));
  return db.select().from(u).where(where).orderBy(desc(u.count), desc(u.lastAskedAt)).limit(limit).all();
}

export function findGroup(db: Database, shopId: string, id: string): Promise<UnansweredRow | undefined> {
  const u = unansweredQuestions;
  return db.select().from(u).where(and(eq(u.shopId, shopId), eq(u.id, id))).get();
}

/** Closes a group: resolved into an article, or dismissed. */
export async function closeGroup(db: Database, shopId: string, id: string, status: "resolved" | "dismissed", articleId: string | null): Promise<void> {
  const u = unansweredQuestions;
  await db.update(u).set({ status, articleId }).where(and(eq(u.shopId, shopId), eq(u.id, id))).run();
}
