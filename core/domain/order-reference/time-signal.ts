/**
 * Scores orders against the time phrases of a message.
 */
import { dayNumberAt } from "./calendar";
import type { TimeSpec } from "./time-words";
import type { OrderSummary, SignalScore } from "./types";

/** Credit for a day just outside a loose range ("上周" said of last Sunday-but-one). */
const NEAR_MISS = 0.5;
/** Credit when the phrase dates a shipment or delivery the order has not had yet, read as its purchase. */
const WRONG_EVENT = 0.5;

/** Times of the order a spec can date; purchase covers both placing and paying (23:59 vs 00:01). */
function timesFor(order: OrderSummary, event: TimeSpec["event"]): { times: number[]; factor: number } {
  const created = [order.createdAt, ...(order.paidAt !== undefined ? [order.paidAt] : [])];
  if (event === "shipped" && order.shippedAt !== undefined) return { times: [order.shippedAt], factor: 1 };
  if (event === "delivered" && order.deliveredAt !== undefined) return { times: [order.deliveredAt], factor: 1 };
  return { times: created, factor: event === "created" ? 1 : WRONG_EVENT };
}

/** 0..1: how well one instant fits one spec. */
function fitTime(spec: TimeSpec, t: number, now: number, timeZone: string): number {
  if (spec.kind === "recent") {
    if (t >= spec.sinceMs && t <= now) return 1;
    return dayNumberAt(t, timeZone) === dayNumberAt(now, timeZone) ? NEAR_MISS : 0;
  }
  const d = dayNumberAt(t, timeZone);
  if (d >= spec.from && d <= spec.to) return 1;
  const distance = d < spec.from ? spec.from - d : d - spec.to;
  return distance <= spec.slack ? NEAR_MISS : 0;
}

/**
 * The time signal of a message, or undefined when it names no time. An order scores the best
 * fit over all phrases (a shopper saying "昨天还是前天" means either).
 */
export function timeSignal(specs: TimeSpec[], now: number, timeZone: string): SignalScore | undefined {
  if (specs.length === 0) return undefined;
  return {
    kind: "time",
    // Below a product word (3): people remember what they bought better than when.
    weight: 2,
    // Dates are often misremembered: when no order fits, the phrase should not sink them all.
    weightWhenUnmatched: 0.6,
    match(order) {
      let best = 0;
      let label: string | undefined;
      for (const spec of specs) {
        const { times, factor } = timesFor(order, spec.event);
        for (const t of times) {
          const s = fitTime(spec, t, now, timeZone) * factor;
          if (s > best) {
            best = s;
            label = spec.label;
          }
        }
      }
      return { score: best, reason: label !== undefined && best > 0 ? `time:${label}` : undefined };
    },
  };
}
