/**
 * Text → weighted search terms, the same way for what is indexed and what is asked, so both sides
 * meet: variants rewritten to one form, `Intl.Segmenter` words plus CJK bigrams, English stems and
 * concept synonyms, function words dropped.
 */
import { hasCjk, normalizeText, segmentWords } from "../text/tokenize";
import { EN_PHRASES, EN_STOP, EN_SYNONYMS, ZH_LIGHT, ZH_PARTICLES, ZH_REWRITES, ZH_STOP } from "./lexicon";
import { stemWord } from "./stem";

/** Unique terms of a text with their weight (0..1): how much a shared term says. */
export type TermWeights = Map<string, number>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
let rewrite: { re: RegExp; to: Map<string, string> } | undefined;
let synonyms: Map<string, string> | undefined;

function rewrites() {
  // Built on first use (not at module load) and longest first, so 用不了 wins over 不了.
  if (!rewrite) {
    const pairs = [...ZH_REWRITES, ...EN_PHRASES].sort((a, b) => b[0].length - a[0].length);
    const alternatives = pairs.map(([from]) => (hasCjk(from) ? escape(from) : `\\b${escape(from)}\\b`));
    rewrite = { re: new RegExp(alternatives.join("|"), "g"), to: new Map(pairs) };
  }
  return rewrite;
}

function concept(stem: string): string {
  synonyms ??= new Map(EN_SYNONYMS.map(([word, to]) => [stemWord(word), stemWord(to)]));
  return synonyms.get(stem) ?? stem;
}

/** Normalised text with Chinese variants and English phrases rewritten to their one form. */
export function canonicalText(text: string): string {
  const r = rewrites();
  return normalizeText(text).replace(r.re, (m) => r.to.get(m) ?? m);
}

/** How much a (content) term weighs: a lone character or a number says little. */
export function termWeight(term: string): number {
  if (hasCjk(term)) return term.length === 1 ? 0.4 : ZH_LIGHT.has(term) ? 0.5 : 1;
  if (/^\d+$/.test(term)) return 0.2;
  return term.length === 1 ? 0.2 : 1;
}

/** The search term of one segmenter word, or null for a function word. */
function wordTerm(word: string): string | null {
  if (hasCjk(word)) return ZH_STOP.has(word) ? null : word;
  const plain = word.replace(/[^\p{L}\p{N}]/gu, "");
  if (!plain || EN_STOP.has(plain)) return null;
  const term = /^[a-z]+$/.test(plain) ? concept(stemWord(plain)) : plain;
  return EN_STOP.has(term) ? null : term;
}

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/**
 * Character bigrams of each run of Chinese characters, beside the segmenter's words: it misses
 * some words (发货 → 发 / 货) and mis-cuts others (开发票 → 开发 / 票), and the bigrams still
 * meet. A bigram with a particle in it (的衣, 了吗) is noise and left out.
 */
function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    for (let k = 0; k + 1 < chars.length; k++) {
      const gram = chars[k]! + chars[k + 1]!;
      if (!ZH_PARTICLES.has(chars[k]!) && !ZH_PARTICLES.has(chars[k + 1]!) && !ZH_STOP.has(gram)) out.push(gram);
    }
  }
  return out;
}

/** The content terms of a text in order, repeats kept (what the index stores). */
export function termSequence(text: string): string[] {
  const canonical = canonicalText(text);
  const out: string[] = [];
  for (const word of segmentWords(canonical)) {
    const term = wordTerm(word);
    if (term) out.push(term);
  }
  return [...out, ...bigrams(canonical)];
}

/** Unique content terms with their weights. */
export function analyze(text: string): TermWeights {
  const weights: TermWeights = new Map();
  for (const term of termSequence(text)) weights.set(term, termWeight(term));
  return weights;
}

/** Weights of terms read back from the index (space-separated, as `indexText` wrote them). */
export function weightsOfIndexed(indexed: string): TermWeights {
  const weights: TermWeights = new Map();
  for (const term of indexed.split(" ")) if (term) weights.set(term, termWeight(term));
  return weights;
}

/** The FTS column text of a phrasing or an answer: our terms, space-separated. */
export function indexText(text: string): string {
  return termSequence(text).join(" ");
}
