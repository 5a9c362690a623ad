/**
 * 质检 reads and writes: finished consultations an agent held, with their signs of poor service
 * and their review; the reviews themselves; each agent's summary.
 */
import { and, count, desc, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { LOW_RATING_MAX, QUALITY_PASS_MIN, SLOW_FIRST_RESPONSE_MS, type QualityFlag, type QualityScores } from "../../../core/domain/quality";
import type { Database } from "../client";
import { customers, qualityReviews, sessions, staff } from "../schema";

export type QualityScope = { shopId: string } | "all";
export type QualityReviewRow = typeof qualityReviews.$inferSelect;

/** The same signs as core/domain/quality.ts `qualityFlags`, as SQL for the list's filter. */
const FLAG_SQL: Record<QualityFlag, SQL> = {
  low_rating: and(isNotNull(sessions.rating), sql`${sessions.rating} <= ${LOW_RATING_MAX}`)!,
  slow_first_response: and(isNotNull(sessions.assignedAt), isNotNull(sessions.firstResponseAt), sql`${sessions.firstResponseAt} - ${sessions.assignedAt} > ${SLOW_FIRST_RESPONSE_MS}`)!,
  no_reply: eq(sessions.agentMessages, 0),
  ended_idle: eq(sessions.closeReason, "idle"),
};

const reviewer = alias(staff, "reviewer");

export interface QualitySessionFilter {
  since: number;
  before: number;
  agentId?: string;
  flag?: QualityFlag | "flagged";
  reviewed: "yes" | "no" | "appealed" | "all";
  limit: number;
}

const sessionColumns = {
  session: sessions,
  customerName: customers.name,
  agentName: staff.name,
  reviewTotal: qualityReviews.total,
  reviewUpdatedAt: qualityReviews.updatedAt,
  reviewAppealStatus: qualityReviews.appealStatus,
  reviewerName: reviewer.name,
};

function sessionsWithReviews(db: Database) {
  return db
    .select(sessionColumns)
    .from(sessions)
    .leftJoin(customers, eq(customers.id, sessions.customerId))
    .leftJoin(staff, eq(staff.id, sessions.agentId))
    .leftJoin(qualityReviews, eq(qualityReviews.sessionId, sessions.id))
    .leftJoin(reviewer, eq(reviewer.id, qualityReviews.reviewerId));
}
export type QualitySessionJoined = Awaited<ReturnType<ReturnType<typeof sessionsWithReviews>["all"]>>[number];

/**
 * Finished consultations an agent held, opened in [since, before), newest first. Appealed ones
 * (申诉中) whatever their age: the walk starts from the few open appeals (partial indexes) rather
 * than the range's sessions, so an appeal of an old review is never out of sight.
 */
export async function listQualitySessions(db: Database, scope: QualityScope, f: QualitySessionFilter): Promise<QualitySessionJoined[]> {
  const flag = f.flag === undefined ? undefined : f.flag === "flagged" ? or(...Object.values(FLAG_SQL)) : FLAG_SQL[f.flag];
  const appealed = f.reviewed === "appealed";
  return sessionsWithReviews(db)
    .where(
      and(
        scope === "all" ? undefined : eq(appealed ? qualityReviews.shopId : sessions.shopId, scope.shopId),
        f.agentId ? eq(sessions.agentId, f.agentId) : isNotNull(sessions.agentId),
        eq(sessions.status, "resolved"),
        appealed ? undefined : gte(sessions.openedAt, f.since),
        lt(sessions.openedAt, f.before),
        flag,
        f.reviewed === "yes" ? isNotNull(qualityReviews.sessionId) : f.reviewed === "no" ? isNull(qualityReviews.sessionId) : appealed ? eq(qualityReviews.appealStatus, "open") : undefined,
      ),
    )
    .orderBy(desc(sessions.openedAt))
    .limit(f.limit)
    .all();
}

export async function findQualitySession(db: Database, sessionId: string): Promise<QualitySessionJoined | undefined> {
  return sessionsWithReviews(db).where(eq(sessions.id, sessionId)).get();
}

export async function findReview(db: Database, sessionId: string) {
  return db
    .select({ review: qualityReviews, agentName: staff.name, reviewerName: reviewer.name })
    .from(qualityReviews)
    .leftJoin(staff, eq(staff.id, qualityReviews.agentId))
    .leftJoin(reviewer, eq(reviewer.id, qualityReviews.reviewerId))
    .where(eq(qualityReviews.sessionId, sessionId))
    .get();
}

/**
 * Writes the session's review; a second review replaces the scores, comment and reviewer, and
 * answers an open appeal (keeping the total it contested).
 */
export async function saveReview(
  db: Database,
  r: { sessionId: string; shopId: string; threadId: string; agentId: string; reviewerId: string; scores: QualityScores; total: number; comment: string },
  now: number,
): Promise<void> {
  const open = sql`${qualityReviews.appealStatus} = 'open'`;
  await db
    .insert(qualityReviews)
    .values({ ...r, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: qualityReviews.sessionId,
      set: {
        reviewerId: r.reviewerId, scores: r.scores, total: r.total, comment: r.comment, updatedAt: now,
        // SET's right-hand sides read the row as it was: the old total.
        appealTotalBefore: sql`CASE WHEN ${open} THEN ${qualityReviews.total} ELSE ${qualityReviews.appealTotalBefore} END`,
        appealStatus: sql`CASE WHEN ${open} THEN 'answered' ELSE ${qualityReviews.appealStatus} END`,
      },
    })
    .run();
}

/** Records the agent's appeal unless the review was appealed before; whether it was recorded. */
export async function saveAppeal(db: Database, sessionId: string, agentId: string, reason: string, now: number): Promise<boolean> {
  const res = await db
    .update(qualityReviews)
    .set({ appealReason: reason, appealedAt: now, appealStatus: "open" })
    .where(and(eq(qualityReviews.sessionId, sessionId), eq(qualityReviews.agentId, agentId), isNull(qualityReviews.appealStatus)))
    .run();
  return res.meta.changes > 0;
}

/** Each agent's reviews made since `since`, most reviewed first. */
export async function agentSummaries(db: Database, scope: QualityScope, since: number) {
  return db
    .select({
      // As SQL, not columns: drizzle checks a column's table is in FROM, and INDEXED BY hides it.
      agentId: sql<string>`${qualityReviews.agentId}`,
      agentName: staff.name,
      reviews: count(),
      averageTotal: sql<number>`AVG(${qualityReviews.total})`.mapWith(Number),
      failed: sql<number>`SUM(CASE WHEN ${qualityReviews.total} < ${QUALITY_PASS_MIN} THEN 1 ELSE 0 END)`.mapWith(Number),
    })
    // INDEXED BY across shops: SQLite would rather walk every review by agent to spare a sort.
    .from(scope === "all" ? sql`${qualityReviews} INDEXED BY quality_reviews_updated` : qualityReviews)
    .leftJoin(staff, eq(staff.id, qualityReviews.agentId))
    .where(and(scope === "all" ? undefined : eq(qualityReviews.shopId, scope.shopId), gte(qualityReviews.updatedAt, since)))
    .groupBy(qualityReviews.agentId)
    .orderBy(desc(count()))
    .limit(200)
    .all();
}

/** An agent's own reviews in their shop (or the one of `sessionId`), newest first, with the consultation's customer and time. */
export async function agentReviews(db: Database, shopId: string, agentId: string, limit: number, sessionId?: string) {
  return db
    .select({ review: qualityReviews, reviewerName: reviewer.name, customerName: customers.name, openedAt: sessions.openedAt })
    .from(qualityReviews)
    .leftJoin(reviewer, eq(reviewer.id, qualityReviews.reviewerId))
    .leftJoin(sessions, eq(sessions.id, qualityReviews.sessionId))
    .leftJoin(customers, eq(customers.id, sessions.customerId))
    .where(and(eq(qualityReviews.agentId, agentId), eq(qualityReviews.shopId, shopId), sessionId === undefined ? undefined : eq(qualityReviews.sessionId, sessionId)))
    .orderBy(desc(qualityReviews.updatedAt))
    .limit(limit)
    .all();
}

/** How many reviews of the scope are appealed and not yet answered (申诉中), by the partial indexes. */
export async function countOpenAppeals(db: Database, scope: QualityScope): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(qualityReviews)
    .where(and(scope === "all" ? undefined : eq(qualityReviews.shopId, scope.shopId), eq(qualityReviews.appealStatus, "open")))
    .get();
  return row?.n ?? 0;
}
