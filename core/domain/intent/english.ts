/**
 * English tokens for intent matching: `segmentWords` words, a light suffix stemmer so "cancelling",
 * "cancelled" and "cancel" meet, and typo repair against the term vocabulary, because shoppers type
 * on phones ("assistnce", "refund" → "refnud", "deliveryaddress").
 */
import { segmentWords } from "../text/tokenize.js";

/** A crude, deterministic stemmer: enough to fold inflections, never used for display. */
export function stem(word: string): string {
  let s = word.replace(/['’]/g, "");
  if (s.length <= 3) return s;
  if (s.endsWith("ies") && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith("sses")) s = s.slice(0, -2);
  else if (s.endsWith("s") && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith("ing")) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith("ed")) s = s.slice(0, -2);
  if (/([^aeiouls])\1$/.test(s) || /ll$/.test(s)) s = s.slice(0, -1);
  if (s.length > 3 && s.endsWith("e")) s = s.slice(0, -1);
  return s;
}

/** Optimal-string-alignment distance, giving up once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** Stems the tokenizer knows: the term vocabulary (repair targets) and plain words (left alone). */
export interface Lexicon {
  readonly vocab: ReadonlySet<string>;
  readonly common: ReadonlySet<string>;
}

/** Builds a lexicon from the term lists' words and a list of everyday words. */
export function buildLexicon(termWords: Iterable<string>, commonWords: Iterable<string>): Lexicon {
  const vocab = new Set<string>();
  for (const w of termWords) if (/^[a-z]/.test(w)) vocab.add(stem(w));
  const common = new Set<string>();
  for (const w of commonWords) common.add(stem(w));
  return { vocab, common };
}

const known = (lex: Lexicon, s: string) => lex.vocab.has(s) || lex.common.has(s);

/** Repairs already worked out, per lexicon: the scan below visits the whole vocabulary. */
const repairs = new WeakMap<Lexicon, Map<string, string | undefined>>();
const REPAIRS_KEPT = 5000;

/** Closest vocabulary stem within one edit (two for long words), or undefined. */
function repair(lex: Lexicon, s: string): string | undefined {
  // Short words have too many real neighbours ("chip" is not "ship").
  if (s.length < 5) return undefined;
  let memo = repairs.get(lex);
  if (!memo) repairs.set(lex, (memo = new Map()));
  if (memo.has(s)) return memo.get(s);
  if (memo.size >= REPAIRS_KEPT) memo.clear();
  const fixed = closestStem(lex, s);
  memo.set(s, fixed);
  return fixed;
}

function closestStem(lex: Lexicon, s: string): string | undefined {
  const max = s.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestD = max + 1;
  for (const v of lex.vocab) {
    if (v.length < 4) continue;
    const d = editDistance(s, v, max);
    if (d < bestD) [best, bestD] = [v, d];
  }
  return best;
}

/** Splits words run together ("deliveryaddress") when both halves are known. */
function split(lex: Lexicon, word: string): string[] | undefined {
  if (word.length < 7) return undefined;
  for (let i = 2; i <= word.length - 2; i++) {
    const [a, b] = [stem(word.slice(0, i)), stem(word.slice(i))];
    if (known(lex, a) && known(lex, b) && (lex.vocab.has(a) || lex.vocab.has(b))) return [a, b];
  }
  return undefined;
}

/** Latin-script words of a text: `stems` to match on, `words` (same length) to show. */
export interface EnglishTokens {
  readonly stems: string[];
  readonly words: string[];
}

/** Stems of the Latin-script words of `text`, typos repaired to the closest term word. */
export function englishTokens(text: string, lex: Lexicon): EnglishTokens {
  const stems: string[] = [];
  const words: string[] = [];
  for (const word of segmentWords(text)) {
    if (!/[a-z]/.test(word)) continue;
    const s = stem(word);
    // A near-miss of one term word beats splitting: "probile" is "profile", not "pro" + "bile".
    const fixed = known(lex, s) || /\d/.test(word) ? s : repair(lex, s);
    const parts = fixed ? undefined : split(lex, word.replace(/['’]/g, ""));
    if (parts) {
      stems.push(...parts);
      words.push(word, word);
    } else {
      stems.push(fixed ?? s);
      words.push(word);
    }
  }
  return { stems, words };
}
