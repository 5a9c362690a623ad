/**
 * How close a question is to one phrasing, over weighted terms: how much of the question the
 * phrasing covers, and a Dice overlap that also penalises what the phrasing has beyond it. A
 * misspelt English word still counts, a little less, when one edit away from a phrasing's word.
 */
import type { TermWeights } from "./analyze";

/** Weight multiplier of a term: how rare it is among the candidates (1 = rare). */
export type Rarity = (term: string) => number;

export interface Overlap {
  /** Share of the question's weight found in the phrasing. */
  coverage: number;
  /** Weighted Dice coefficient of both term sets. */
  dice: number;
}

const ASCII_WORD = /^[a-z]{5,}$/;

/** True when two words are one edit apart (insert, delete, substitute or swap two neighbours). */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function fuzzyWeight(term: string, phrasing: TermWeights): number {
  if (!ASCII_WORD.test(term)) return 0;
  for (const other of phrasing.keys()) if (ASCII_WORD.test(other) && oneEditApart(term, other)) return 0.8;
  return 0;
}

/** Overlap of the question's terms with one phrasing's terms. */
export function overlap(question: TermWeights, phrasing: TermWeights, rarity: Rarity): Overlap {
  let asked = 0;
  let shared = 0;
  for (const [term, w] of question) {
    const weight = w * rarity(term);
    asked += weight;
    if (phrasing.has(term)) shared += weight;
    else shared += weight * fuzzyWeight(term, phrasing);
  }
  let offered = 0;
  for (const [term, w] of phrasing) offered += w * rarity(term);
  return { coverage: asked ? shared / asked : 0, dice: asked + offered ? (2 * shared) / (asked + offered) : 0 };
}

/**
 * The units of a text for surface similarity: each Chinese character of its content terms, and
 * each other term (an English stem, a number) whole. Paraphrases in Chinese share characters
 * more reliably than words, since the segmenter cuts two wordings of one request differently.
 */
export function unitsOf(terms: TermWeights): Set<string> {
  const units = new Set<string>();
  for (const term of terms.keys()) {
    if (/^[\u3400-\u9fff\uf900-\ufaff]+$/.test(term)) for (const ch of term) units.add(ch);
    else units.add(term);
  }
  return units;
}

/** Jaccard similarity of two unit sets. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/**
 * Rarity of terms among a candidate set: a term every candidate shares (花呗 when the question is
 * about 花呗) tells them apart less than one only a few have.
 */
export function candidateRarity(sets: TermWeights[][]): Rarity {
  const df = new Map<string, number>();
  for (const phrasings of sets) {
    const seen = new Set<string>();
    for (const p of phrasings) for (const t of p.keys()) seen.add(t);
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = sets.length;
  const top = Math.log(1 + n);
  return (term) => (top > 0 ? 0.3 + (0.7 * Math.log(1 + n / ((df.get(term) ?? 0) + 1))) / top : 1);
}
