/**
 * What the service report counts in D1: sessions opened in a range of instants, of one shop or of
 * all, in four grouped scans and the latest rating comments, with the scope's tickets
 * (./ticket-report.ts). Closed UTC days the cron rolled up are read from their roll-ups
 * (./report-rollups.ts) and only the rest of the range is scanned; both kinds of rows are added by
 * core/domain/analytics/rollup.ts, and core/domain/analytics files the quarters into local days.
 */
import { and, asc, count, desc, eq, gte, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { AgentCounts, QuarterCounts, ReportInput } from "../../../core/domain/analytics/report";
import { closedWholeDays, dayRuns, liveIntervals, mergeScans, mixFigures, servableDays, type Interval, type MixCounts } from "../../../core/domain/analytics/rollup";
import type { Database } from "../client";
import { qualityReviews, sessions, staff } from "../schema";
import { ALL_SHOPS, rolledUpScanStatements, rollupState } from "./report-rollups";
import { literal, sessionScan } from "./session-scan";
import { ticketReportStatements } from "./ticket-report";

/** A shop (an agent's own figures: only the sessions they held), or every shop. */
export type ReportScope = { shopId: string; agentId?: string } | "all";

/** Rating comments the report lists, newest first. */
const REPORT_COMMENTS = 20;

/**
 * Sessions of the scope opened in any of the intervals, or in none (literal bounds: a range with
 * many gaps stays under D1's 100 bound values). Each interval repeats the shop, so SQLite walks
 * (shop, opened) once per interval.
 */
function openedIn(scope: ReportScope, intervals: readonly Interval[]): SQL {
  const ofScope = scope === "all" ? undefined : and(eq(sessions.shopId, scope.shopId), scope.agentId ? eq(sessions.agentId, scope.agentId) : undefined);
  const one = ([start, end]: Interval) => and(ofScope, gte(sessions.openedAt, literal(start)), lt(sessions.openedAt, literal(end)))!;
  if (intervals.length === 0) return and(ofScope, sql`0`)!;
  return intervals.length === 1 ? one(intervals[0]!) : or(...intervals.map(one))!;
}

/** Sessions of the scope opened in [start, end). */
const inRange = (scope: ReportScope, start: number, end: number): SQL => openedIn(scope, [[start, end]]);

/** The four grouped scans of the scope's sessions opened in the intervals. */
function liveScanStatements(db: Database, scope: ReportScope, intervals: readonly Interval[]) {
  const where = openedIn(scope, intervals);
  const { quarter, seconds } = sessionScan;
  return [
    db.select({ quarter, ...sessionScan.quarterCounts }).from(sessions).where(where).groupBy(quarter),
    db.select({ seconds, count: count() }).from(sessions).where(and(where, isNotNull(sessions.firstResponseAt))).groupBy(seconds),
    // Topics, channels and ratings are small closed sets: one scan grouped by all three (at most
    // a few hundred rows) instead of one scan each.
    db
      .select({ topic: sessions.topic, channel: sessions.channel, rating: sessions.rating, ...sessionScan.mixCounts })
      .from(sessions)
      .where(where)
      .groupBy(sessions.topic, sessions.channel, sessions.rating),
    db
      .select({ agentId: sql<string>`${sessions.agentId}`, name: staff.name, ...sessionScan.agentCounts })
      .from(sessions)
      .leftJoin(staff, eq(staff.id, sessions.agentId))
      .where(and(where, isNotNull(sessions.agentId)))
      .groupBy(sessions.agentId),
  ] as const;
}

/**
 * The closed UTC days of [start, end) the report may read from roll-ups, at the cost of one small
 * round trip; none for an agent's own figures (我的数据: rolled up per shop, not per agent) or a
 * range without a whole closed day (today alone).
 */
async function servedFromRollups(db: Database, scope: ReportScope, start: number, end: number, now: number): Promise<number[]> {
  if (scope !== "all" && scope.agentId) return [];
  const candidates = closedWholeDays(start, end, now);
  if (!candidates) return [];
  return servableDays(candidates, await rollupState(db, scope === "all" ? ALL_SHOPS : scope.shopId, candidates));
}

/** The report's counts of sessions opened in [start, end), and of the scope's tickets (the backlog at `now`). */
export async function reportCounts(db: Database, scope: ReportScope, start: number, end: number, now: number): Promise<Omit<ReportInput, "from" | "to" | "timeZone">> {
  const served = await servedFromRollups(db, scope, start, end, now);
  const rollupScope = scope === "all" ? ALL_SHOPS : scope.shopId;
  const [quarters, responseSeconds, mix, agents, rolledQuarters, rolledSeconds, rolledMix, rolledAgents, comments, quality, opened, resolved, resolutionMinutes, backlog] = await db.batch([
    ...liveScanStatements(db, scope, liveIntervals(start, end, served)),
    ...rolledUpScanStatements(db, rollupScope, dayRuns(served)),
    // What shoppers wrote with their ratings, newest first: the quality review's reading list.
    // INDEXED BY: SQLite would rather read the range's every session by (shop, opened) and sort.
    db
      .select({
        sessionId: sql<string>`${sessions.id}`, threadId: sql<string>`${sessions.threadId}`, score: sql<number>`${sessions.rating}`.mapWith(Number), comment: sql<string>`${sessions.ratingComment}`,
        ratedAt: sql<number>`${sessions.ratedAt}`.mapWith(Number), agentId: sql<string | null>`${sessions.agentId}`, agentName: staff.name,
      })
      .from(sql`${sessions} INDEXED BY ${sql.raw(scope === "all" ? "sessions_comments" : "sessions_shop_comments")}`)
      .leftJoin(staff, eq(staff.id, sessions.agentId))
      .where(and(inRange(scope, start, end), isNotNull(sessions.rating), isNotNull(sessions.ratingComment)))
      .orderBy(desc(sessions.ratedAt))
      .limit(REPORT_COMMENTS),
    qualityStatement(db, scope, start, end),
    ...ticketReportStatements(db, scope, start, end, now),
  ]);
  const scans = mergeScans([
    { quarters: quarters as QuarterCounts[], responseSeconds, mix: mix as MixCounts[], agents: agents as AgentCounts[] },
    { quarters: rolledQuarters, responseSeconds: rolledSeconds, mix: rolledMix, agents: rolledAgents },
  ]);
  return {
    quarters: scans.quarters,
    responseSeconds: scans.responseSeconds,
    ...mixFigures(scans.mix),
    agents: scans.agents,
    comments,
    quality,
    tickets: { opened, resolved, resolutionMinutes, backlog },
  };
}

/**
 * 质检 reviews made in [start, end), per agent reviewed: by the review's time, as the 质检 page
 * counts them, so a range of index (shop, updated) rather than the range's every session.
 */
function qualityStatement(db: Database, scope: ReportScope, start: number, end: number) {
  const ofScope = scope === "all" ? undefined : and(eq(qualityReviews.shopId, scope.shopId), scope.agentId ? eq(qualityReviews.agentId, scope.agentId) : undefined);
  return db
    // As SQL, not columns: drizzle checks a column's table is in FROM, and INDEXED BY hides it.
    .select({ agentId: sql<string>`${qualityReviews.agentId}`, reviews: count(), totalSum: sql<number>`SUM(${qualityReviews.total})`.mapWith(Number) })
    // INDEXED BY across shops: SQLite would rather walk every review by agent to spare a sort.
    .from(scope === "all" ? sql`${qualityReviews} INDEXED BY quality_reviews_updated` : qualityReviews)
    .where(and(ofScope, gte(qualityReviews.updatedAt, start), lt(qualityReviews.updatedAt, end)))
    .groupBy(qualityReviews.agentId);
}

/** Sessions of the range for the CSV export, oldest first, at most `limit`. */
export async function reportSessions(db: Database, scope: ReportScope, start: number, end: number, limit: number) {
  return db
    .select({
      id: sessions.id,
      shopId: sessions.shopId,
      customerId: sessions.customerId,
      channel: sessions.channel,
      entryType: sessions.entryType,
      entryId: sessions.entryId,
      topic: sessions.topic,
      status: sessions.status,
      openedAt: sessions.openedAt,
      handedOffAt: sessions.handedOffAt,
      firstResponseAt: sessions.firstResponseAt,
      resolvedAt: sessions.resolvedAt,
      closeReason: sessions.closeReason,
      agentId: sessions.agentId,
      agentName: staff.name,
      groupId: sessions.groupId,
      customerMessages: sessions.customerMessages,
      agentMessages: sessions.agentMessages,
      botMessages: sessions.botMessages,
      rating: sessions.rating,
    })
    .from(sessions)
    .leftJoin(staff, eq(staff.id, sessions.agentId))
    .where(inRange(scope, start, end))
    .orderBy(asc(sessions.openedAt), asc(sessions.id))
    .limit(limit)
    .all();
}
export type ReportSessionRow = Awaited<ReturnType<typeof reportSessions>>[number];
