/**
 * Wall-clock time in a named zone, as routing needs it: a weekday and minutes since local
 * midnight. Rules speak in the shop's local time ("after 22:00"), never in UTC.
 */
import * as v from "valibot";

/** A wall-clock time `HH:MM`, 00:00-23:59; `24:00` is allowed as the end of an interval. */
export const HHMM = v.pipe(v.string(), v.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time HH:MM"));
export type HHMM = v.InferOutput<typeof HHMM>;

/** Monday first, as Chinese (and ISO) weeks are. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The default zone of the mall and its shops: one constant with the order resolver's calendar. */
export { DEFAULT_TIME_ZONE } from "../order-reference/calendar";

/** Minutes since midnight of an `HH:MM` string. */
export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** `HH:MM` of minutes since midnight. */
export function fromMinutes(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A usable interval: the ends differ (an empty or full-day span would be ambiguous) and 24:00 only ends one. */
export function isInterval(from: string, to: string): boolean {
  return from !== "24:00" && toMinutes(from) !== toMinutes(to);
}

/**
 * Whether `minutes` falls in [from, to). When `to` is not after `from` the interval wraps
 * midnight (22:00-02:00 holds 23:30 and 01:00).
 */
export function inInterval(minutes: number, from: string, to: string): boolean {
  const f = toMinutes(from);
  const t = toMinutes(to);
  return f < t ? minutes >= f && minutes < t : minutes >= f || minutes < t;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // hourCycle h23: with hour12 false some runtimes print midnight as "24".
    f = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local weekday and minutes since local midnight of an instant in `timeZone`. */
export function localClock(now: number, timeZone: string): { weekday: Weekday; minutes: number } {
  let weekday: Weekday = "mon";
  let hour = 0;
  let minute = 0;
  for (const p of formatterFor(timeZone).formatToParts(new Date(now))) {
    if (p.type === "weekday") weekday = p.value.slice(0, 3).toLowerCase() as Weekday;
    else if (p.type === "hour") hour = Number(p.value) % 24;
    else if (p.type === "minute") minute = Number(p.value);
  }
  return { weekday, minutes: hour * 60 + minute };
}
