/**
 * Combines signals into ranked candidates.
 *
 * Each signal gives every order a match in 0..1. An order's evidence is the weighted sum of its
 * matches; its fit is that sum over the total weight, i.e. the share of what the shopper said
 * that the order agrees with. Orders agreeing with less than half (FIT_MIN) are not shown.
 * Among the rest, a softmax of evidence plus small priors (recency, open orders) gives each its
 * share, and confidence = share × fit, so a lone order that barely fits is not reported as sure.
 * Candidates are ranked by confidence. The top two are too close to pick when the second's
 * confidence is within a factor e^(SHARPNESS × AMBIGUITY_MARGIN) ≈ 3 of the first's: with equal
 * fits, that is a score gap under AMBIGUITY_MARGIN.
 */
import type { OrderStatus } from "../catalog";
import type { OrderCandidate, OrderSummary, SignalScore } from "./types";

/** Least share of the weighted evidence an order must agree with to be offered at all. */
export const FIT_MIN = 0.5;
/** Score gap (in evidence units; a product word weighs 3) under which the top two tie. */
export const AMBIGUITY_MARGIN = 0.75;
/** Softmax sharpness: a gap of one unit makes the leader e^1.5 ≈ 4.5× as likely. */
const SHARPNESS = 1.5;
/** Candidates this far below the leader (in score units) are not worth a card. */
const SHOW_WITHIN = 2.5;
const AMBIGUITY_RATIO = Math.exp(-SHARPNESS * AMBIGUITY_MARGIN);
const SHOW_RATIO = Math.exp(-SHARPNESS * SHOW_WITHIN);
const MAX_CANDIDATES = 5;
/** Confidence factor when the message names an order but nothing tells them apart. */
const NO_EVIDENCE_FIT = 0.6;

/** Orders still open are what people write about; closed ones less so. Tie-breaker only. */
const OPEN_PRIOR: Partial<Record<OrderStatus, number>> = { paid: 0.2, shipped: 0.2, refunding: 0.2, pending_payment: 0.1, delivered: 0.1 };
const RECENCY_PRIOR = 0.3;
const RECENCY_DAYS = 10;

/** Small prior of an order: newer and open orders first when the evidence ties. */
export function priorOf(order: OrderSummary, now: number): number {
  const ageDays = Math.max(0, (now - order.createdAt) / 86_400_000);
  return RECENCY_PRIOR * Math.exp(-ageDays / RECENCY_DAYS) + (OPEN_PRIOR[order.status] ?? 0);
}

interface Scored { order: OrderSummary; fit: number; score: number; reasons: string[] }

/**
 * Ranks orders against the signals; returns the candidates worth showing and whether they tie.
 * `plural` (the shopper said "这些"/"both") makes any second candidate a reason to offer a choice.
 */
export function rankOrders(
  orders: OrderSummary[],
  signals: SignalScore[],
  now: number,
  plural = false,
): { candidates: OrderCandidate[]; ambiguous: boolean } {
  const perSignal = signals.map((s) => {
    const matches = orders.map((o) => s.match(o));
    const best = Math.max(0, ...matches.map((m) => m.score));
    // A signal no order fits keeps only its "unmatched" weight, partly when some order half-fits.
    const weight = s.weightWhenUnmatched + (s.weight - s.weightWhenUnmatched) * best;
    return { weight, matches };
  });
  const total = perSignal.reduce((sum, s) => sum + s.weight, 0);

  const scored: Scored[] = orders.map((order, i) => {
    let evidence = 0;
    const reasons: string[] = [];
    for (const s of perSignal) {
      const m = s.matches[i];
      evidence += s.weight * m.score;
      if (m.score > 0 && m.reason) reasons.push(m.reason);
    }
    const fit = total > 0 ? evidence / total : NO_EVIDENCE_FIT;
    return { order, fit, score: evidence + priorOf(order, now), reasons };
  });

  const eligible = scored.filter((s) => total === 0 || s.fit >= FIT_MIN).sort((a, b) => b.score - a.score || b.order.createdAt - a.order.createdAt);
  if (eligible.length === 0) return { candidates: [], ambiguous: false };
  const top = eligible[0].score;
  // Shares are taken over every eligible order so a long tail still lowers the leader's.
  const exp = eligible.map((s) => Math.exp(SHARPNESS * (s.score - top)));
  const sum = exp.reduce((a, b) => a + b, 0);
  const ranked = eligible
    .map((s, i) => ({ s, confidence: (exp[i] / sum) * s.fit }))
    .sort((a, b) => b.confidence - a.confidence || b.s.order.createdAt - a.s.order.createdAt);
  const best = ranked[0].confidence;
  const shown = ranked.filter((r) => r.confidence >= best * SHOW_RATIO).slice(0, MAX_CANDIDATES);
  const candidates = shown.map((r) => ({ orderId: r.s.order.id, confidence: Math.round(r.confidence * 1000) / 1000, reasons: r.s.reasons }));
  const ambiguous = shown.length >= 2 && (plural || shown[1].confidence >= best * AMBIGUITY_RATIO);
  return { candidates, ambiguous };
}
