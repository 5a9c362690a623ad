/**
 * Mood scoring for shopper messages in Chinese and English: a hand-written weighted lexicon with
 * negation, degree words, contrast, punctuation, stretched spelling and emoji. Used to hand an
 * upset shopper from the bot to a person and to flag angry chats for agents. No model, no
 * network: it runs the same in workerd and Node and costs well under a millisecond per message.
 */
import { normalizeText } from "../text/tokenize";
import { ACKS } from "./lexicon-emoji";
import { scan } from "./scan";
import { tally } from "./score";

/** Result of {@link scoreSentiment}. */
export interface SentimentResult {
  /** -1 (furious) … 0 (no mood) … 1 (delighted). */
  score: number;
  label: "negative" | "neutral" | "positive";
  /** Surface forms of the words that pulled the score down ("太慢", "没发货", "not good"), in order. */
  negativeTerms: string[];
  /** Explicit complaint or escalation wording: 投诉, 差评, 12315, 骗子, 报警, lawyer, report you, unacceptable … */
  complaint: boolean;
}

/**
 * Squashes the raw sum into -1..1 as VADER does (x / √(x² + α)); with α = 8 one clear word such as
 * 太慢 or "terrible" lands around ±0.5 and several pile up towards ±1 without reaching it.
 */
const ALPHA = 8;
/** |score| below this is neutral: a lone weak cue ("ok", "等了") is not a mood. */
export const NEUTRAL_BAND = 0.1;
/**
 * Hand-off threshold. Chosen on our own chat phrasings rather than the review sets, so that one
 * plain complaint ("太慢了", "still haven't received it") triggers it but mild remarks
 * ("有点贵", "a bit small", "质量问题可以退吗") do not.
 */
export const UPSET_THRESHOLD = -0.5;

/** Scores the mood of one message (see {@link SentimentResult}). */
export function scoreSentiment(text: string): SentimentResult {
  // A bare acknowledgement ("好的", "ok") says nothing about mood; only its emoji or marks count.
  const input = isAck(text) ? text.replace(/[\p{L}\p{N}]+/gu, " ") : text;
  const { sum, negativeTerms, complaint } = tally(scan(input));
  const score = round(sum / Math.sqrt(sum * sum + ALPHA));
  const label = score <= -NEUTRAL_BAND ? "negative" : score >= NEUTRAL_BAND ? "positive" : "neutral";
  return { score, label, negativeTerms, complaint };
}

/**
 * The bot → person hand-off trigger: an explicit complaint, or a clearly negative message.
 * Accepts a result already computed to avoid scoring twice.
 */
export function isUpset(text: string | SentimentResult): boolean {
  const r = typeof text === "string" ? scoreSentiment(text) : text;
  return r.complaint || r.score <= UPSET_THRESHOLD;
}

function isAck(text: string): boolean {
  if (text.length > 24) return false;
  return ACKS.has(normalizeText(text).replace(/[\p{P}\p{S}\s]+/gu, " ").trim());
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
