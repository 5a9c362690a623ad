/**
 * Whether a proactive notice is delivered now, later or never: the shopper's opt-out, quiet
 * hours in the shop's zone, and a daily cap per shopper. Pure: the consumer loads the facts,
 * asks, and carries the answer out.
 */
import * as v from "valibot";
import { HHMM, inInterval, localClock, toMinutes } from "../routing/clock";

/** Quiet hours `[from, to)` in the shop's local time; `to` before `from` wraps past midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

/** The longest delay a Cloudflare queue accepts on send or retry (12 hours). */
export const MAX_QUEUE_DELAY_SEC = 43_200;

/** `22:00-08:00`; empty or `off` means no quiet hours. */
export const QuietHoursSetting = v.union([
  v.pipe(
    v.string(),
    v.regex(/^\d\d:\d\d-\d\d:\d\d$/, "must be HH:MM-HH:MM or off"),
    v.transform((s) => ({ from: s.slice(0, 5), to: s.slice(6, 11) })),
    v.check((q) => v.is(HHMM, q.from) && v.is(HHMM, q.to) && q.from !== q.to && q.from !== "24:00", "must be two different times HH:MM"),
  ),
  v.pipe(v.picklist(["", "off"]), v.transform(() => null)),
]);

/** A whole number of notices per shopper per local day (0 turns notices off). */
export const DailyCapSetting = v.pipe(v.string(), v.regex(/^\d{1,4}$/, "must be a whole number"), v.transform(Number));

export type NoticeOutcome = "delivered" | "skipped_opt_out" | "capped" | "deferred";

export type NoticeDecision =
  | { action: "deliver" }
  | { action: "skip"; outcome: "skipped_opt_out" | "capped" }
  | { action: "defer"; until: number; delaySec: number };

export interface NoticeFacts {
  now: number;
  timeZone: string;
  quietHours: QuietHours | null;
  optedOut: boolean;
  /** Notices this shopper already received today (local day of the shop). */
  deliveredToday: number;
  dailyCap: number;
}

/**
 * Opt-out first (never deliver, never defer), then quiet hours (defer to their end, so a notice
 * is late rather than lost), then the cap, counted when the notice is actually delivered.
 */
export function decideNotice(f: NoticeFacts): NoticeDecision {
  if (f.optedOut) return { action: "skip", outcome: "skipped_opt_out" };
  const until = f.quietHours ? quietUntil(f.now, f.timeZone, f.quietHours) : null;
  if (until !== null) return { action: "defer", until, delaySec: Math.min(MAX_QUEUE_DELAY_SEC, Math.max(1, Math.ceil((until - f.now) / 1000))) };
  if (f.deliveredToday >= f.dailyCap) return { action: "skip", outcome: "capped" };
  return { action: "deliver" };
}

/** When the quiet hours around `now` end (epoch ms), or null when `now` is not quiet. */
export function quietUntil(now: number, timeZone: string, q: QuietHours): number | null {
  const { minutes } = localClock(now, timeZone);
  if (!inInterval(minutes, q.from, q.to)) return null;
  const minuteStart = now - (now % 60_000);
  const end = toMinutes(q.to) % 1440;
  return minuteStart + (((end - minutes + 1440) % 1440) || 1440) * 60_000;
}

/** The start of the local day around `now` in `timeZone` (to the minute; DST days are off by the shift). */
export function localDayStart(now: number, timeZone: string): number {
  return now - (now % 60_000) - localClock(now, timeZone).minutes * 60_000;
}
