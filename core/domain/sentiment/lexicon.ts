/**
 * Lexicon entry types and the builder that turns the compact per-language word lists
 * (`lexicon-zh.ts`, `lexicon-en.ts`, `lexicon-emoji.ts`) into lookup maps.
 *
 * The lists are grouped by kind and weight so a reviewer can read and tune them as data; weights
 * are on a -3..+3 scale (3 = "garbage", "完美"; 1 = mild; 0 = deliberately neutral).
 */

/**
 * What a lexicon entry does:
 * - `s` sentiment term, weight = polarity and strength;
 * - `c` like `s`, and also an explicit complaint / escalation word (投诉, lawyer …);
 * - `r` like `s`, but rhetorical or exasperated (怎么回事, "how many times"), so a question mark
 *   does not soften it the way it softens a plain description ("偏小吗?");
 * - `g` thanks and courtesy (谢谢, 辛苦了, thanks): praise, but only a formula in a message that
 *   otherwise complains;
 * - `x` term with an explicit weight when negated (`negated`); mostly "expected events" such as
 *   发货 / arrived / works, neutral on their own but clearly negative when they did not happen;
 * - `d` sentiment adjective that acts as a degree adverb right before another sentiment term
 *   (好慢 = "very slow", pretty good);
 * - `n` negator, weight = strength (不太 0.6 damps, 根本没 1.3 stresses);
 * - `m` imperative negator (别, 不要): flips praise but keeps a complaint negative (别骗人);
 * - `u` negator of ability (无法, can't): like `n`, and when no opinion word follows it the
 *   failure itself is the complaint ("无法登录", "can't log in"), unless the clause is a question;
 * - `i` intensifier / dampener, weight = multiplier (太 1.6, 有点 0.6);
 * - `b` contrast (但是, but): what follows weighs more than what came before;
 * - `a` concession (虽然, although): its own clause weighs less;
 * - `o` neutral blocker: consumes text so a shorter entry cannot match inside it (好像, 快递, 卡号).
 */
export type Kind = "s" | "c" | "r" | "g" | "x" | "d" | "n" | "m" | "u" | "i" | "b" | "a" | "o";

/** One group of entries: kind, weight, white-space separated entries ("_" stands for a space), and for `x` the negated weight. */
export type LexGroup = readonly [kind: Kind, weight: number, entries: string, negated?: number];

/** A resolved lexicon entry. */
export interface Term {
  readonly text: string;
  readonly kind: Kind;
  readonly w: number;
  /** Weight used when a negator governs the term (`x` entries only). */
  readonly negated?: number;
}

/** Lookup map plus the longest entry length (characters for Chinese, words for English). */
export interface Lexicon {
  readonly terms: ReadonlyMap<string, Term>;
  readonly maxLen: number;
  /** Entries listed twice (the later one wins); a test keeps this empty. */
  readonly duplicates: readonly string[];
}

/**
 * Builds a lexicon. `unit` decides how entry length is measured: `char` for Chinese forward
 * maximum matching, `word` for English phrase matching over word tokens.
 */
export function buildLexicon(groups: readonly LexGroup[], unit: "char" | "word"): Lexicon {
  const terms = new Map<string, Term>();
  const duplicates: string[] = [];
  let maxLen = 1;
  for (const [kind, w, list, negated] of groups) {
    for (const raw of list.split(/\s+/)) {
      if (!raw) continue;
      const text = raw.replace(/_/g, " ");
      if (terms.has(text)) duplicates.push(text);
      terms.set(text, negated === undefined ? { text, kind, w } : { text, kind, w, negated });
      const len = unit === "char" ? [...text].length : text.split(" ").length;
      if (len > maxLen) maxLen = len;
    }
  }
  return { terms, maxLen, duplicates };
}

/** True for kinds that carry polarity of their own. */
export function isPolar(term: Term | undefined): term is Term {
  const k = term?.kind;
  return k === "s" || k === "c" || k === "r" || k === "g" || k === "x" || k === "d";
}
