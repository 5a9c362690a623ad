/**
 * The groupings and counts of the service report's four scans of `sessions`, shared by the live
 * report (./analytics.ts) and the daily roll-ups (./report-rollups.ts): written with the same
 * expressions, rolled-up rows and live rows add up exactly.
 */
import { count, sql, type SQL } from "drizzle-orm";
import { QUARTER_MS } from "../../../core/domain/analytics/report";
import { DAY_MS } from "../../../core/domain/analytics/rollup";
import { sessions } from "../schema";

/** Longest first response counted by the second; slower ones count at this value in the percentiles. */
const RESPONSE_CAP_SECONDS = 86_400;

/**
 * An integer as SQL text. D1 binds a JS number as a REAL: a bound divisor makes REAL division
 * (every row its own group), and literal bounds keep a statement under D1's 100 bound values.
 */
export const literal = (n: number): SQL<number> => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return sql.raw(String(n)) as SQL<number>;
};

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

export const sessionScan = {
  /** The UTC quarter hour a session opened in. */
  quarter: sql<number>`(${sessions.openedAt} / ${literal(QUARTER_MS)})`.mapWith(Number),
  /** The UTC day a session opened on (what roll-ups are keyed by). */
  day: sql<number>`(${sessions.openedAt} / ${literal(DAY_MS)})`.mapWith(Number),
  quarterCounts: {
    ...counts,
    botOnly: num(sql`sum(${sessions.handedOffAt} IS NULL)`),
    handedOff: num(sql`sum(${sessions.handedOffAt} IS NOT NULL)`),
    closed: num(sql`sum(${sessions.status} = 'resolved')`),
  },
  /** The first response time by whole second, capped (sessions with a first response only). */
  seconds: sql<number>`min(${literal(RESPONSE_CAP_SECONDS)}, max(0, ${responseMs} / 1000))`.mapWith(Number),
  mixCounts: { sessions: count(), handedOff: num(sql`sum(${sessions.handedOffAt} IS NOT NULL)`) },
  agentCounts: { ...counts, messages: num(sql`sum(${sessions.agentMessages})`) },
};
