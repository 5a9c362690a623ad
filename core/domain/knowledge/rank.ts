/**
 * Reranks lexical candidates: the best-matching phrasing of each article (term overlap weighted by
 * how rare a term is among the candidates), its BM25 ranks, a small prior from helpful /
 * not-helpful feedback, and a nudge for the asking shop's own articles. Confidence says how sure
 * the top answer is: its similarity to the question, and how far it stands above the next one.
 */
import type { TermWeights } from "./analyze";
import { candidateRarity, jaccard, overlap, unitsOf } from "./similarity";

/** At or above this the bot answers with the top article. */
export const ANSWER_THRESHOLD = 0.6;
/** At or above this (and below ANSWER_THRESHOLD) the bot offers the top 3 as "您是不是想问". */
export const SUGGEST_THRESHOLD = 0.3;
/** A shop's own article beats a platform article unless the platform one is better by more. */
export const SHOP_SCOPE_BOOST = 0.05;

export interface LexicalCandidate {
  articleId: string;
  shopId: string;
  /** Terms of the article's phrasings that matched (question and alternatives). */
  phrasings: TermWeights[];
  /** Best BM25 of a phrasing row (FTS5: lower is better, negative), null when none matched. */
  questionBm25: number | null;
  /** BM25 of the answer row, null when it did not match. */
  answerBm25: number | null;
  helpful: number;
  notHelpful: number;
}

export interface RankedArticle {
  articleId: string;
  shopId: string;
  score: number;
  /** Similarity of the best phrasing to the question, 0..1. */
  similarity: number;
  confidence: number;
}

/** Feedback prior: up to ±0.06, damped while few shoppers have voted. */
export function feedbackPrior(helpful: number, notHelpful: number): number {
  return (0.06 * (helpful - notHelpful)) / (helpful + notHelpful + 5);
}

/**
 * Similarity of the question to one phrasing: mostly the overlap of their characters (Chinese) or
 * words (English), plus the weighted term overlap, where rare terms count more.
 */
export function phrasingSimilarity(question: TermWeights, questionUnits: Set<string>, phrasing: TermWeights, rarity: (t: string) => number): number {
  const o = overlap(question, phrasing, rarity);
  return 0.7 * jaccard(questionUnits, unitsOf(phrasing)) + 0.3 * (0.6 * o.coverage + 0.4 * o.dice);
}

function bestSimilarity(question: TermWeights, phrasings: TermWeights[], rarity: (t: string) => number): number {
  const units = unitsOf(question);
  let best = 0;
  for (const p of phrasings) best = Math.max(best, phrasingSimilarity(question, units, p, rarity));
  return best;
}

/** BM25 relative to the best in the set: 1 for the best, toward 0 for weaker ones. */
function relative(value: number | null, best: number): number {
  return value === null || best >= 0 ? 0 : Math.min(1, value / best);
}

/** Ranks candidates best first, with scores and calibrated confidences. */
export function rankCandidates(question: TermWeights, candidates: LexicalCandidate[], shopId: string): RankedArticle[] {
  if (!candidates.length) return [];
  const rarity = candidateRarity(candidates.map((c) => c.phrasings));
  const bestQ = Math.min(0, ...candidates.map((c) => c.questionBm25 ?? 0));
  const bestA = Math.min(0, ...candidates.map((c) => c.answerBm25 ?? 0));
  const ranked = candidates.map((c) => {
    const similarity = bestSimilarity(question, c.phrasings, rarity);
    const lexical = 0.2 * relative(c.questionBm25, bestQ) + 0.15 * relative(c.answerBm25, bestA);
    const scope = c.shopId === shopId ? SHOP_SCOPE_BOOST : 0;
    const score = similarity + lexical + feedbackPrior(c.helpful, c.notHelpful) + scope;
    return { articleId: c.articleId, shopId: c.shopId, score, similarity, confidence: 0 };
  });
  ranked.sort((a, b) => b.score - a.score || a.articleId.localeCompare(b.articleId));
  return withConfidence(ranked);
}

/**
 * Confidence of each hit: mostly its phrasing similarity, plus how far the top hit's score stands
 * above the next one (two near-equal answers mean the question is ambiguous between them). Checked
 * against held-apart questions: at 0.6 the top hit was right for about 19 in 20 English ones.
 */
export function withConfidence(ranked: RankedArticle[]): RankedArticle[] {
  return ranked.map((r, i) => {
    // Capped, so a lone weak match (no rival to stand above) is not taken for a sure one.
    const lead = i === 0 ? Math.min(0.25, r.score - (ranked[1]?.score ?? 0)) : 0;
    return { ...r, confidence: round3(Math.min(1, Math.max(0, 0.8 * r.similarity + 1.5 * lead))) };
  });
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
