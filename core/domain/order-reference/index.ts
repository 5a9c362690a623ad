/**
 * Order-reference resolution (issue 5, item 3): which of the shopper's orders a message means.
 */
export { resolveOrderReference } from "./resolve";
export { AMBIGUITY_MARGIN, FIT_MIN } from "./scoring";
export { extractTimeWords, type TimeSpec } from "./time-words";
export { dayNumberAt, dateOf, DEFAULT_TIME_ZONE } from "./calendar";
export type { OrderCandidate, OrderItemSummary, OrderSummary, ResolveInput, ResolveResult } from "./types";
