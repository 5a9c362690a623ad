/**
 * A shop's business hours, stored as data, and the one question routing asks of them: is the
 * desk open at this instant? Computed in the shop's zone, so a shop in Urumqi or Berlin can say
 * 09:00 and mean its own morning.
 */
import * as v from "valibot";
import { DEFAULT_TIME_ZONE, HHMM, WEEKDAYS, inInterval, isInterval, isTimeZone, localClock, toMinutes, type HHMM as Hhmm } from "./clock";

/** One opening interval `[from, to]`; `to` before `from` wraps past midnight into the next day. */
export const OpeningInterval = v.pipe(
  v.tuple([HHMM, HHMM]),
  v.check(([from, to]) => isInterval(from, to), "must be two different times, and 24:00 only as the end"),
);

/** A day's intervals; a shop open in the morning and the evening lists two. */
const Day = v.optional(v.pipe(v.array(OpeningInterval), v.maxLength(6, "must list at most 6 intervals")), []);

/** Opening hours per weekday in an IANA zone. A missing or empty day is closed. */
export const BusinessHours = v.strictObject({
  timeZone: v.optional(
    v.pipe(v.string(), v.check(isTimeZone, "must be an IANA time zone such as Asia/Shanghai")),
    DEFAULT_TIME_ZONE,
  ),
  weekly: v.strictObject({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }),
});
export type BusinessHours = v.InferOutput<typeof BusinessHours>;

/** 09:00-22:00 every day, Beijing time: the usual hours of a Chinese mall's service desk. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: DEFAULT_TIME_ZONE,
  // A fresh array per day, so a caller editing one day's copy cannot change the others.
  weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, [["09:00", "22:00"] as [Hhmm, Hhmm]]])) as BusinessHours["weekly"],
};

/**
 * Whether `now` (epoch ms) falls within the business hours. An interval that wraps midnight
 * belongs to the day it starts on: Friday's 20:00-02:00 covers Saturday 01:00, not Friday 01:00.
 */
export function isWithinBusinessHours(hours: BusinessHours, now: number): boolean {
  const { weekday, minutes } = localClock(now, hours.timeZone);
  const today = WEEKDAYS.indexOf(weekday);
  const yesterday = WEEKDAYS[(today + 6) % 7];
  for (const [from, to] of hours.weekly[weekday] ?? []) {
    const wraps = toMinutes(to) <= toMinutes(from);
    if (wraps ? minutes >= toMinutes(from) : inInterval(minutes, from, to)) return true;
  }
  for (const [from, to] of hours.weekly[yesterday] ?? []) {
    if (toMinutes(to) <= toMinutes(from) && minutes < toMinutes(to)) return true;
  }
  return false;
}
