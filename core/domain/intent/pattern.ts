/**
 * The tiny pattern language of the term lists, compiled to regular expressions.
 *
 * - `a|b` alternatives at one position;
 * - `*` a short gap (Chinese: up to 6 characters inside one clause; English: up to 4 words), so
 *   "cancel * order" catches "cancel my last order" without listing every filler;
 * - English only: `?` at most one word ("not ? received" = "not received", "not yet received");
 * - a leading `~`: the term counts only right after a negation (满意 → 不满意, happy → not happy);
 * - English only: `_` joins words inside one alternative (`sign_up|register`).
 *
 * Each literal position is a capture group, so a hit knows which stretches it really matched and
 * a longer phrase can shadow the shorter words inside it (退货地址 is not also 地址).
 */
import type { Intent, TermGroup, TermHit } from "./intents.js";

/** A term compiled for one language. */
export interface CompiledTerm {
  readonly intent: Intent;
  readonly weight: number;
  readonly term: string;
  readonly negated: boolean;
  readonly re: RegExp;
  /**
   * The alternatives of the first literal position: a match must contain one of them, so a text
   * containing none is skipped without running the regex (hundreds of terms, one message).
   */
  readonly anchors: readonly string[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/**
 * Longest alternative first, so the regex prefers 退货退款 over 退货. Latin letters and digits at
 * an alternative's edge must not continue a longer word: "ems" is a courier, not part of "items".
 */
function alternation(alts: string[]): string {
  const fenced = [...new Set(alts)]
    .sort((a, b) => b.length - a.length)
    .map((a) => {
      const before = /^[a-z0-9]/.test(a) ? "(?<![a-z0-9])" : "";
      const after = /[a-z0-9]$/.test(a) ? "(?![a-z0-9])" : "";
      return `${before}${escape(a)}${after}`;
    });
  return `(${fenced.join("|")})`;
}

// A Chinese gap stays inside one clause: punctuation and spaces end it.
const ZH_GAP = "[^，。！？,.!?;；:：\\s]{0,6}?";

/** Compiles a Chinese term; matched as a substring of the normalised text. */
export function compileZh(intent: Intent, weight: number, term: string): CompiledTerm {
  const negated = term.startsWith("~");
  const body = negated ? term.slice(1) : term;
  const positions = body.split("*");
  const source = positions.map((p) => alternation(p.split("|"))).join(ZH_GAP);
  return { intent, weight, term: body, negated, re: new RegExp(source, "gd"), anchors: positions[0]!.split("|") };
}

// English text is matched as " stem stem stem " so every token is bounded by spaces.
const EN_GAP = "(?:\\S+ ){0,4}?";

/** Compiles an English term over space-joined word stems; `stem` must be the tokenizer's. */
export function compileEn(
  intent: Intent,
  weight: number,
  term: string,
  stem: (word: string) => string,
): CompiledTerm {
  const negated = term.startsWith("~");
  const body = negated ? term.slice(1) : term;
  const positions = body.split(/\s+/).filter(Boolean);
  const source = positions
    .map((p) =>
      p === "*"
        ? EN_GAP
        : p === "?"
          ? "(?:\\S+ )?"
          : `${alternation(p.split("|").map((a) => a.split("_").map(stem).join(" ")))} `,
    )
    .join("");
  const first = positions.find((p) => p !== "*" && p !== "?");
  const anchors = first ? first.split("|").map((a) => a.split("_").map(stem).join(" ")) : [""];
  return { intent, weight, term: body, negated, re: new RegExp(`(?<= )${source}`, "gd"), anchors };
}

/**
 * Compiles a whole table with the given compiler. Terms that compile alike for one intent
 * ("size", "sizes" after stemming) are kept once, at their highest weight, so listing word forms
 * never counts the same evidence twice.
 */
export function compileTable(
  table: Readonly<Record<Intent, readonly TermGroup[]>>,
  compile: (intent: Intent, weight: number, term: string) => CompiledTerm,
): CompiledTerm[] {
  const byKey = new Map<string, CompiledTerm>();
  for (const [intent, groups] of Object.entries(table) as [Intent, readonly TermGroup[]][]) {
    for (const g of groups) {
      for (const t of g.terms) {
        const c = compile(intent, g.weight, t);
        const key = `${intent} ${c.negated ? "~" : ""}${c.re.source}`;
        const seen = byKey.get(key);
        if (!seen || seen.weight < c.weight) byKey.set(key, c);
      }
    }
  }
  return [...byKey.values()];
}

/** How a language maps regex offsets to its units and tells what a hit looked like. */
export interface HitContext {
  /** String offset → the caller's unit (chars for Chinese, tokens for English). */
  readonly unit: (offset: number) => number;
  /** Where (in units) a negation right before a match at this string offset starts, if any. */
  readonly negationAt: (start: number) => number | undefined;
  /** The shopper's own words for the literal parts, for `matched` ("cancel … order"). */
  readonly label: (parts: ReadonlyArray<readonly [number, number]>) => string;
  /** Whether a match really is the term here (Chinese: a lone 退 must be a word); default yes. */
  readonly accept?: (parts: ReadonlyArray<readonly [number, number]>) => boolean;
}

/** Runs compiled terms over `text`; each term fires at most once. */
export function findHits(terms: readonly CompiledTerm[], text: string, ctx: HitContext): TermHit[] {
  const hits: TermHit[] = [];
  for (const t of terms) {
    if (!t.anchors.some((a) => text.includes(a))) continue;
    for (const m of text.matchAll(t.re)) {
      // A ~term needs a negation right before it; plain terms ignore negation, because in
      // service chat "not received" or 不想退了 is still about delivery or returns.
      const neg = t.negated ? ctx.negationAt(m.index) : undefined;
      if (t.negated && neg === undefined) continue;
      const parts = literalParts(m, ctx.unit);
      if (ctx.accept && !ctx.accept(parts)) continue;
      // The negation is shown with the term (不满意, "not happy") but shadows nothing.
      const shown = neg === undefined ? parts : [[neg, parts[0][0]] as const, ...parts];
      hits.push({ intent: t.intent, weight: t.weight, term: ctx.label(shown), parts });
      break; // one firing per term and message: a repeated sentence is not twice the evidence
    }
  }
  return hits;
}

/** Offsets of the capture groups (the literal positions), adjacent ones merged. */
function literalParts(m: RegExpMatchArray, unit: (o: number) => number): [number, number][] {
  const parts: [number, number][] = [];
  const indices = m.indices ?? [];
  for (let g = 1; g < indices.length; g++) {
    const span = indices[g];
    if (!span) continue;
    const [s, e] = [unit(span[0]), unit(span[1])];
    const last = parts[parts.length - 1];
    if (last && last[1] === s) last[1] = e;
    else parts.push([s, e]);
  }
  return parts;
}

/**
 * Drops hits with a literal stretch lying inside a longer stretch of another hit, so the most
 * specific phrase speaks for its words: 价格保护 is after-sales, not also 价格 → pre-sales.
 * With `gapped` (Chinese), patterns with gaps can be shadowed too, because there a character
 * can belong to a longer word: the 到 of 到账 (money arrived) does not complete "什么时候…到"
 * (when will it arrive). English words are whole tokens, so there only plain phrases yield.
 */
export function dropShadowed(hits: readonly TermHit[], gapped: boolean): TermHit[] {
  return hits.filter((h) => {
    if (!gapped && h.parts.length > 1) return true;
    const first = h.parts[0][0];
    const last = h.parts[h.parts.length - 1][1];
    // A gapped hit is only shadowed by a word reaching outside it (到账 past "什么时候…到"); a
    // phrase inside its gap ("enter a new shipping address") just refines one of its words.
    const reachesOut = (os: number, oe: number) => h.parts.length === 1 || os < first || oe > last;
    const covers = (s: number, e: number) => (o: TermHit) =>
      o !== h && o.parts.some(([os, oe]) => os <= s && e <= oe && oe - os > e - s && reachesOut(os, oe));
    return !h.parts.some(([s, e]) => hits.some(covers(s, e)));
  });
}
