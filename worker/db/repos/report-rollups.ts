/**
 * The service report's daily roll-ups (schema.ts, report_rollup_*): one UTC day of one shop, or of
 * every shop ('*'), as the rows the report's four scans give for it. The cron
 * (worker/services/analytics-rollup.ts) queues the days whose sessions were written since its last
 * run, then rolls each up in one batch: the scope-day's rows deleted and inserted again by
 * INSERT … SELECT (no row passes through the Worker, so no chunking under D1's 100 bound values),
 * the day marked, the queue entry removed. The report (./analytics.ts) asks which of its days it
 * may read from here.
 */
import { and, between, eq, gte, is, lt, ne, notExists, or, SQL, sql } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { AGENT_COUNTS, DAY_MS, QUARTER_COUNTS, type DayRun, type RollupState } from "../../../core/domain/analytics/rollup";
import type { Database } from "../client";
import { reportRollupAgents, reportRollupDays, reportRollupMix, reportRollupPending, reportRollupQuarters, reportRollupResponseSeconds, reportRollupWatermark, sessions, staff } from "../schema";
import { literal, sessionScan } from "./session-scan";

/** The scope of every shop's roll-ups (shop ids are lowercase letters, digits and dashes). */
export const ALL_SHOPS = "*";
/** The watermark table's one row. */
const WATERMARK = 1;

type RollupTable = typeof reportRollupQuarters | typeof reportRollupResponseSeconds | typeof reportRollupMix | typeof reportRollupAgents;

const total = (column: SQLiteColumn) => sql<number>`sum(${column})`.mapWith(Number);


/** Each of the table's `columns`, or their sums. */
function columnsOf<K extends string>(table: RollupTable, columns: readonly K[], summed: true): Record<K, SQL<number>>;
function columnsOf<K extends string>(table: RollupTable, columns: readonly K[], summed: false): Record<K, SQLiteColumn>;
function columnsOf<K extends string>(table: RollupTable, columns: readonly K[], summed: boolean) {
  const column = (key: K) => (table as unknown as Record<K, SQLiteColumn>)[key];
  return Object.fromEntries(columns.map((key) => [key, summed ? total(column(key)) : column(key)]));
}

/** Select fields as INSERT … SELECT takes them: every expression named after its column. */
function named<T extends Record<string, SQL | SQLiteColumn>>(fields: T): { [K in keyof T]: T[K] extends SQL<infer V> ? SQL.Aliased<V> : T[K] } {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, is(field, SQL) ? field.as(key) : field])) as never;
}

/** When the watermark stands (sessions updated before it are queued or rolled up), or null. */
async function watermark(db: Database): Promise<number | null> {
  const row = await db.select({ touchedBefore: reportRollupWatermark.touchedBefore }).from(reportRollupWatermark).where(eq(reportRollupWatermark.id, WATERMARK)).get();
  return row?.touchedBefore ?? null;
}

/**
 * Queues every (shop, day) and ('*', day) with a session updated since the watermark and before
 * `settledBefore`, at most `maxRows` sessions on (a backlog, such as the first run's whole history,
 * takes several runs), and moves the watermark there, in one batch. Today's days are queued too:
 * they are rolled up once they end. Returns whether the watermark moved.
 */
export async function queueTouchedDays(db: Database, settledBefore: number, maxRows: number): Promise<boolean> {
  const from = (await watermark(db)) ?? 0;
  // The updated_at `maxRows` sessions on, by the (updated, shop, opened) index.
  const nth = await db
    .select({ updatedAt: sessions.updatedAt })
    .from(sessions)
    .where(gte(sessions.updatedAt, literal(from)))
    .orderBy(sessions.updatedAt)
    .limit(1)
    .offset(maxRows)
    .get();
  // Past `from` even when more than `maxRows` sessions share its instant.
  const until = Math.min(settledBefore, Math.max(nth?.updatedAt ?? Infinity, from + 1));
  if (until <= from) return false;
  const touched = and(gte(sessions.updatedAt, literal(from)), lt(sessions.updatedAt, literal(until)));
  await db.batch([
    db.insert(reportRollupPending).select(db.selectDistinct(named({ scope: sessions.shopId, day: sessionScan.day })).from(sessions).where(touched)).onConflictDoNothing(),
    db.insert(reportRollupPending).select(db.selectDistinct(named({ scope: sql<string>`${ALL_SHOPS}`, day: sessionScan.day })).from(sessions).where(touched)).onConflictDoNothing(),
    db.insert(reportRollupWatermark).values({ id: WATERMARK, touchedBefore: until }).onConflictDoUpdate({ target: reportRollupWatermark.id, set: { touchedBefore: until } }),
  ]);
  return true;
}

