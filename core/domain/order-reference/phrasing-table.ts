/**
 * The order-phrasing table (docs/order-phrasings-format.md): JSON lines of a message, the clock,
 * the shopper's orders and the acceptable answers. Parsing and judging live here so the unit test
 * (in workerd) and the eval script (in Node) read and score rows the same way.
 */
import * as v from "valibot";
import { ORDER_STATUSES } from "../catalog";
import { describeIssues, toFieldIssues } from "../../protocol/validate";
import type { OrderSummary, ResolveInput, ResolveResult } from "./types";

/** ISO 8601 instant with an explicit offset, read as epoch ms. */
const Instant = v.pipe(
  v.string(),
  v.check((s) => /(?:Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO time with an offset, e.g. 2025-03-12T15:00:00+08:00"),
  v.transform((s) => Date.parse(s)),
);

const Item = v.object({
  productId: v.string(),
  title: v.string(),
  category: v.string(),
  qty: v.pipe(v.number(), v.integer(), v.minValue(1)),
  priceCents: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

const Order = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  shopId: v.string(),
  status: v.picklist(ORDER_STATUSES),
  totalCents: v.pipe(v.number(), v.integer(), v.minValue(0)),
  createdAt: Instant,
  paidAt: v.optional(Instant),
  shippedAt: v.optional(Instant),
  deliveredAt: v.optional(Instant),
  items: v.array(Item),
});

/** One row of the table, as written. */
export const PhrasingRow = v.object({
  message: v.string(),
  now: Instant,
  timeZone: v.optional(v.string()),
  entryOrderId: v.optional(v.string()),
  orders: v.array(Order),
  /** Order ids acceptable as the top answer; [] = no order should be resolved. */
  expected: v.array(v.string()),
  /** When present, the resolver's `ambiguous` must equal it. */
  ambiguous: v.optional(v.boolean()),
});

/** A parsed row: times are epoch ms, ready for `resolveOrderReference`. */
export interface PhrasingCase {
  input: ResolveInput;
  expected: string[];
  ambiguous?: boolean;
  /** Where the row came from, e.g. `order-phrasings.jsonl:12`. */
  where: string;
}

/** Parses one row; throws naming the row and the bad field. */
export function parsePhrasingRow(raw: unknown, where: string): PhrasingCase {
  const r = v.safeParse(PhrasingRow, raw);
  if (!r.success) throw new Error(`${where}: ${describeIssues(toFieldIssues(r.issues))}`);
  const row = r.output;
  const input: ResolveInput = { message: row.message, orders: row.orders as OrderSummary[], now: row.now };
  if (row.timeZone !== undefined) input.timeZone = row.timeZone;
  if (row.entryOrderId !== undefined) input.entryOrderId = row.entryOrderId;
  return { input, expected: row.expected, ambiguous: row.ambiguous, where };
}

/** Parses a whole JSON-lines table; blank lines are skipped. */
export function parsePhrasingTable(text: string, source = "table"): PhrasingCase[] {
  const cases: PhrasingCase[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new Error(`${source}:${i + 1}: invalid JSON (${(err as Error).message})`);
    }
    cases.push(parsePhrasingRow(raw, `${source}:${i + 1}`));
  });
  return cases;
}

/**
 * Whether the resolver answered a row right: with `expected` empty, nothing may be resolved
 * (not referenced, or no candidate); otherwise the top candidate must be one of `expected`, and
 * `ambiguous` must match when the row states it. `why` explains a miss.
 */
export function judgePhrasing(c: PhrasingCase, result: ResolveResult): { correct: boolean; why?: string } {
  const top = result.referenced ? result.candidates[0]?.orderId : undefined;
  if (c.expected.length === 0) {
    return top === undefined ? { correct: true } : { correct: false, why: `expected nothing, resolved ${top}` };
  }
  if (top === undefined) return { correct: false, why: result.referenced ? "no candidate" : "not referenced" };
  if (!c.expected.includes(top)) return { correct: false, why: `top ${top}, expected ${c.expected.join("|")}` };
  if (c.ambiguous !== undefined && c.ambiguous !== result.ambiguous) {
    return { correct: false, why: `ambiguous ${result.ambiguous}, expected ${c.ambiguous}` };
  }
  return { correct: true };
}
