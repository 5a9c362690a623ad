/**
 * Intent detection for routing: which desk (logistics, after-sales, …) a shopper's message belongs
 * to. Lexical and explainable on purpose: curated, weighted Chinese and English terms fire on the
 * message, each intent sums the weights of its terms, and the best sum wins. `matched` lists the
 * terms that fired so the routing-rule tester can show why. No model, no network.
 */
import { hasCjk, normalizeText, segmentWords } from "../text/tokenize.js";
import { buildLexicon, englishTokens, stem, type Lexicon } from "./english.js";
import { INTENTS, TIE_ORDER, type Intent, type TermHit } from "./intents.js";
import { compileEn, compileTable, compileZh, dropShadowed, findHits, type CompiledTerm } from "./pattern.js";
import { EN_COMMON_WORDS, EN_TERMS } from "./terms-en.js";
import { ZH_TERMS } from "./terms-zh.js";

export { INTENTS, type Intent } from "./intents.js";

/** What `detectIntent` concluded, with the evidence. */
export interface IntentResult {
  readonly intent: Intent;
  /** 0..1: how clearly the winner beats the rest, damped when the evidence is thin. */
  readonly confidence: number;
  /** Summed term weights per intent (0 when nothing fired). */
  readonly scores: Record<Intent, number>;
  /** The terms that fired, strongest first. */
  readonly matched: string[];
}

interface Compiled {
  readonly zh: CompiledTerm[];
  readonly en: CompiledTerm[];
  readonly lex: Lexicon;
  readonly negators: ReadonlySet<string>;
}

// Apostrophes are stripped before stemming, so "don't" arrives as "dont".
const NEGATORS =
  "not no never dont didnt doesnt isnt arent wasnt werent cant cannot couldnt wont havent hasnt hardly nobody";

let compiled: Compiled | undefined;
/** Compiled on first use, not at import, so a Worker's start-up stays cheap. */
function terms(): Compiled {
  if (compiled) return compiled;
  const en = compileTable(EN_TERMS, (i, w, t) => compileEn(i, w, t, stem));
  const words = Object.values(EN_TERMS).flatMap((groups) =>
    groups.flatMap((g) => g.terms.flatMap((t) => t.split(/[\s|_*~]+/))),
  );
  const negators = new Set(NEGATORS.split(" ").map(stem));
  compiled = {
    zh: compileTable(ZH_TERMS, compileZh),
    en,
    lex: buildLexicon(words, EN_COMMON_WORDS),
    negators,
  };
  return compiled;
}

/** Start offsets of the one-character words ICU's dictionary finds in normalised text. */
function singleCharWords(text: string): Set<number> {
  const out = new Set<number>();
  let from = 0;
  for (const w of segmentWords(text)) {
    const at = text.indexOf(w, from);
    if (at < 0) continue;
    if (w.length === 1) out.add(at);
    from = at + w.length;
  }
  return out;
}

function chineseHits(text: string, c: Compiled): TermHit[] {
  if (!hasCjk(text)) return [];
  // A one-character term (退, 换, 修, 送) counts only where the segmenter sees it as a word of
  // its own: 能/退/吗 is a return, 退出 (log out), 装修 (renovation) and 发送 (send) are not.
  const singles = singleCharWords(text);
  const accept = (parts: ReadonlyArray<readonly [number, number]>) =>
    parts.length > 1 || parts[0][1] - parts[0][0] > 1 || singles.has(parts[0][0]);
  // A negation within the two characters before a term: 不满意, 没人回复, 不太满意.
  const hits = findHits(c.zh, text, {
    unit: (o) => o,
    accept,
    negationAt: (start) => {
      const i = text.slice(Math.max(0, start - 2), start).search(/[不没未别无非]/);
      return i < 0 ? undefined : Math.max(0, start - 2) + i;
    },
    label: (parts) =>
      parts.map(([s, e], k) => (k > 0 && parts[k - 1][1] < s ? "…" : "") + text.slice(s, e)).join(""),
  });
  return dropShadowed(hits, true);
}

function englishHits(text: string, c: Compiled): TermHit[] {
  const { stems, words } = englishTokens(text, c.lex);
  if (stems.length === 0) return [];
  const joined = ` ${stems.join(" ")} `;
  const starts: number[] = [];
  for (let i = 0, o = 1; i < stems.length; o += stems[i].length + 1, i++) starts.push(o);
  const toToken = (offset: number) => starts.filter((s) => s < offset).length;
  const negationAt = (offset: number) => {
    const i = toToken(offset);
    return [i - 1, i - 2].find((k) => k >= 0 && c.negators.has(stems[k]));
  };
  // Split run-together words appear twice in `words`; show them once.
  const show = (s: number, e: number) =>
    words
      .slice(s, e)
      .filter((w, k, a) => w !== a[k - 1])
      .join(" ");
  const label = (parts: ReadonlyArray<readonly [number, number]>) =>
    parts
      .map(([s, e], k) => (k === 0 ? "" : parts[k - 1][1] < s ? " … " : " ") + show(s, e))
      .join("");
  return dropShadowed(findHits(c.en, joined, { unit: toToken, negationAt, label }), false);
}

/** Rounds to two decimals so scores read cleanly in the rule tester. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Detects the intent of one shopper message, Chinese, English or mixed. Empty or unrecognised
 * text is `other` with confidence 0.
 */
export function detectIntent(text: string): IntentResult {
  const c = terms();
  const norm = normalizeText(text);
  const hits = [...chineseHits(norm, c), ...englishHits(norm, c)].filter((h) => h.weight > 0);
  const scores = Object.fromEntries(INTENTS.map((i) => [i, 0])) as Record<Intent, number>;
  for (const h of hits) scores[h.intent] += h.weight;
  for (const i of INTENTS) scores[i] = round2(scores[i]);

  const ranked = [...TIE_ORDER].sort((a, b) => scores[b] - scores[a]);
  const top = scores[ranked[0]];
  const total = INTENTS.reduce((n, i) => n + scores[i], 0);
  const matched = [...hits].sort((a, b) => b.weight - a.weight).map((h) => h.term);
  if (top <= 0) return { intent: "other", confidence: 0, scores, matched };
  // Share of the evidence times a saturating strength: one weak hint is never "sure".
  const confidence = round2((top / total) * (1 - Math.exp(-top / 3)));
  return { intent: ranked[0], confidence, scores, matched: [...new Set(matched)] };
}