/**
 * Queued scope-days of days before `beforeDay`, oldest first, shops before '*': the '*' scope's
 * day only once none of its shops' is queued (it is summed from theirs).
 */
export async function queuedScopeDays(db: Database, beforeDay: number, limit: number): Promise<{ scope: string; day: number }[]> {
  const shopOfDay = alias(reportRollupPending, "shop_of_day");
  return db
    .select({ scope: reportRollupPending.scope, day: reportRollupPending.day })
    .from(reportRollupPending)
    .where(
      and(
        lt(reportRollupPending.day, literal(beforeDay)),
        or(
          ne(reportRollupPending.scope, ALL_SHOPS),
          notExists(db.select({ one: sql`1` }).from(shopOfDay).where(and(eq(shopOfDay.day, reportRollupPending.day), ne(shopOfDay.scope, ALL_SHOPS)))),
        ),
      ),
    )
    .orderBy(reportRollupPending.day, sql`${reportRollupPending.scope} = ${ALL_SHOPS}`)
    .limit(limit)
    .all();
}

const ofScopeDay = (table: RollupTable | typeof reportRollupPending, scope: string, day: number) => and(eq(table.scope, scope), eq(table.day, literal(day)));

/** The batch's head and tail for one scope-day: its old rows out; then marked, unqueued. */
function rewriteScopeDay(db: Database, scope: string, day: number, now: number) {
  return {
    clear: [
      db.delete(reportRollupQuarters).where(ofScopeDay(reportRollupQuarters, scope, day)),
      db.delete(reportRollupResponseSeconds).where(ofScopeDay(reportRollupResponseSeconds, scope, day)),
      db.delete(reportRollupMix).where(ofScopeDay(reportRollupMix, scope, day)),
      db.delete(reportRollupAgents).where(ofScopeDay(reportRollupAgents, scope, day)),
    ] as const,
    mark: [
      db.insert(reportRollupDays).values({ scope, day, rolledUpAt: now }).onConflictDoUpdate({ target: [reportRollupDays.scope, reportRollupDays.day], set: { rolledUpAt: now } }),
      db.delete(reportRollupPending).where(ofScopeDay(reportRollupPending, scope, day)),
    ] as const,
  };
}

/** Rolls up one shop's UTC day from its sessions, in one batch. */
export async function rollUpShopDay(db: Database, shopId: string, day: number, now: number): Promise<void> {
  const scope = sql<string>`${shopId}`;
  const dayValue = sql<number>`${literal(day)}`;
  const opened = and(eq(sessions.shopId, shopId), gte(sessions.openedAt, literal(day * DAY_MS)), lt(sessions.openedAt, literal((day + 1) * DAY_MS)));
  const { quarter, seconds } = sessionScan;
  const { clear, mark } = rewriteScopeDay(db, shopId, day, now);
  await db.batch([
    ...clear,
    db.insert(reportRollupQuarters).select(db.select(named({ scope, day: dayValue, quarter, ...sessionScan.quarterCounts })).from(sessions).where(opened).groupBy(quarter)),
    db.insert(reportRollupResponseSeconds).select(
      db.select(named({ scope, day: dayValue, seconds, sessions: sql<number>`count(*)` })).from(sessions).where(and(opened, sql`${sessions.firstResponseAt} IS NOT NULL`)).groupBy(seconds),
    ),
    db.insert(reportRollupMix).select(
      db
        .select(named({ scope, day: dayValue, topic: sessions.topic, channel: sessions.channel, rating: sessions.rating, ...sessionScan.mixCounts }))
        .from(sessions)
        .where(opened)
        .groupBy(sessions.topic, sessions.channel, sessions.rating),
    ),
    db.insert(reportRollupAgents).select(
      db
        .select(named({ scope, day: dayValue, agentId: sessions.agentId, ...sessionScan.agentCounts }))
        .from(sessions)
        .where(and(opened, sql`${sessions.agentId} IS NOT NULL`))
        .groupBy(sessions.agentId),
    ),
    ...mark,
  ]);
}

