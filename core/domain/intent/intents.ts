/**
 * The intent groups the router understands, and the shape of the curated term lists that feed
 * the detector. Kept apart from the matcher so routing rules and the UI can import the list alone.
 */

/** Every intent, in the order the rule editor lists them. */
export const INTENTS = [
  "logistics",
  "after_sales",
  "pre_sales",
  "payment",
  "account",
  "complaint",
  "other",
] as const;

/** One routing intent group. */
export type Intent = (typeof INTENTS)[number];

/**
 * Terms sharing one weight. A term is a tiny pattern (see `pattern.ts`): `a|b` alternatives,
 * `*` a short gap, a leading `~` "counts only when negated" (不满意, not happy).
 */
export interface TermGroup {
  readonly weight: number;
  readonly terms: readonly string[];
}

/** Curated terms per intent for one language. */
export type TermTable = Readonly<Record<Intent, readonly TermGroup[]>>;

/** A term that fired: where (char offsets for Chinese, token offsets for English) and for whom. */
export interface TermHit {
  readonly intent: Intent;
  readonly weight: number;
  /** The words that matched, as the shopper wrote them ("cancel … order", 到哪了). */
  readonly term: string;
  /** Literal stretches matched, gaps excluded, as [start, end) offsets. */
  readonly parts: ReadonlyArray<readonly [number, number]>;
}

/** Picks the winner when two intents score the same: the more specific, costlier topic first. */
export const TIE_ORDER: readonly Intent[] = [
  "complaint",
  "after_sales",
  "payment",
  "logistics",
  "account",
  "pre_sales",
  "other",
];
