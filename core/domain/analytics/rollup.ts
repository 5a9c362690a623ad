/**
 * The service report reads its session counts from two places: daily roll-ups (the cron writes them
 * for UTC days that have ended, worker/db/repos/report-rollups.ts) and the live scan of `sessions`
 * for the rest of the range. This module decides which days a roll-up may serve, what is left to
 * scan live, and adds the two by key: both are rows of the same four groupings, so the report
 * cannot tell them apart.
 */
import type { AgentCounts, QuarterCounts, ReportInput } from "./report";

export const DAY_MS = 86_400_000;

/** The UTC day number of an instant (what the roll-ups are keyed by). */
export const utcDay = (at: number): number => Math.floor(at / DAY_MS);

/** One row of the topic × channel × rating scan. */
export interface MixCounts {
  topic: string | null;
  channel: string;
  rating: number | null;
  sessions: number;
  handedOff: number;
}

/** What the report's four grouped scans give, whether of sessions or of roll-ups. */
export interface SessionScans {
  quarters: QuarterCounts[];
  /** First response times by whole second, with how many sessions took each. */
  responseSeconds: { seconds: number; count: number }[];
  mix: MixCounts[];
  agents: AgentCounts[];
}

/** A run of whole UTC days, first and last included. */
export interface DayRun {
  first: number;
  last: number;
}

/** A half-open span of instants [start, end). */
export type Interval = [start: number, end: number];

/**
 * The UTC days wholly inside [start, end) that have ended by `now`: the only days a roll-up may
 * serve (the range's edges are local midnights, rarely UTC ones, and today is always live). Null
 * when there are none.
 */
export function closedWholeDays(start: number, end: number, now: number): DayRun | null {
  const first = Math.ceil(start / DAY_MS);
  const last = Math.min(Math.floor(end / DAY_MS), utcDay(now)) - 1;
  return first <= last ? { first, last } : null;
}

/** What the lookup before a report found about the candidate days of one scope. */
export interface RollupState {
  /** Sessions updated before this instant have their days queued or rolled up (null: the cron never ran). */
  touchedBefore: number | null;
  /** Days with a roll-up. */
  rolledUp: number[];
  /** Days queued to roll up (again). */
  pending: number[];
  /** Days with a session updated since `touchedBefore`: the cron has not seen the change yet. */
  touched: number[];
}

/**
 * The candidate days the report may read from roll-ups: rolled up, or with no session at all, and
 * in neither case changed since. A day the watermark has passed (every session opened on it was
 * written before it: a row's `updated_at` is never before its `opened_at`) that is neither queued
 * nor rolled up had no sessions; serving it from (no) roll-up rows keeps the live scan to the
 * edges instead of every quiet day.
 */
export function servableDays(candidates: DayRun, state: RollupState): number[] {
  const rolledUp = new Set(state.rolledUp);
  const stale = new Set([...state.pending, ...state.touched]);
  const out: number[] = [];
  for (let day = candidates.first; day <= candidates.last; day++) {
    const passed = state.touchedBefore !== null && (day + 1) * DAY_MS <= state.touchedBefore;
    if ((rolledUp.has(day) || passed) && !stale.has(day)) out.push(day);
  }
  return out;
}

/** Sorted days as runs of consecutive days. */
export function dayRuns(days: readonly number[]): DayRun[] {
  const runs: DayRun[] = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && day === last.last + 1) last.last = day;
    else if (!last || day > last.last) runs.push({ first: day, last: day });
  }
  return runs;
}

/** [start, end) without the given whole UTC days: what is left to scan live, in order. */
export function liveIntervals(start: number, end: number, servedDays: readonly number[]): Interval[] {
  const out: Interval[] = [];
  let from = start;
  for (const run of dayRuns(servedDays)) {
    const runStart = Math.max(start, run.first * DAY_MS);
    const runEnd = Math.min(end, (run.last + 1) * DAY_MS);
    if (runStart >= runEnd) continue;
    if (from < runStart) out.push([from, runStart]);
    from = Math.max(from, runEnd);
  }
  if (from < end) out.push([from, end]);
  return out;
}

/** A quarter's and an agent's counts, in the roll-up tables' column order (their INSERT … SELECT relies on it). */
export const QUARTER_COUNTS = ["sessions", "resolved", "responded", "responseMs", "handled", "handleMs", "rated", "ratingSum", "satisfied", "botOnly", "handedOff", "closed"] as const satisfies readonly (keyof QuarterCounts)[];
export const AGENT_COUNTS = ["sessions", "resolved", "responded", "responseMs", "handled", "handleMs", "rated", "ratingSum", "satisfied", "messages"] as const satisfies readonly (keyof AgentCounts)[];

/** Adds the `counts` of `row` into the map's row under `key` (a copy of `row` when there is none). */
function addBy<T>(into: Map<string, T>, key: string, row: T, counts: readonly (keyof T)[]): void {
  const at = into.get(key);
  if (!at) into.set(key, { ...row });
  else for (const field of counts) (at[field] as number) += row[field] as number;
}

/**
 * Scans of disjoint parts of one range as one: quarters, seconds, mix rows and agents added by key
 * (quarters of disjoint parts never share a key; adding keeps that exact either way).
 */
export function mergeScans(parts: readonly SessionScans[]): SessionScans {
  const quarters = new Map<string, QuarterCounts>();
  const seconds = new Map<string, { seconds: number; count: number }>();
  const mix = new Map<string, MixCounts>();
  const agents = new Map<string, AgentCounts>();
  for (const part of parts) {
    for (const q of part.quarters) addBy(quarters, String(q.quarter), q, QUARTER_COUNTS);
    for (const s of part.responseSeconds) addBy(seconds, String(s.seconds), s, ["count"]);
    for (const m of part.mix) addBy(mix, JSON.stringify([m.topic, m.channel, m.rating]), m, ["sessions", "handedOff"]);
    for (const a of part.agents) addBy(agents, a.agentId, a, AGENT_COUNTS);
  }
  return { quarters: [...quarters.values()], responseSeconds: [...seconds.values()], mix: [...mix.values()], agents: [...agents.values()] };
}

/** The report's ratings, topics and channels from the mix rows. */
export function mixFigures(mix: readonly MixCounts[]): Pick<ReportInput, "ratings" | "topics" | "channels"> {
  const topics = new Map<string | null, { sessions: number; handedOff: number }>();
  const channels = new Map<string, { sessions: number; handedOff: number }>();
  const ratings = new Map<number | null, { sessions: number; handedOff: number }>();
  const add = <K>(into: Map<K, { sessions: number; handedOff: number }>, key: K, row: MixCounts) => {
    const at = into.get(key) ?? { sessions: 0, handedOff: 0 };
    into.set(key, { sessions: at.sessions + row.sessions, handedOff: at.handedOff + row.handedOff });
  };
  for (const row of mix) {
    add(topics, row.topic, row);
    add(channels, row.channel, row);
    add(ratings, row.rating, row);
  }
  return {
    ratings: [...ratings].filter(([rating]) => rating !== null).map(([rating, n]) => ({ rating: rating!, count: n.sessions })),
    topics: [...topics].map(([topic, n]) => ({ topic, ...n })),
    channels: [...channels].map(([channel, n]) => ({ channel, sessions: n.sessions })),
  };
}
