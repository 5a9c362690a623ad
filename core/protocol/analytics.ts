/**
 * Service analytics (数据报表): the report's query and its answer, shared by the Worker and the
 * console. Days are calendar days in the shop's time zone.
 */
import * as v from "valibot";
import { ShopId } from "./common";

/** The longest range one report covers (a quarter): the report scans the range's sessions. */
export const ANALYTICS_MAX_DAYS = 92;

const LocalDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"),
  v.check((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "must be a real calendar date"),
);

const dayIndex = (s: string) => Math.floor(Date.parse(`${s}T00:00:00Z`) / 86_400_000);

const RANGE = {
  shop: v.optional(ShopId),
  from: v.optional(LocalDate),
  to: v.optional(LocalDate),
  /** Instead of from/to: the last `days` days, today (in the shop's zone) included. */
  days: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, "must be a number"), v.transform(Number), v.minValue(1, "must be at least 1"), v.maxValue(ANALYTICS_MAX_DAYS, `must be at most ${ANALYTICS_MAX_DAYS}`)),
  ),
};

type Range = { from?: string; to?: string; days?: number };
const bothOrNeither = <T extends Range>(q: T) => (q.from === undefined) === (q.to === undefined) && (q.from === undefined || q.days === undefined);
const inOrder = <T extends Range>(q: T) => !q.from || !q.to || dayIndex(q.from) <= dayIndex(q.to);
const notTooLong = <T extends Range>(q: T) => !q.from || !q.to || dayIndex(q.to) - dayIndex(q.from) < ANALYTICS_MAX_DAYS;
const BOTH = "give both from and to, or days, or neither";
const ORDER = "must not be before from";
const LENGTH = `must be at most ${ANALYTICS_MAX_DAYS - 1} days after from`;

/** `from`/`to` inclusive, or `days`; all omitted: the last 7 days up to today. Range errors name `to`. */
export const AnalyticsQuery = v.pipe(
  v.object(RANGE),
  v.forward(v.check(bothOrNeither, BOTH), ["to"]),
  v.forward(v.check(inOrder, ORDER), ["to"]),
  v.forward(v.check(notTooLong, LENGTH), ["to"]),
);
export type AnalyticsQuery = v.InferOutput<typeof AnalyticsQuery>;

export const ANALYTICS_TABLES = ["days", "agents", "sessions"] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

/** One table of the report as CSV (the sessions table: one row per session of the range). */
export const AnalyticsExportQuery = v.pipe(
  v.object({
    ...RANGE,
    table: v.picklist(ANALYTICS_TABLES, `must be one of ${ANALYTICS_TABLES.join(", ")}`),
    lang: v.optional(v.picklist(["zh-CN", "en"], "must be zh-CN or en"), "zh-CN"),
  }),
  v.forward(v.check(bothOrNeither, BOTH), ["to"]),
  v.forward(v.check(inOrder, ORDER), ["to"]),
  v.forward(v.check(notTooLong, LENGTH), ["to"]),
);
export type AnalyticsExportQuery = v.InferOutput<typeof AnalyticsExportQuery>;
