/**
 * The bot's turn, as a pure decision: given what the shopper said and what search and the order
 * resolver found, answer, suggest, answer an order question, or hand off to a person (and why).
 * The room gathers the inputs, calls `decideBotTurn`, and carries out the result.
 */

/** Above this the bot answers with the top article; between the two it offers choices. */
export const DEFAULT_THRESHOLDS = { answer: 0.6, suggest: 0.3 } as const;

/** How many unsure turns in a row before the bot hands off. */
export const LOW_CONFIDENCE_LIMIT = 2;

export type HandoffReason = "asked" | "upset" | "low_confidence" | "rule" | "order_unresolved";

export interface SearchCandidate {
  articleId: string;
  question: string;
  confidence: number;
}

export interface OrderFinding {
  /** The message is about an order at all. */
  referenced: boolean;
  /** Candidate order ids, best first. */
  orderIds: string[];
  ambiguous: boolean;
}

export interface BotTurnInput {
  text: string;
  /** The shopper asked for a person (转人工 …). */
  askedForHuman: boolean;
  /** Clearly negative, or complaint words. */
  upset: boolean;
  /** The routing rule said to skip the bot. */
  skipBot: boolean;
  /** The message is an order or logistics question (intent), and what the resolver found. */
  orderQuestion: boolean;
  orders: OrderFinding;
  hits: SearchCandidate[];
  /** Unsure turns so far in this session. */
  lowStreak: number;
  thresholds?: { answer: number; suggest: number };
}

export type BotAction =
  | { kind: "answer"; articleId: string }
  | { kind: "suggest"; options: SearchCandidate[]; lowStreak: number }
  | { kind: "order_status"; orderId: string }
  | { kind: "order_choice"; orderIds: string[] }
  | { kind: "handoff"; reason: HandoffReason };

/** Decides the bot's reply to one shopper message. */
export function decideBotTurn(input: BotTurnInput): BotAction {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  if (input.skipBot) return { kind: "handoff", reason: "rule" };
  if (input.askedForHuman) return { kind: "handoff", reason: "asked" };
  if (input.upset) return { kind: "handoff", reason: "upset" };

  const top = input.hits[0];
  const confident = top !== undefined && top.confidence >= t.answer;
  // The shopper's own order beats a general article ("到哪了" is about *their* parcel).
  if (input.orderQuestion && input.orders.referenced) {
    if (input.orders.orderIds.length > 0) {
      if (input.orders.ambiguous) return { kind: "order_choice", orderIds: input.orders.orderIds.slice(0, 3) };
      return { kind: "order_status", orderId: input.orders.orderIds[0]! };
    }
    if (!confident) return { kind: "handoff", reason: "order_unresolved" };
  }
  if (confident) return { kind: "answer", articleId: top.articleId };

  const lowStreak = input.lowStreak + 1;
  if (lowStreak >= LOW_CONFIDENCE_LIMIT) return { kind: "handoff", reason: "low_confidence" };
  const options = input.hits.filter((h) => h.confidence >= t.suggest).slice(0, 3);
  return { kind: "suggest", options, lowStreak };
}

const HUMAN_ZH = /转人工|人工客服|人工服务|找人工|真人|客服在吗|要人工|接人工|人工$/;
const HUMAN_EN = /\b(human|real person|live agent|talk to (an? )?(agent|person|someone)|speak to (an? )?(agent|person|human|representative)|representative|operator)\b/i;

/** True when the shopper asks for a person, in Chinese or English. */
export function asksForHuman(text: string): boolean {
  const t = text.normalize("NFKC").trim();
  return HUMAN_ZH.test(t) || HUMAN_EN.test(t) || /^(agent|人工)[!！.。?？]*$/i.test(t);
}
