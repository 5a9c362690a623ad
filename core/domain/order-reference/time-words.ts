/**
 * Time words → calendar ranges: "昨天", "上周", "双十一那单", "3 days ago", "on Monday".
 * Ranges are local calendar days in the shopper's zone; `slack` is how many days outside the
 * range still earn part credit, wide for words people use loosely ("上周", "前几天").
 */
import { dateOf, dayNumberAt, dayNumberOf, latestDate, mondayOf, monthRange, type DayNumber } from "./calendar";
import { EN_NUMBER_WORDS, NUMBER_CHARS, parseNumber } from "./numerals";
import { eventOfTimeWord, maskSpan, type TimeEvent } from "./time-context";

export type { TimeEvent } from "./time-context";

/** One time phrase of the message, resolved. */
export type TimeSpec =
  | { kind: "days"; from: DayNumber; to: DayNumber; slack: number; event: TimeEvent; label: string }
  | { kind: "recent"; sinceMs: number; event: TimeEvent; label: string };

type Range = { from: DayNumber; to: DayNumber; slack: number } | { sinceMs: number } | undefined;
interface Ctx { today: DayNumber; now: number }
interface Rule { re: RegExp; range: (m: RegExpExecArray, c: Ctx) => Range | Range[] }

const N = `[${NUMBER_CHARS}]+`;
const EN_N = `\\d+|${EN_NUMBER_WORDS}`;
const HOUR = 3_600_000;
const CN_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7 };
const EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const day = (d: DayNumber, slack = 0): Range => ({ from: d, to: d, slack });
/** "N days ago" is approximate: the further back, the looser. */
const ago = (n: number | undefined, c: Ctx, unitDays = 1): Range =>
  n === undefined ? undefined : day(c.today - n * unitDays, Math.max(1, Math.round((n * unitDays) / 5)));
const week = (c: Ctx, offset: number, slack: number): Range => {
  const from = mondayOf(c.today) + 7 * offset;
  return { from, to: Math.min(from + 6, c.today), slack };
};
/** A weekday: in this week, last week, or (bare, "周三买的") the latest one before today. */
const weekday = (c: Ctx, wd: number | undefined, which: "this" | "last" | "latest"): Range => {
  if (!wd) return undefined;
  const monday = mondayOf(c.today);
  if (which === "this") return day(monday + wd - 1);
  if (which === "last") return day(monday - 7 + wd - 1);
  const d = monday + wd - 1;
  return day(d < c.today ? d : d - 7);
};
/** English "last Monday" means last week's Monday to some and the latest Monday to others: both. */
const enWeekday = (c: Ctx, wd: number, which: string | undefined): Range[] =>
  which === "last" ? [weekday(c, wd, "last"), weekday(c, wd, "latest")] : [weekday(c, wd, which === "this" ? "this" : "latest")];
const month = (c: Ctx, offset: number, slack: number): Range => {
  const r = monthRange(c.today, offset);
  return { from: r.from, to: Math.min(r.to, c.today), slack };
};
const around = (d: DayNumber, before: number, after: number, slack: number): Range => ({ from: d - before, to: d + after, slack });
const dateInPast = (c: Ctx, m: number | undefined, d: number | undefined): Range =>
  m && d && m <= 12 && d <= 31 ? day(latestDate(c.today, m, d)) : undefined;
const dayOfMonth = (c: Ctx, d: number | undefined): Range => {
  if (!d || d > 31) return undefined;
  const t = dateOf(c.today);
  const thisMonth = dayNumberOf(t.year, t.month, d);
  return day(thisMonth <= c.today ? thisMonth : dayNumberOf(t.year, t.month - 1, d));
};
const enMonth = (name: string): number => EN_MONTHS.indexOf(name.slice(0, 3)) + 1;

