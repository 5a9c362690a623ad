/**
 * The service report (数据报表) from what D1 counts: sessions grouped by quarter hour, first
 * response times by the second, ratings, topics, channels and agents. D1 groups by UTC quarter
 * hour, and this module files each quarter into the shop's local day and hour, so a shop in a zone
 * with half-hour offsets or summer time still gets its own calendar.
 */
import { dateOf, dayNumberAt, dayNumberOf } from "../order-reference/calendar";
import { localClock } from "../routing/clock";
import { buildTicketFigures, type TicketFigures, type TicketReportInput } from "./tickets";

export const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** Sessions opened in one UTC quarter hour (`quarter` = openedAt / QUARTER_MS, floored). */
export interface QuarterCounts {
  quarter: number;
  sessions: number;
  /** Never handed to a person: the bot's own (机器人独立接待). */
  botOnly: number;
  handedOff: number;
  /** Closed by staff (not by the idle timeout). */
  resolved: number;
  closed: number;
  responded: number;
  /** Sum of first response times (from hand-off, or open when a person took it from the bot) in ms. */
  responseMs: number;
  rated: number;
  ratingSum: number;
  /** Rated 4 or 5 stars. */
  satisfied: number;
  handled: number;
  /** Sum of handling times (assignment to close) in ms. */
  handleMs: number;
}

export interface AgentCounts {
  agentId: string;
  name: string | null;
  sessions: number;
  resolved: number;
  responded: number;
  responseMs: number;
  handled: number;
  handleMs: number;
  rated: number;
  ratingSum: number;
  satisfied: number;
  messages: number;
}

/** A rating that came with words (满意度评价), as the report lists it. */
export interface RatingComment {
  sessionId: string;
  threadId: string;
  score: number;
  comment: string;
  ratedAt: number;
  agentId: string | null;
  agentName: string | null;
}

export interface ReportInput {
  from: string;
  to: string;
  timeZone: string;
  quarters: QuarterCounts[];
  /** First response times by whole second (capped by the query), with how many sessions took each. */
  responseSeconds: { seconds: number; count: number }[];
  ratings: { rating: number; count: number }[];
  topics: { topic: string | null; sessions: number; handedOff: number }[];
  channels: { channel: string; sessions: number }[];
  agents: AgentCounts[];
  /** The range's latest ratings with a comment, newest first. */
  comments: RatingComment[];
  /** The scope's tickets: opened and resolved in the range, active now. */
  tickets: TicketReportInput;
  /** 质检 reviews made in the range, per agent reviewed. Absent: none counted. */
  quality?: { agentId: string; reviews: number; totalSum: number }[];
}

export interface DayFigures {
  date: string;
  sessions: number;
  botOnly: number;
  handedOff: number;
  resolved: number;
  rated: number;
  satisfied: number;
  /** Mean first response time that day, or null when no person answered. */
  responseAvgMs: number | null;
}

export interface AgentFigures {
  agentId: string;
  name: string;
  sessions: number;
  resolved: number;
  responseAvgMs: number | null;
  handleAvgMs: number | null;
  rated: number;
  avgRating: number | null;
  /** Share of ratings of 4-5 stars, or null when nobody rated. */
  csat: number | null;
  messages: number;
  /** 质检: how many of their consultations were reviewed in the range, and the reviews' mean total (0-100, one decimal). */
  reviewed: number;
  qualityAvg: number | null;
}

export interface Report {
  from: string;
  to: string;
  timeZone: string;
  totals: {
    sessions: number;
    botOnly: number;
    /** Share of sessions the bot served alone (机器人解决率). */
    containment: number | null;
    handedOff: number;
    resolved: number;
    closed: number;
    responded: number;
    responseAvgMs: number | null;
    responseP50Ms: number | null;
    responseP90Ms: number | null;
    handleAvgMs: number | null;
    rated: number;
    avgRating: number | null;
    csat: number | null;
    /** How many ratings of 1..5 stars (index 0 = one star). */
    ratingCounts: number[];
  };
  days: DayFigures[];
  /** Sessions opened per local hour of the day, 0-23, over the range (the busy hours). */
  hours: number[];
  topics: { topic: string; sessions: number; handedOff: number }[];
  channels: { channel: string; sessions: number }[];
  agents: AgentFigures[];
  comments: RatingComment[];
  /** 工单: opened and resolved in the range, the backlog now. */
  tickets: TicketFigures;
}

/** Calendar dates `from`..`to` (inclusive) as YYYY-MM-DD. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayOf(from); d <= dayOf(to); d++) out.push(dateString(d));
  return out;
}

/** The instant a local calendar date begins in `timeZone` (a quarter-hour-aligned zone offset). */
export function startOfLocalDate(date: string, timeZone: string): number {
  const midnightUtc = dayOf(date) * DAY_MS;
  // The offset at the guess, then at the corrected guess (enough for every real zone's transitions).
  let at = midnightUtc - offsetAt(midnightUtc, timeZone);
  at = midnightUtc - offsetAt(at, timeZone);
  return at;
}

/** The instants [start, end) the local dates `from`..`to` cover in `timeZone`. */
export function rangeInstants(from: string, to: string, timeZone: string): { start: number; end: number } {
  return { start: startOfLocalDate(from, timeZone), end: startOfLocalDate(dateString(dayOf(to) + 1), timeZone) };
}

