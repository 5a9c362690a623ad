/**
 * Dead letters: queue messages that failed every retry, or could not be read. Operators list
 * them per shop and replay them; old rows are pruned. Rows without a shop (unreadable bodies)
 * are visible to platform admins only.
 */
import { and, desc, eq, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { deadLetters } from "../schema";

export type DeadLetterRow = typeof deadLetters.$inferSelect;
/** One shop, or every shop (platform admins). */
export type DeadLetterScope = { shopId: string } | "all";

export interface NewDeadLetter {
  id: string;
  queue: string;
  shopId: string | null;
  noticeId: string | null;
  body: unknown;
  reason: "max_retries" | "invalid";
  lastError: string | null;
}

/** Records a death; the same notice dying again (after a replay) counts up instead of adding a row. */
export async function recordDeadLetter(db: Database, d: NewDeadLetter, now: number): Promise<void> {
  await db
    .insert(deadLetters)
    .values({ ...d, body: d.body ?? null, diedAt: now })
    .onConflictDoUpdate({
      target: deadLetters.id,
      set: { body: sql`excluded.body`, reason: d.reason, lastError: d.lastError, deaths: sql`${deadLetters.deaths} + 1`, diedAt: now, replayedAt: null },
    })
    .run();
}

function scoped(scope: DeadLetterScope): SQL | undefined {
  return scope === "all" ? undefined : eq(deadLetters.shopId, scope.shopId);
}

/** Newest first; `open` = not replayed since it died. */
export async function listDeadLetters(db: Database, scope: DeadLetterScope, state: "open" | "replayed" | "all", limit: number): Promise<DeadLetterRow[]> {
  const stateFilter = state === "open" ? isNull(deadLetters.replayedAt) : state === "replayed" ? isNotNull(deadLetters.replayedAt) : undefined;
  return db.select().from(deadLetters).where(and(scoped(scope), stateFilter)).orderBy(desc(deadLetters.diedAt)).limit(limit).all();
}

export async function findDeadLetter(db: Database, scope: DeadLetterScope, id: string): Promise<DeadLetterRow | undefined> {
  return db.select().from(deadLetters).where(and(eq(deadLetters.id, id), scoped(scope))).get();
}

export async function setReplayed(db: Database, id: string, now: number): Promise<void> {
  await db.update(deadLetters).set({ replayedAt: now }).where(eq(deadLetters.id, id)).run();
}

/** Forgets dead letters that died before `before`. */
export async function pruneDeadLetters(db: Database, before: number): Promise<number> {
  return (await db.delete(deadLetters).where(lt(deadLetters.diedAt, before)).run()).meta.changes;
}
