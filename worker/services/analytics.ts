/**
 * The service report (数据报表) and its CSV tables: a range of local days in the shop's time zone
 * (the platform's zone for all shops at once), counted in D1 and shaped by core/domain/analytics.
 */
import { agentsTable, daysTable, sessionsTable, type Table } from "../../core/domain/analytics/export";
import { buildReport, lastDays, rangeInstants, type Report } from "../../core/domain/analytics/report";
import { DomainError } from "../../core/domain/errors";
import { DEFAULT_TIME_ZONE } from "../../core/domain/routing";
import type { AnalyticsExportQuery, AnalyticsQuery } from "../../core/protocol/analytics";
import type { Database } from "../db/client";
import { reportCounts, reportSessions, type ReportScope } from "../db/repos/analytics";
import { findShop } from "../db/repos/shops";
import { toCsv } from "../lib/csv";
import { shopRouting } from "./routing-config";

/** The default range: the last 7 days, today included. */
const DEFAULT_DAYS = 7;
/** Rows of the sessions export: a quarter of a large shop fits; a larger range is cut (and says so). */
export const EXPORT_SESSIONS_LIMIT = 50_000;

async function reportFrame(db: Database, scope: ReportScope, q: { from?: string; to?: string; days?: number }, now: number) {
  let timeZone = DEFAULT_TIME_ZONE;
  if (scope !== "all") {
    if (!(await findShop(db, scope.shopId))) throw new DomainError("not_found", `no shop ${scope.shopId}`);
    timeZone = (await shopRouting(db, scope.shopId, now)).hours.timeZone;
  }
  const range = q.from && q.to ? { from: q.from, to: q.to } : lastDays(now, timeZone, q.days ?? DEFAULT_DAYS);
  return { ...range, timeZone, ...rangeInstants(range.from, range.to, timeZone) };
}

export async function serviceReport(db: Database, scope: ReportScope, q: AnalyticsQuery, now: number): Promise<Report & { shopId: string | null; agentId: string | null }> {
  const frame = await reportFrame(db, scope, q, now);
  const counts = await reportCounts(db, scope, frame.start, frame.end, now);
  return { shopId: scope === "all" ? null : scope.shopId, agentId: scope === "all" ? null : (scope.agentId ?? null), ...buildReport({ from: frame.from, to: frame.to, timeZone: frame.timeZone, ...counts }) };
}

/** One table of the report as a CSV file, with the name to save it under. */
export async function reportCsv(db: Database, scope: ReportScope, q: AnalyticsExportQuery, now: number): Promise<{ filename: string; csv: string; truncated: boolean }> {
  const frame = await reportFrame(db, scope, q, now);
  let table: Table;
  let truncated = false;
  if (q.table === "sessions") {
    const rows = await reportSessions(db, scope, frame.start, frame.end, EXPORT_SESSIONS_LIMIT + 1);
    truncated = rows.length > EXPORT_SESSIONS_LIMIT;
    table = sessionsTable(rows.slice(0, EXPORT_SESSIONS_LIMIT), frame.timeZone, q.lang);
  } else {
    const counts = await reportCounts(db, scope, frame.start, frame.end, now);
    const report = buildReport({ from: frame.from, to: frame.to, timeZone: frame.timeZone, ...counts });
    table = q.table === "days" ? daysTable(report, q.lang) : agentsTable(report, q.lang);
  }
  const who = scope === "all" ? "all" : scope.agentId ? `${scope.shopId}-${scope.agentId}` : scope.shopId;
  return { filename: `kefu-${who}-${q.table}-${frame.from}_${frame.to}.csv`, csv: toCsv(table.fields, table.rows), truncated };
}
