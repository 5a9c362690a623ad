/**
 * What the service report counts in D1: sessions opened in a range of instants, of one shop or of
 * all, in four grouped scans and the latest rating comments, with the scope's tickets
 * (./ticket-report.ts), sent as one batch (one round trip). The shop-and-opened index covers a
 * shop's range; core/domain/analytics files the quarters into local days.
 */
import { and, asc, count, desc, eq, gte, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import { QUARTER_MS, type AgentCounts, type QuarterCounts, type ReportInput } from "../../../core/domain/analytics/report";
import type { Database } from "../client";
import { sessions, staff } from "../schema";
import { ticketReportStatements } from "./ticket-report";

/** A shop (an agent's own figures: only the sessions they held), or every shop. */
export type ReportScope = { shopId: string; agentId?: string } | "all";

/** Rating comments the report lists, newest first. */
const REPORT_COMMENTS = 20;

/** Longest first response counted by the second; slower ones count at this value in the percentiles. */
const RESPONSE_CAP_SECONDS = 86_400;

const responseMs = sql<number>`(${sessions.firstResponseAt} - coalesce(${sessions.handedOffAt}, ${sessions.openedAt}))`;
const handleMs = sql<number>`(${sessions.resolvedAt} - coalesce(${sessions.assignedAt}, ${sessions.handedOffAt}, ${sessions.openedAt}))`;
const num = (expr: SQL) => sql<number>`coalesce(${expr}, 0)`.mapWith(Number);

/** The counts every grouping shares. */
const counts = {
  sessions: count(),
  resolved: num(sql`sum(${sessions.closeReason} = 'resolved')`),
  responded: num(sql`sum(${sessions.firstResponseAt} IS NOT NULL)`),
  responseMs: num(sql`sum(${responseMs})`),
  handled: num(sql`sum(${sessions.resolvedAt} IS NOT NULL AND ${sessions.agentId} IS NOT NULL)`),
  handleMs: num(sql`sum(CASE WHEN ${sessions.agentId} IS NOT NULL THEN ${handleMs} END)`),
  rated: num(sql`sum(${sessions.rating} IS NOT NULL)`),
  ratingSum: num(sql`sum(${sessions.rating})`),
  satisfied: num(sql`sum(${sessions.rating} >= 4)`),
};

function inRange(scope: ReportScope, start: number, end: number): SQL | undefined {
  if (scope === "all") return and(gte(sessions.openedAt, start), lt(sessions.openedAt, end));
  return and(eq(sessions.shopId, scope.shopId), scope.agentId ? eq(sessions.agentId, scope.agentId) : undefined, gte(sessions.openedAt, start), lt(sessions.openedAt, end));
}

/** The report's counts of sessions opened in [start, end), and of the scope's tickets (the backlog at `now`). */
export async function reportCounts(db: Database, scope: ReportScope, start: number, end: number, now: number): Promise<Omit<ReportInput, "from" | "to" | "timeZone">> {
  const where = inRange(scope, start, end);
  // Literals, not bound values: D1 binds a JS number as a REAL, and REAL division would not group.
  const quarter = sql<number>`(${sessions.openedAt} / ${sql.raw(String(QUARTER_MS))})`.mapWith(Number);
  const seconds = sql<number>`min(${sql.raw(String(RESPONSE_CAP_SECONDS))}, max(0, ${responseMs} / 1000))`.mapWith(Number);
  const [quarters, responseSeconds, mix, agents, comments, opened, resolved, resolutionMinutes, backlog] = await db.batch([
    db
      .select({
        quarter,
        ...counts,
        botOnly: num(sql`sum(${sessions.handedOffAt} IS NULL)`),
        handedOff: num(sql`sum(${sessions.handedOffAt} IS NOT NULL)`),
        closed: num(sql`sum(${sessions.status} = 'resolved')`),
      })
      .from(sessions)
      .where(where)
      .groupBy(quarter),
    db.select({ seconds, count: count() }).from(sessions).where(and(where, isNotNull(sessions.firstResponseAt))).groupBy(seconds),
    // Topics, channels and ratings are small closed sets: one scan grouped by all three (at most
    // a few hundred rows) instead of one scan each.
    db
      .select({ topic: sessions.topic, channel: sessions.channel, rating: sessions.rating, sessions: count(), handedOff: num(sql`sum(${sessions.handedOffAt} IS NOT NULL)`) })
      .from(sessions)
      .where(where)
      .groupBy(sessions.topic, sessions.channel, sessions.rating),
    db
      .select({ agentId: sql<string>`${sessions.agentId}`, name: staff.name, ...counts, messages: num(sql`sum(${sessions.agentMessages})`) })
      .from(sessions)
      .leftJoin(staff, eq(staff.id, sessions.agentId))
      .where(and(where, isNotNull(sessions.agentId)))
      .groupBy(sessions.agentId),
    // What shoppers wrote with their ratings, newest first: the quality review's reading list.
    db
      .select({ sessionId: sessions.id, threadId: sessions.threadId, score: sql<number>`${sessions.rating}`.mapWith(Number), comment: sql<string>`${sessions.ratingComment}`, ratedAt: sql<number>`${sessions.ratedAt}`.mapWith(Number), agentId: sessions.agentId, agentName: staff.name })
      .from(sessions)
      .leftJoin(staff, eq(staff.id, sessions.agentId))
      .where(and(where, isNotNull(sessions.rating), isNotNull(sessions.ratingComment)))
      .orderBy(desc(sessions.ratedAt))
      .limit(REPORT_COMMENTS),
    ...ticketReportStatements(db, scope, start, end, now),
  ]);
  const add = <K extends string | number | null>(into: Map<K, { sessions: number; handedOff: number }>, key: K, row: { sessions: number; handedOff: number }) => {
    const at = into.get(key) ?? { sessions: 0, handedOff: 0 };
    into.set(key, { sessions: at.sessions + row.sessions, handedOff: at.handedOff + row.handedOff });
  };
  const topics = new Map<string | null, { sessions: number; handedOff: number }>();
  const channels = new Map<string, { sessions: number; handedOff: number }>();
  const ratings = new Map<number | null, { sessions: number; handedOff: number }>();
  for (const row of mix) {
    add(topics, row.topic, row);
    add(channels, row.channel, row);
    add(ratings, row.rating, row);
  }
  return {
    quarters: quarters as QuarterCounts[],
    responseSeconds,
    ratings: [...ratings].filter(([rating]) => rating !== null).map(([rating, n]) => ({ rating: rating!, count: n.sessions })),
    topics: [...topics].map(([topic, n]) => ({ topic, ...n })),
    channels: [...channels].map(([channel, n]) => ({ channel, sessions: n.sessions })),
    agents: agents as AgentCounts[],
    comments,
    tickets: { opened, resolved, resolutionMinutes, backlog },
  };
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
