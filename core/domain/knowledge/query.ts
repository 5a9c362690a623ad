/**
 * FTS5 MATCH expressions of a question. Lone characters and numbers are left to the rerank (they
 * match too much to find candidates by) unless nothing else is left. Two shapes:
 * - `anyTerm`: an OR of the quoted terms; finds everything sharing one word.
 * - `twoTerms`: an OR of pairs (a AND b) of the heaviest terms; finds what shares two, which on a
 *   large index is a far smaller set for FTS5 to rank, and is where the answer almost always is.
 */
import type { TermWeights } from "./analyze";

/** Most terms an `anyTerm` expression carries. */
export const MAX_MATCH_TERMS = 32;
/** Heaviest terms paired in a `twoTerms` expression (6 terms: at most 15 pairs). */
export const MAX_PAIRED_TERMS = 6;

// Terms hold only letters and digits (analyze.ts), so quoting is all the escaping FTS5 needs.
const quote = (term: string) => `"${term}"`;

function searchable(weights: TermWeights): string[] {
  const all = [...weights.entries()];
  const strong = all.filter(([, w]) => w >= 0.5);
  // Heavier first; among equals the segmenter's words (analyze lists them before the bigrams).
  return (strong.length ? strong : all).sort((a, b) => b[1] - a[1]).map(([term]) => term);
}

/** An OR of the terms, or null when the text has no searchable term. */
export function matchExpression(weights: TermWeights, maxTerms = MAX_MATCH_TERMS): string | null {
  const terms = searchable(weights).slice(0, maxTerms);
  return terms.length ? terms.map(quote).join(" OR ") : null;
}

/**
 * Two Chinese terms sharing a character are usually pieces of one word (连衣 / 衣裙 of 连衣裙):
 * as a pair they would find every row with that word, which is no narrower than the word alone.
 */
function overlaps(a: string, b: string): boolean {
  return /[\u3400-\u9fff]/.test(a) && [...a].some((ch) => b.includes(ch));
}

/** An OR of term pairs, or null when fewer than three terms make pairs worth it. */
export function pairExpression(weights: TermWeights, maxTerms = MAX_PAIRED_TERMS): string | null {
  const terms = searchable(weights).slice(0, maxTerms);
  if (terms.length < 3) return null;
  // Grouped by term: (a AND (b OR c)) OR (b AND c) matches the same rows as every pair listed,
  // with fewer phrases for FTS5 to scan.
  const groups: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const partners = terms.slice(i + 1).filter((t) => !overlaps(terms[i]!, t)).map(quote);
    if (partners.length) groups.push(`(${quote(terms[i]!)} AND ${partners.length === 1 ? partners[0] : `(${partners.join(" OR ")})`})`);
  }
  return groups.length ? groups.join(" OR ") : null;
}
