/**
 * Calendar arithmetic in a named time zone. Shoppers speak in calendar days ("昨天" is the
 * date before today's date where they live, not "24 to 48 hours ago"), so every order time is
 * mapped to a local day number and words are resolved to ranges of day numbers.
 */

/** Days since 1970-01-01 of a local calendar date. */
export type DayNumber = number;

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter per zone; an unknown zone falls back to the default rather than throwing. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    } catch {
      f = formatterFor(DEFAULT_TIME_ZONE);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar day of an instant in `timeZone`. */
export function dayNumberAt(epochMs: number, timeZone: string): DayNumber {
  let y = 1970;
  let m = 1;
  let d = 1;
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type === "year") y = Number(p.value);
    else if (p.type === "month") m = Number(p.value);
    else if (p.type === "day") d = Number(p.value);
  }
  return dayNumberOf(y, m, d);
}

/** Day number of a calendar date; month is 1-based and may overflow (month 13 = January next year). */
export function dayNumberOf(year: number, month: number, day: number): DayNumber {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Calendar date of a day number; month is 1-based. */
export function dateOf(day: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday (Chinese weeks start on Monday, as ISO's do). */
export function isoWeekday(day: DayNumber): number {
  // 1970-01-01 (day 0) was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Monday of the week holding `day`. */
export function mondayOf(day: DayNumber): DayNumber {
  return day - (isoWeekday(day) - 1);
}

/** First and last day of the calendar month holding `day`, shifted by `offset` months. */
export function monthRange(day: DayNumber, offset = 0): { from: DayNumber; to: DayNumber } {
  const { year, month } = dateOf(day);
  const from = dayNumberOf(year, month + offset, 1);
  return { from, to: dayNumberOf(year, month + offset + 1, 1) - 1 };
}

/**
 * The latest occurrence of month/day that is not after `today` (so "双十一" said in March means
 * last November, and said on Nov 12 means yesterday's).
 */
export function latestDate(today: DayNumber, month: number, day: number): DayNumber {
  const { year } = dateOf(today);
  const thisYear = dayNumberOf(year, month, day);
  return thisYear <= today ? thisYear : dayNumberOf(year - 1, month, day);
}
