/**
 * Combines scanned tokens into a raw mood sum (negative = upset), following the rules people use
 * when they read a message: negators flip or damp the next opinion word, degree words scale it,
 * what follows "但是 / but" outweighs what came before, and !!! / ？？？ sharpen a clause.
 */
import { isPolar, type Term } from "./lexicon";
import type { Clause, Scan, Token } from "./scan";

/** Raw result before squashing into -1..1. */
export interface Tally {
  sum: number;
  negativeTerms: string[];
  complaint: boolean;
}

/** A negator reaches this many plain tokens ahead ("没有 任何 异味"); a degree word fewer. */
const NEG_WINDOW = 3;
const DEGREE_WINDOW = 2;
/** Contrast weights (after VADER): the clause after "but" carries the speaker's verdict. */
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const IN_CONCESSION = 0.5;
/** "好" / "pretty" used as a degree adverb (好慢, pretty good). */
const DEGREE_ADJECTIVE = 1.5;
/** Negated praise keeps most of its force ("不好"); negated criticism is only faint praise ("不差"). */
const NEGATED_PRAISE = 0.75;
const NEGATED_CRITICISM = 0.5;
const EMPHASIS = 1.3;
/** A plain description inside a question is asked about, not asserted ("会不会偏小?", "is it noisy?"). */
const IN_QUESTION = 0.5;
/** Thanks in a message that complains is a formula ("还没发货，尽快，谢谢"), not praise. */
const POLITE_IN_COMPLAINT = 0.25;
/** "无法登录", "can't check in": an inability with no opinion word after it. */
const UNMET_ABILITY = -0.8;

interface Negation {
  strength: number;
  imperative: boolean;
  ability: boolean;
  clause: number;
  text: string;
  dist: number;
  /** A degree word came after the negator: "不是很好", "not very good" are mild. */
  degreeAfter: boolean;
}

interface Degree {
  mult: number;
  dist: number;
}

/** Sums the sentiment of a scanned message. */
export function tally({ tokens, clauses }: Scan): Tally {
  const sums = new Array<number>(clauses.length).fill(0);
  const contrastAt = lastContrast(tokens);
  const negativeTerms = new Set<string>();
  let complaint = false;
  let neg: Negation | undefined;
  let deg: Degree | undefined;
  let concession = { clause: -1, from: -1 };
  let thanks = 0;
  let clause = -1;

  // A negator of ability that lapses without governing an opinion word is a complaint itself.
  const lapse = (n: Negation | undefined) => {
    if (n?.ability && n.dist > 0 && !clauses[n.clause].asks) {
      sums[n.clause] += UNMET_ABILITY;
      negativeTerms.add(n.text);
    }
    return undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.clause !== clause) [neg, deg, clause] = [lapse(neg), undefined, t.clause];
    const kind = t.term?.kind;
    if (kind === "n" || kind === "m" || kind === "u") {
      lapse(neg);
      const [imperative, ability] = [kind === "m", kind === "u"];
      neg = { strength: t.term!.w, imperative, ability, clause, text: t.text, dist: 0, degreeAfter: false };
      continue;
    }
    if (kind === "i" || (kind === "d" && actsAsDegree(tokens, i))) {
      const mult = kind === "d" ? DEGREE_ADJECTIVE : t.term!.w;
      deg = { mult: Math.min((deg?.mult ?? 1) * mult, 3), dist: 0 };
      if (neg) neg.degreeAfter = true;
      continue;
    }
    if (kind === "b") {
      [neg, deg] = [lapse(neg), undefined];
      continue;
    }
    if (kind === "a") {
      concession = { clause, from: i };
      continue;
    }
    if (!isPolar(t.term)) {
      if (neg && ++neg.dist >= NEG_WINDOW) neg = lapse(neg);
      if (deg && ++deg.dist >= DEGREE_WINDOW) deg = undefined;
      continue;
    }
    const negated = neg !== undefined && !neg.imperative;
    // "我不想投诉" is not praise; "can't complain" has its own positive entry.
    let v = kind === "c" && negated ? 0 : value(t.term, neg, deg);
    if (t.emph) v *= EMPHASIS;
    if ((kind === "s" || kind === "d") && !neg && clauses[clause].asks) v *= IN_QUESTION;
    if (kind === "c" && !negated) complaint = true;
    if (v < 0) negativeTerms.add(neg ? neg.text + (neg.dist > 0 ? "…" : spacer(neg.text, t.text)) + t.text : t.text);
    if (contrastAt >= 0) v *= i < contrastAt ? BEFORE_CONTRAST : AFTER_CONTRAST;
    if (concession.clause === clause && i > concession.from) v *= IN_CONCESSION;
    if (kind === "g" && v > 0) thanks += v;
    else sums[clause] += v;
    [neg, deg] = [undefined, undefined];
  }
  lapse(neg);
  const rest = sums.reduce((acc, s, c) => acc + punctuate(s, clauses[c]), 0);
  const sum = rest + (rest < 0 ? thanks * POLITE_IN_COMPLAINT : thanks);
  return { sum, negativeTerms: [...negativeTerms], complaint };
}

/** Weight of one opinion word under the negator / degree word governing it. */
function value(term: Term, neg: Negation | undefined, deg: Degree | undefined): number {
  const mult = deg?.mult ?? 1;
  if (!neg) return term.w * mult;
  if (term.negated !== undefined) return term.negated * neg.strength * (neg.degreeAfter ? 0.7 : 1);
  if (term.w > 0) return neg.degreeAfter ? -term.w * 0.5 : -term.w * NEGATED_PRAISE * neg.strength * mult;
  // 别骗人 / 不要敷衍我 are still complaints; "不差", "not bad", "没问题" are faint praise.
  if (neg.imperative) return term.w * mult;
  return -term.w * NEGATED_CRITICISM * (neg.degreeAfter ? 0.6 : 1);
}

/** "好" / "pretty" directly before another opinion word in the same clause is a degree adverb. */
function actsAsDegree(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  const kind = next?.term?.kind;
  return next !== undefined && next.clause === tokens[i].clause && (isPolar(next.term) || kind === "n");
}

/** The last contrast word that still has an opinion word after it, or -1. */
function lastContrast(tokens: Token[]): number {
  let lastPolar = -1;
  for (let i = tokens.length - 1; i >= 0 && lastPolar < 0; i--) if (isPolar(tokens[i].term)) lastPolar = i;
  for (let i = lastPolar - 1; i >= 0; i--) if (tokens[i].term?.kind === "b") return i;
  return -1;
}

/** Exclamation sharpens, ？？？ / ?! reads as exasperation, trailing dots as resignation. */
function punctuate(sum: number, c: Clause): number {
  let s = sum;
  if (c.stretched) s *= 1.2;
  if (c.exclaims > 0) s *= 1 + 0.15 * Math.min(c.exclaims, 3);
  if (c.questions >= 2 || (c.questions > 0 && c.exclaims > 0)) s -= 0.8;
  if (c.dots && s < 0) s *= 1.2;
  return s;
}

function spacer(a: string, b: string): string {
  return /[a-z0-9']$/.test(a) && /^[a-z0-9]/.test(b) ? " " : "";
}