/** Longest phrases first: each match is masked so "前天" does not fire again inside "大前天". */
const RULES: Rule[] = [
  { re: /大前天/g, range: (_, c) => day(c.today - 3) },
  { re: /前天|the day before yesterday/g, range: (_, c) => day(c.today - 2) },
  { re: /昨天|昨晚|昨日|昨儿|yesterday|last night/g, range: (_, c) => day(c.today - 1) },
  { re: /今天|今早|今晚|今日|今儿|this morning|this afternoon|tonight|earlier today|today/g, range: (_, c) => day(c.today) },
  { re: /刚才|刚刚|刚(?=下单|买|拍|付)|just now|a moment ago|(?:a )?few minutes ago|an hour ago/g, range: (_, c) => ({ sinceMs: c.now - 6 * HOUR }) },
  { re: /(\d+) hours? ago/g, range: (m, c) => ({ sinceMs: c.now - (Number(m[1]) + 2) * HOUR }) },
  { re: /前两天|这两天|(?:a )?couple (?:of )?days ago/g, range: (_, c) => ({ from: c.today - 3, to: c.today - 1, slack: 1 }) },
  { re: /前几天|几天前|前些天|这几天|最近几天|(?:a )?few days ago|the other day/g, range: (_, c) => ({ from: c.today - 6, to: c.today - 1, slack: 1 }) },
  { re: new RegExp(`(${N})多天(?:之?前|以前|了)`, "g"), range: (m, c) => { const n = parseNumber(m[1]); return n === undefined ? undefined : { from: c.today - n - (n < 100 ? 9 : 99), to: c.today - n, slack: 2 }; } },
  { re: new RegExp(`(?:等了)?(${N})\\s?天(?:之?前|以前|了)|等了(${N})天|(${EN_N}) days? ago`, "g"), range: (m, c) => ago(parseNumber(m[1] ?? m[2] ?? m[3]), c) },
  { re: new RegExp(`(${N})(?:个)?(?:星期|礼拜|周)(?:之?前|以前|了)|(${EN_N}) weeks? ago`, "g"), range: (m, c) => ago(parseNumber(m[1] ?? m[2]), c, 7) },
  { re: /半个月(?:之?前|以前|了)/g, range: (_, c) => day(c.today - 15, 4) },
  { re: new RegExp(`(${N})个月(?:之?前|以前|了)|(${EN_N}) months? ago`, "g"), range: (m, c) => ago(parseNumber(m[1] ?? m[2]), c, 30) },
  { re: /上上(?:个)?(?:周|星期|礼拜)/g, range: (_, c) => week(c, -2, 2) },
  { re: /(上|这|本)(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g, range: (m, c) => weekday(c, CN_WEEKDAY[m[2]], m[1] === "上" ? "last" : "this") },
  { re: /(?:周|星期|礼拜)([一二三四五六日天1-7])/g, range: (m, c) => weekday(c, CN_WEEKDAY[m[1]], "latest") },
  { re: new RegExp(`\\b(last|this|on)? ?(${EN_WEEKDAYS.join("|")})\\b`, "g"), range: (m, c) => enWeekday(c, EN_WEEKDAYS.indexOf(m[2]) + 1, m[1]) },
  { re: /上(?:个)?(?:周|星期|礼拜)|last week|a week ago/g, range: (_, c) => week(c, -1, 2) },
  { re: /(?:这|本)(?:个)?(?:周|星期|礼拜)|this week/g, range: (_, c) => week(c, 0, 0) },
  { re: /上(?:个)?月|last month|a month ago/g, range: (_, c) => month(c, -1, 3) },
  { re: /(?:这|本)(?:个)?月|this month/g, range: (_, c) => month(c, 0, 0) },
  { re: /去年|last year/g, range: (_, c) => { const y = dateOf(c.today).year - 1; return { from: dayNumberOf(y, 1, 1), to: dayNumberOf(y, 12, 31), slack: 0 }; } },
  { re: /双(?:十一|11)|光棍节|singles'? day|\b11\.11\b|(?<!\d)1111(?!\d)/g, range: (_, c) => around(latestDate(c.today + 1, 11, 11), 1, 1, 1) },
  { re: /双(?:十二|12)|\b12\.12\b/g, range: (_, c) => around(latestDate(c.today + 1, 12, 12), 1, 1, 1) },
  { re: /(?<![\d.])618(?![\d.])|六一八/g, range: (_, c) => around(latestDate(c.today + 1, 6, 18), 1, 1, 2) },
  { re: new RegExp(`(${N})月(${N})(?:号|日)?`, "g"), range: (m, c) => dateInPast(c, parseNumber(m[1]), parseNumber(m[2])) },
  { re: new RegExp(`\\b(${EN_MONTHS.join("|")})[a-z]*\\.? (\\d{1,2})(?:st|nd|rd|th)?\\b`, "g"), range: (m, c) => dateInPast(c, enMonth(m[1]), Number(m[2])) },
  { re: new RegExp(`(?<![${NUMBER_CHARS}月])(${N})(?:号|日)(?!元)`, "g"), range: (m, c) => dayOfMonth(c, parseNumber(m[1])) },
  { re: /\bon the (\d{1,2})(?:st|nd|rd|th)\b/g, range: (m, c) => dayOfMonth(c, Number(m[1])) },
];

/**
 * Finds the time phrases of a normalised message. Returns the resolved specs and the text with
 * those phrases blanked, so amount and product extractors do not read "618" as a price.
 */
export function extractTimeWords(text: string, now: number, timeZone: string): { specs: TimeSpec[]; rest: string } {
  const ctx: Ctx = { today: dayNumberAt(now, timeZone), now };
  const specs: TimeSpec[] = [];
  let rest = text;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    const masked = rest;
    for (let m = rule.re.exec(masked); m; m = rule.re.exec(masked)) {
      rest = maskSpan(rest, m.index, m[0].length);
      const event = eventOfTimeWord(text, m.index, m[0].length);
      if (event === "expectation") continue;
      const label = m[0].trim();
      for (const range of [rule.range(m, ctx)].flat()) {
        if (!range) continue;
        if ("sinceMs" in range) specs.push({ kind: "recent", sinceMs: range.sinceMs, event, label });
        else specs.push({ kind: "days", ...range, event, label });
      }
    }
  }
  return { specs, rest };
}