/** Today's local date in `timeZone`, and the date `days - 1` days before it: a default range. */
export function lastDays(now: number, timeZone: string, days: number): { from: string; to: string } {
  const today = dayNumberAt(now, timeZone);
  return { from: dateString(today - days + 1), to: dateString(today) };
}

export function buildReport(input: ReportInput): Report {
  const quality = new Map((input.quality ?? []).map((q) => [q.agentId, q]));
  const dates = datesBetween(input.from, input.to);
  const firstDay = dayOf(input.from);
  const days: (DayFigures & { responded: number; responseMs: number })[] = dates.map((date) => ({
    date, sessions: 0, botOnly: 0, handedOff: 0, resolved: 0, rated: 0, satisfied: 0, responseAvgMs: null, responded: 0, responseMs: 0,
  }));
  const hours = new Array<number>(24).fill(0);
  const sum = { sessions: 0, botOnly: 0, handedOff: 0, resolved: 0, closed: 0, responded: 0, responseMs: 0, rated: 0, ratingSum: 0, satisfied: 0, handled: 0, handleMs: 0 };
  for (const q of input.quarters) {
    const at = q.quarter * QUARTER_MS;
    const day = days[dayNumberAt(at, input.timeZone) - firstDay];
    hours[Math.floor(localClock(at, input.timeZone).minutes / 60)] += q.sessions;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += q[k];
    // A quarter outside the range's days (a query bound off by a zone change) still counts in the totals.
    if (!day) continue;
    day.sessions += q.sessions;
    day.botOnly += q.botOnly;
    day.handedOff += q.handedOff;
    day.resolved += q.resolved;
    day.rated += q.rated;
    day.satisfied += q.satisfied;
    day.responded += q.responded;
    day.responseMs += q.responseMs;
  }
  const ratingCounts = [1, 2, 3, 4, 5].map((n) => input.ratings.find((r) => r.rating === n)?.count ?? 0);
  return {
    from: input.from,
    to: input.to,
    timeZone: input.timeZone,
    totals: {
      sessions: sum.sessions,
      botOnly: sum.botOnly,
      containment: ratio(sum.botOnly, sum.sessions),
      handedOff: sum.handedOff,
      resolved: sum.resolved,
      closed: sum.closed,
      responded: sum.responded,
      responseAvgMs: mean(sum.responseMs, sum.responded),
      responseP50Ms: percentileSeconds(input.responseSeconds, 0.5),
      responseP90Ms: percentileSeconds(input.responseSeconds, 0.9),
      handleAvgMs: mean(sum.handleMs, sum.handled),
      rated: sum.rated,
      avgRating: ratingMean(sum.ratingSum, sum.rated),
      csat: ratio(sum.satisfied, sum.rated),
      ratingCounts,
    },
    days: days.map(({ responded, responseMs, ...d }) => ({ ...d, responseAvgMs: mean(responseMs, responded) })),
    hours,
    topics: input.topics
      .map((t) => ({ topic: t.topic ?? "unknown", sessions: t.sessions, handedOff: t.handedOff }))
      .sort((a, b) => b.sessions - a.sessions || a.topic.localeCompare(b.topic)),
    channels: [...input.channels].sort((a, b) => b.sessions - a.sessions || a.channel.localeCompare(b.channel)),
    agents: input.agents
      .map((a) => ({ a, q: quality.get(a.agentId) }))
      .map(({ a, q }) => ({
        agentId: a.agentId,
        name: a.name ?? a.agentId,
        sessions: a.sessions,
        resolved: a.resolved,
        responseAvgMs: mean(a.responseMs, a.responded),
        handleAvgMs: mean(a.handleMs, a.handled),
        rated: a.rated,
        avgRating: ratingMean(a.ratingSum, a.rated),
        csat: ratio(a.satisfied, a.rated),
        messages: a.messages,
        reviewed: q?.reviews ?? 0,
        qualityAvg: q && q.reviews > 0 ? Math.round((q.totalSum / q.reviews) * 10) / 10 : null,
      }))
      // The id last: two agents of one name keep one order, whatever order the rows came in.
      .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId)),
    comments: input.comments,
    tickets: buildTicketFigures(input.tickets),
  };
}

/**
 * The p-th percentile (nearest rank) of first response times given as counts per whole second,
 * in ms; null when there are none.
 */
export function percentileSeconds(counts: { seconds: number; count: number }[], p: number): number | null {
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const c of [...counts].sort((a, b) => a.seconds - b.seconds)) {
    seen += c.count;
    if (seen >= rank) return c.seconds * 1000;
  }
  return null;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

function mean(totalMs: number, n: number): number | null {
  return n > 0 ? Math.round(totalMs / n) : null;
}

function ratingMean(total: number, n: number): number | null {
  return n > 0 ? Math.round((total / n) * 100) / 100 : null;
}

function dayOf(date: string): number {
  return dayNumberOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function dateString(day: number): string {
  const { year, month, day: d } = dateOf(day);
  return `${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The zone's offset from UTC at an instant, in ms (local wall time minus UTC). */
function offsetAt(at: number, timeZone: string): number {
  const minute = Math.floor(at / 60_000) * 60_000;
  const local = dayNumberAt(minute, timeZone) * DAY_MS + localClock(minute, timeZone).minutes * 60_000;
  return local - minute;
}
