/**
 * Amounts: "199那单", "两百多的", "一百来块", "不到100", "$30", "about 50 dollars". A number is
 * read as money only with a money cue around it (currency sign or unit, "多", "那单"), so
 * quantities and model numbers ("2件", "小米14") are left alone; time words are blanked first.
 */
import { NUMBER_CHARS, parseNumber } from "./numerals";
import { maskSpan } from "./time-context";
import type { OrderSummary, SignalScore } from "./types";

/** A price range in cents, inclusive of `min`, exclusive of `max`. */
export interface AmountSpec {
  minCents: number;
  maxCents: number;
  label: string;
  /** Read from a bare number before "的"/"那单": may be a model number ("小米14的") instead. */
  bare?: string;
}

const NUM = `(\\d+(?:\\.\\d+)?|[${NUMBER_CHARS.replace("0-9.", "")}]+)`;
const UNIT = `(?:元|块钱|块|rmb|yuan|刀|美元|dollars?|bucks)`;
// A bare number is a price only before "的" or "那单"/"这个": "买了十件" is a quantity.
const ANCHOR = `(?=\\s?(?:的|那|这)\\s?(?:单|个|件|笔|双|部|台|条|盒|箱|套)|\\s?的)`;
const NOT_TIME = `(?!\\s?(?:天|号|日|月|年|周|星期|个月|小时|分钟|件|个|次|斤|岁|码))`;

interface Rule { re: RegExp; range: (n: number, m: RegExpExecArray) => [number, number] }

/** "两百多" is 200-299, "五十多" 50-59, "一千多" 1000-1999: "多" adds to the lowest non-zero place. */
function moreThan(n: number): [number, number] {
  let step = 1;
  while (n % (step * 10) === 0 && step < n) step *= 10;
  return [n, n + step];
}
/** People round prices: "199那单" may be ¥198.90 or ¥199.90. */
const near = (n: number): [number, number] => (Number.isInteger(n) ? [n - 1, n + 1] : [n - 0.05, n + 0.05]);
const about = (n: number): [number, number] => [n * 0.85, n * 1.15];

const RULES: Rule[] = [
  { re: new RegExp(`(?:不到|不超过|不足|少于|under|less than|below)\\s?[¥$]?\\s?${NUM}`, "g"), range: (n) => [0, n] },
  { re: new RegExp(`(?:超过|over|more than|above)\\s?[¥$]?\\s?${NUM}`, "g"), range: (n) => [n, n * 3] },
  { re: new RegExp(`(?:about|around|roughly|差不多|大概|大约)\\s?[¥$]\\s?${NUM}|(?:about|around|roughly)\\s?${NUM}\\s?${UNIT}`, "g"), range: (n) => about(n) },
  { re: new RegExp(`${NUM}\\s?(?:来|左右|上下)\\s?${UNIT}?|${NUM}\\s?${UNIT}\\s?(?:左右|上下)`, "g"), range: (n) => about(n) },
  { re: new RegExp(`${NUM}\\s?多${NOT_TIME}\\s?${UNIT}?`, "g"), range: (n) => moreThan(n) },
  { re: new RegExp(`(?:¥|\\$|rmb|usd)\\s?${NUM}|${NUM}\\s?${UNIT}`, "g"), range: (n) => near(n) },
  { re: new RegExp(`(?<![a-z]\\s?)${NUM}${ANCHOR}`, "g"), range: (n) => near(n) },
];

/** Round vague amounts: "几十块" is 10-99, "十几块" 11-19. */
const VAGUE: Record<string, [number, number]> = { 十几: [11, 20], 几十: [10, 100], 几百: [100, 1000], 几千: [1000, 10_000] };
const VAGUE_RE = new RegExp(`(${Object.keys(VAGUE).join("|")})\\s?(?:块|元|的|多)`, "g");

/** Finds amounts; returns them and the text with them blanked. */
export function extractAmounts(text: string): { specs: AmountSpec[]; rest: string } {
  const specs: AmountSpec[] = [];
  let rest = text;
  for (const m of text.matchAll(VAGUE_RE)) {
    const [lo, hi] = VAGUE[m[1]];
    specs.push({ minCents: lo * 100, maxCents: hi * 100, label: m[0] });
    rest = maskSpan(rest, m.index, m[0].length);
  }
  for (const rule of RULES) {
    const source = rest;
    for (const m of source.matchAll(rule.re)) {
      const raw = m.slice(1).find((g) => g !== undefined);
      const n = raw === undefined ? undefined : parseNumber(raw);
      // A bare "一的" or "3个" is no price; amounts below 1 are not what shoppers quote.
      if (n === undefined || n < 1 || !Number.isFinite(n)) continue;
      const bare = rule === RULES[RULES.length - 1];
      if (bare && n < 10) continue;
      const [lo, hi] = rule.range(n, m);
      specs.push({ minCents: Math.round(lo * 100), maxCents: Math.round(hi * 100), label: m[0].trim(), ...(bare ? { bare: raw } : {}) });
      rest = maskSpan(rest, m.index, m[0].length);
    }
  }
  return { specs, rest };
}

/** 0..1 fit of an order to one range: its total, a line's total, or one unit's price. */
function fitAmount(order: OrderSummary, a: AmountSpec): number {
  const within = (c: number) => c >= a.minCents && c < a.maxCents;
  if (within(order.totalCents)) return 1;
  if (order.items.some((i) => within(i.priceCents * i.qty))) return 0.8;
  if (order.items.some((i) => within(i.priceCents))) return 0.7;
  // A near miss (shipping added, coupon taken off) still says something.
  const slack = Math.max(500, (a.maxCents - a.minCents) * 0.5, a.maxCents * 0.1);
  return order.totalCents >= a.minCents - slack && order.totalCents < a.maxCents + slack ? 0.4 : 0;
}

/**
 * The amount signal; undefined when the message names no amount. A bare number that is part
 * of an item title ("小米14的那个") is a model number, not a price, and is dropped.
 */
export function amountSignal(all: AmountSpec[], orders: OrderSummary[]): SignalScore | undefined {
  const specs = all.filter((a) => !a.bare || !orders.some((o) => o.items.some((i) => i.title.toLowerCase().includes(a.bare as string))));
  if (specs.length === 0) return undefined;
  return {
    kind: "amount",
    weight: 2.5,
    weightWhenUnmatched: 1.25,
    match(order) {
      let best = 0;
      let label: string | undefined;
      for (const a of specs) {
        const s = fitAmount(order, a);
        if (s > best) {
          best = s;
          label = a.label;
        }
      }
      return { score: best, reason: label ? `amount:${label}` : undefined };
    },
  };
}
