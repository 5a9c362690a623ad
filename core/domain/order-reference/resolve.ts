/**
 * Order-reference resolution: from a shopper's message, the order(s) it means, so the bot can
 * answer about the right one (or show a short choice of cards) without asking for an order
 * number. Pure: the caller passes the shopper's recent orders and the clock.
 */
import { DEFAULT_TIME_ZONE } from "./calendar";
import { amountSignal, extractAmounts } from "./amounts";
import { extractCategoryWords } from "./category-words";
import { detectCues, refersToOrder, type OrderCues } from "./cues";
import { rankOrders } from "./scoring";
import { extractStatusWords, statusSignal } from "./status-words";
import { timeSignal } from "./time-signal";
import { extractTimeWords } from "./time-words";
import { productSignal } from "./title-match";
import { normalizeText } from "../text/tokenize";
import type { OrderSummary, ResolveInput, ResolveResult, SignalScore } from "./types";

/** Weight of the order page the chat was opened from: below a product word, above a status word. */
const ENTRY_WEIGHT = 2;
/** "这单" said on an order page points at it harder. */
const ENTRY_WEIGHT_THIS_ORDER = 3;

/**
 * The entry order as a signal: it fits, the others do not; or the reverse when the shopper
 * says "不是这单".
 */
function entrySignal(orders: OrderSummary[], entryOrderId: string | undefined, cues: OrderCues): SignalScore | undefined {
  if (!entryOrderId || !orders.some((o) => o.id === entryOrderId)) return undefined;
  const weight = cues.thisOrder && !cues.notThisOrder ? ENTRY_WEIGHT_THIS_ORDER : ENTRY_WEIGHT;
  return {
    kind: "entry",
    weight,
    weightWhenUnmatched: weight,
    match: (o) => ((o.id === entryOrderId) !== cues.notThisOrder ? { score: 1, reason: cues.notThisOrder ? "not-entry" : "entry" } : { score: 0 }),
  };
}

/** An order number the shopper volunteers outweighs everything else. */
const ID_WEIGHT = 6;
/** Order references sit in the opening of a message; the cap bounds regex work on 2000-char rants. */
const MAX_CHARS = 400;

/** Order ids written out in the message (ids shorter than 4 characters could occur by chance). */
function idSignal(orders: OrderSummary[], text: string): SignalScore | undefined {
  const named = new Set(orders.filter((o) => o.id.length >= 4 && text.includes(o.id.toLowerCase())).map((o) => o.id));
  if (named.size === 0) return undefined;
  return { kind: "id", weight: ID_WEIGHT, weightWhenUnmatched: ID_WEIGHT, match: (o) => (named.has(o.id) ? { score: 1, reason: "id" } : { score: 0 }) };
}

/**
 * Normalised, capped text. Curly quotes from phone keyboards would break "hasn't"; digit runs
 * longer than any price or date (tracking and order numbers) are blanked so the number rules
 * do not crawl them.
 */
function prepare(message: string): string {
  return normalizeText(message.slice(0, MAX_CHARS))
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\d{9,}/g, (run) => " ".repeat(run.length));
}

/**
 * Finds the order(s) a message refers to. `referenced` says whether it refers to an order at
 * all; `candidates` are best first with confidence in 0..1 (empty when none fits well enough);
 * `ambiguous` means the first few are too close to pick, so the bot should offer them as cards.
 */
export function resolveOrderReference(input: ResolveInput): ResolveResult {
  const { orders, now } = input;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const text = prepare(input.message);
  const id = idSignal(orders, normalizeText(input.message));
  // Each extractor blanks what it read, so "618" is a date and not a price, "199" a price and
  // not a model number, "退款" a status and not a title word.
  const time = extractTimeWords(text, now, timeZone);
  const amounts = extractAmounts(time.rest);
  const status = extractStatusWords(amounts.rest);
  const categories = extractCategoryWords(status.rest);
  const cues = detectCues(text);

  const product = productSignal(categories.words, categories.rest, orders);
  const amount = amountSignal(amounts.specs, orders);
  const stat = statusSignal(status.cues);
  const referenced = id !== undefined || refersToOrder(cues, {
    time: time.specs.length > 0,
    amount: amount !== undefined,
    status: stat !== undefined,
    statusGenericOnly: status.cues.every((c) => c.name === "logistics"),
    product: product !== undefined,
  });
  if (!referenced || orders.length === 0) return { candidates: [], ambiguous: false, referenced };

  const signals = [timeSignal(time.specs, now, timeZone), amount, stat, product, entrySignal(orders, input.entryOrderId, cues), id].filter(
    (s): s is SignalScore => s !== undefined,
  );
  // "T恤和鞋子": two kinds of product named means two orders may be meant.
  const kinds = new Set(categories.words.map((w) => w.categories.join()));
  return { ...rankOrders(orders, signals, now, cues.plural || kinds.size >= 2), referenced };
}