/** Rolls up every shop's UTC day from the shops' roll-ups of it (not the sessions again), in one batch. */
export async function rollUpAllShopsDay(db: Database, day: number, now: number): Promise<void> {
  const scope = sql<string>`${ALL_SHOPS}`;
  const dayValue = sql<number>`${literal(day)}`;
  const ofShops = (table: RollupTable) => and(eq(table.day, literal(day)), ne(table.scope, ALL_SHOPS));
  const q = reportRollupQuarters;
  const s = reportRollupResponseSeconds;
  const m = reportRollupMix;
  const a = reportRollupAgents;
  const { clear, mark } = rewriteScopeDay(db, ALL_SHOPS, day, now);
  await db.batch([
    ...clear,
    db.insert(q).select(
      db
        .select(named({ scope, day: dayValue, quarter: q.quarter, ...columnsOf(q, QUARTER_COUNTS, true) }))
        .from(q)
        .where(ofShops(q))
        .groupBy(q.quarter),
    ),
    db.insert(s).select(db.select(named({ scope, day: dayValue, seconds: s.seconds, sessions: total(s.sessions) })).from(s).where(ofShops(s)).groupBy(s.seconds)),
    db.insert(m).select(
      db
        .select(named({ scope, day: dayValue, topic: m.topic, channel: m.channel, rating: m.rating, sessions: total(m.sessions), handedOff: total(m.handedOff) }))
        .from(m)
        .where(ofShops(m))
        .groupBy(m.topic, m.channel, m.rating),
    ),
    db.insert(a).select(
      db
        .select(named({ scope, day: dayValue, agentId: a.agentId, ...columnsOf(a, AGENT_COUNTS, true) }))
        .from(a)
        .where(ofShops(a))
        .groupBy(a.agentId),
    ),
    ...mark,
  ]);
}

/**
 * What the report needs to know of a scope's candidate days, in one round trip: the watermark,
 * the days rolled up, the days queued, and the days with a session updated since the watermark
 * (read by the (updated, shop, opened) index: only the minutes since the cron's last run).
 */
export async function rollupState(db: Database, scope: string, days: DayRun): Promise<RollupState> {
  const inDays = (table: typeof reportRollupDays | typeof reportRollupPending) => and(eq(table.scope, scope), between(table.day, literal(days.first), literal(days.last)));
  const [mark, rolledUp, pending, touched] = await db.batch([
    db.select({ touchedBefore: reportRollupWatermark.touchedBefore }).from(reportRollupWatermark).where(eq(reportRollupWatermark.id, WATERMARK)),
    db.select({ day: reportRollupDays.day }).from(reportRollupDays).where(inDays(reportRollupDays)),
    db.select({ day: reportRollupPending.day }).from(reportRollupPending).where(inDays(reportRollupPending)),
    // INDEXED BY: by (shop, opened) SQLite would read the shop's whole range instead.
    db
      .selectDistinct({ day: sessionScan.day })
      .from(sql`${sessions} INDEXED BY sessions_updated`)
      .where(
        and(
          gte(sessions.updatedAt, sql`(${db.select({ at: reportRollupWatermark.touchedBefore }).from(reportRollupWatermark).where(eq(reportRollupWatermark.id, WATERMARK))})`),
          scope === ALL_SHOPS ? undefined : eq(sessions.shopId, scope),
          gte(sessions.openedAt, literal(days.first * DAY_MS)),
          lt(sessions.openedAt, literal((days.last + 1) * DAY_MS)),
        ),
      ),
  ]);
  return { touchedBefore: mark[0]?.touchedBefore ?? null, rolledUp: rolledUp.map((r) => r.day), pending: pending.map((r) => r.day), touched: touched.map((r) => r.day) };
}

/** The four scans' rows for the scope's rolled-up days (none: statements that match nothing). */
export function rolledUpScanStatements(db: Database, scope: string, runs: readonly DayRun[]) {
  const inRuns = (table: RollupTable): SQL =>
    and(eq(table.scope, scope), runs.length ? or(...runs.map((r) => between(table.day, literal(r.first), literal(r.last)))) : sql`0`)!;
  const q = reportRollupQuarters;
  const s = reportRollupResponseSeconds;
  const m = reportRollupMix;
  const a = reportRollupAgents;
  return [
    db.select({ quarter: q.quarter, ...columnsOf(q, QUARTER_COUNTS, false) }).from(q).where(inRuns(q)),
    db.select({ seconds: s.seconds, count: total(s.sessions) }).from(s).where(inRuns(s)).groupBy(s.seconds),
    db
      .select({ topic: m.topic, channel: m.channel, rating: m.rating, sessions: total(m.sessions), handedOff: total(m.handedOff) })
      .from(m)
      .where(inRuns(m))
      .groupBy(m.topic, m.channel, m.rating),
    db
      .select({ agentId: a.agentId, name: staff.name, ...columnsOf(a, AGENT_COUNTS, true) })
      .from(a)
      .leftJoin(staff, eq(staff.id, a.agentId))
      .where(inRuns(a))
      .groupBy(a.agentId),
  ] as const;
}
