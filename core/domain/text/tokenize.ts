/**
 * Text normalisation and tokenising for Chinese and English, shared by search, intent detection,
 * sentiment and order-reference resolution. `Intl.Segmenter` carries ICU's Chinese dictionary in
 * workerd and Node, so no dictionary ships with us; it splits some two-character words
 * (发货 → 发 / 货), so CJK character bigrams are produced beside the words.
 */
import { LruCache } from "../../lib/lru.js";

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

let segmenter: Intl.Segmenter | undefined;
function wordSegmenter(): Intl.Segmenter {
  // Built lazily: constructing it at module top level would run during Worker start-up.
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  return segmenter;
}

/** NFKC (full-width → half-width), lower case, collapsed white space. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** True when the string holds at least one CJK ideograph. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * Texts segmented lately. Shoppers repeat the same questions all day, and each `segment()` call
 * leaves an ICU iterator for the garbage collector to finalise (in `npm run bench` those
 * finalisers made the longest pauses of the rooms' thread). Bounded, least recently used out.
 */
const segmented = new LruCache<string, readonly string[]>(2_000);

/** Word-like segments of normalised text (punctuation and spaces dropped). */
export function segmentWords(text: string): readonly string[] {
  const known = segmented.get(text);
  if (known) return known;
  const out: string[] = [];
  for (const s of wordSegmenter().segment(normalizeText(text))) {
    if (s.isWordLike) out.push(s.segment);
  }
  segmented.set(text, Object.freeze(out));
  return out;
}

/** Overlapping two-character grams of every CJK run; a lone character stands for itself. */
export function cjkBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of normalizeText(text).match(CJK_RUN) ?? []) {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** Words plus CJK bigrams: the terms indexed and queried by lexical search. */
export function searchTerms(text: string): string[] {
  return [...segmentWords(text), ...cjkBigrams(text)];
}
