/**
 * The cron's share of the service report: roll up the UTC days that have ended, shop by shop and
 * then for every shop ('*', summed from the shops'), and again whenever one of their sessions
 * changes (closed later, rated up to a day after, transferred). Bounded per run, so a backlog (the
 * first run's whole history, a day of many shops) is worked off over several runs; until a day is
 * rolled up again the report reads it live (worker/db/repos/analytics.ts).
 */
import { utcDay } from "../../core/domain/analytics/rollup";
import type { Database } from "../db/client";
import { ALL_SHOPS, queuedScopeDays, queueTouchedDays, rollUpAllShopsDay, rollUpShopDay } from "../db/repos/report-rollups";

/** Scope-days rolled up per cron run at most (a shop's day of 3,000 sessions: 11-29 ms; 200 small ones ~0.6 s; bench:analytics). */
export const REPORT_ROLLUP_DAYS_PER_RUN = 200;
/** Sessions' updates queued per run at most: the first run's history and any backlog go in steps. */
export const REPORT_ROLLUP_ROWS_PER_RUN = 100_000;
/**
 * How long before the cron's time an update counts as landed: a room stamps `updated_at` with its
 * own clock before its D1 write (after a bot's turn, seconds later), and the watermark must not
 * pass a write still on its way.
 */
export const REPORT_ROLLUP_SETTLE_MS = 5 * 60_000;

export interface RollupLimits {
  days: number;
  rows: number;
}

/** Queues the days touched since the last run, then rolls up queued days that have ended; returns how many scope-days. */
export async function rollUpReportDays(db: Database, now: number, limits: RollupLimits = { days: REPORT_ROLLUP_DAYS_PER_RUN, rows: REPORT_ROLLUP_ROWS_PER_RUN }): Promise<number> {
  await queueTouchedDays(db, now - REPORT_ROLLUP_SETTLE_MS, limits.rows);
  const today = utcDay(now);
  let done = 0;
  // Again after a pass: the '*' day becomes due once its shops' days are done.
  while (done < limits.days) {
    const due = await queuedScopeDays(db, today, limits.days - done);
    if (due.length === 0) break;
    for (const { scope, day } of due) {
      await (scope === ALL_SHOPS ? rollUpAllShopsDay(db, day, now) : rollUpShopDay(db, scope, day, now));
      done++;
    }
  }
  return done;
}
