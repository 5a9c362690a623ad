/**
 * Time helpers for the demo mall. Shoppers say "昨天" and "上个月" in China Standard Time, so
 * calendar days are computed at UTC+8 (no daylight saving), whatever the machine's zone.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The fixed "now" of the generator when none is given: 2026-11-20 12:00 in Beijing. */
export const DEMO_NOW = Date.parse("2026-11-20T12:00:00+08:00");

const MALL_OFFSET = 8 * HOUR;

/** Start (epoch ms) of the mall-local calendar day `daysAgo` days before the day of `now`. */
export function dayStart(now: number, daysAgo = 0): number {
  return Math.floor((now + MALL_OFFSET) / DAY) * DAY - MALL_OFFSET - daysAgo * DAY;
}

/** Start of the mall-local calendar month `monthsAgo` months before the month of `now`. */
export function monthStart(now: number, monthsAgo = 0): number {
  const local = new Date(now + MALL_OFFSET);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsAgo, 1) - MALL_OFFSET;
}

/** Start of the latest 双十一 (Nov 11, mall-local) that is entirely in the past. */
export function lastDoubleEleven(now: number): number {
  const year = new Date(now + MALL_OFFSET).getUTCFullYear();
  const thisYear = Date.UTC(year, 10, 11) - MALL_OFFSET;
  return thisYear + DAY <= now ? thisYear : Date.UTC(year - 1, 10, 11) - MALL_OFFSET;
}

/**
 * Places successive events after `start`: each gap is its typical length, unless the chain would
 * run past `end`; then every gap shrinks in proportion, so the order of events and "before now"
 * both hold whatever time of day the mall is seeded at.
 */
export function chain(start: number, gaps: number[], end: number): number[] {
  const total = gaps.reduce((sum, g) => sum + g, 0);
  const room = Math.max(gaps.length, (end - start) * 0.95);
  const scale = total > room ? room / total : 1;
  const times: number[] = [];
  let t = start;
  for (const gap of gaps) {
    t += Math.max(1, Math.floor(gap * scale));
    times.push(t);
  }
  return times;
}
