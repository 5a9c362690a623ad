/**
 * A light English stemmer for search terms: plural, -ing, -ed, -ly, -ment and -ation endings and
 * doubled final consonants. Stems need not be words; they only have to meet: "cancelling",
 * "canceled", "cancellation" and "cancel" all become "cancel".
 */
import { EN_LEMMAS } from "./lexicon";

const VOWEL = /[aeiouy]/;

function strip(word: string, suffix: string, minStem: number): string | null {
  if (!word.endsWith(suffix)) return null;
  const stem = word.slice(0, -suffix.length);
  return stem.length >= minStem && VOWEL.test(stem) ? stem : null;
}

function dropPlural(w: string): string {
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("s") && !/(ss|us|is)$/.test(w) && w.length > 3) return w.slice(0, -1);
  return w;
}

function dropEnding(w: string): string {
  for (const [suffix, min] of [["ations", 3], ["ation", 3], ["ments", 3], ["ment", 3], ["ingly", 3], ["ing", 3], ["edly", 3], ["ed", 3], ["ly", 4]] as const) {
    const stem = strip(w, suffix, min);
    if (stem !== null) return stem;
  }
  return w;
}

/** The search stem of one lower-case English word. */
export function stemWord(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  const lemma = EN_LEMMAS.get(word);
  if (lemma) return lemma;
  let w = dropEnding(dropPlural(word));
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("i")) w = `${w.slice(0, -1)}y`;
  // Doubled endings (cancell-ing, shipp-ing, bill) collapse, so every form meets on one stem.
  if (/([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}
