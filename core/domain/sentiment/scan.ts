/**
 * Turns a message into clauses of lexicon tokens. Punctuation splits clauses (negation and degree
 * words never reach across a comma) and its marks are counted per clause; emoji and emoticons
 * become tokens in place; CJK runs are matched against the Chinese lexicon by forward maximum
 * matching (ICU's word breaks split 很好吃 as 很好 / 吃, so they are only used for the text
 * between lexicon hits); other text is split into words by the shared tokenizer and matched
 * against English phrases.
 */
import { normalizeText, segmentWords } from "../text/tokenize";
import type { Lexicon, Term } from "./lexicon";
import { EN_AFFIXES, EN_LEXICON } from "./lexicon-en";
import { EMOJI, EMOTICONS } from "./lexicon-emoji";
import { ZH_LEXICON } from "./lexicon-zh";

/** One token: a lexicon hit (`term`) or a plain word that only counts towards scope windows. */
export interface Token {
  readonly text: string;
  readonly term?: Term;
  readonly clause: number;
  /** Shouted (ALL CAPS in mixed-case text) or stretched ("sooo"): weighs more. */
  readonly emph: boolean;
}

/** Punctuation and spelling cues of one clause. */
export interface Clause {
  exclaims: number;
  questions: number;
  /** Ends in "..." / "。。。": trailing off, read as resignation when the clause is negative. */
  dots: boolean;
  /** Held a stretched run of characters (啊啊啊, 慢慢慢, sooo). */
  stretched: boolean;
  /** Asks something: a question mark, or a clause ending in 吗 / 呢 without one. */
  asks: boolean;
}

/** A scanned message. */
export interface Scan {
  readonly tokens: Token[];
  readonly clauses: Clause[];
}

/**
 * Longer input keeps only its head and tail (ICU word breaking costs a few microseconds a word):
 * a message states its mood at the start or sums it up at the end.
 */
export const MAX_CHARS = 2000;

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const STRETCH = /(\p{L})\1{2,}/gu;
const HAS_STRETCH = /(\p{L})\1{2,}/u;
const URL = /https?:\/\/\S+|www\.\S+/g;

let pieceRe: RegExp | undefined;
function pieces(): RegExp {
  if (pieceRe) return pieceRe;
  // Emoticons first so ":)" is not read as punctuation; ":" alone after them for the same reason.
  const emoticons = [...EMOTICONS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((e) => e.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  pieceRe = new RegExp(`(${emoticons.join("|")})|(\\p{Extended_Pictographic})|([.!?;,~。、\\n]+|:)`, "gu");
  return pieceRe;
}

/** Scans `text` (see the module comment). */
export function scan(text: string): Scan {
  const raw = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS / 2)}\n${text.slice(-MAX_CHARS / 2)}` : text;
  const shouted = shoutedWords(raw);
  const norm = normalizeText(raw).replace(/[’‘`´]/g, "'").replace(URL, " ");
  const tokens: Token[] = [];
  const clauses: Clause[] = [newClause()];
  const push = (t: string, term: Term | undefined, emph = false) =>
    tokens.push({ text: t, term, clause: clauses.length - 1, emph });
  let last = 0;
  for (const m of norm.matchAll(pieces())) {
    scanText(norm.slice(last, m.index), push, clauses, shouted);
    last = m.index + m[0].length;
    if (m[1] !== undefined || m[2] !== undefined) {
      const w = m[1] !== undefined ? EMOTICONS.get(m[1]) : EMOJI.get(m[2]);
      if (w === undefined) continue;
      // A repeated emoji adds less each time: 😡😡😡 is angrier than 😡, not three times as angry.
      const prev = tokens[tokens.length - 1];
      const weight = prev?.text === m[0] ? w * 0.5 : w;
      push(m[0], { text: m[0], kind: "s", w: weight });
      continue;
    }
    const c = clauses[clauses.length - 1];
    for (const ch of m[0]) {
      if (ch === "!") c.exclaims++;
      else if (ch === "?") c.questions++;
    }
    if (/\.{2,}|。{2,}/.test(m[0])) c.dots = true;
    if (c.questions > 0) c.asks = true;
    clauses.push(newClause());
  }
  scanText(norm.slice(last), push, clauses, shouted);
  return { tokens, clauses };
}

type Push = (text: string, term: Term | undefined, emph?: boolean) => void;

function newClause(): Clause {
  return { exclaims: 0, questions: 0, dots: false, stretched: false, asks: false };
}

function scanText(part: string, push: Push, clauses: Clause[], shouted: Set<string>): void {
  if (!part.trim()) return;
  if (/[吗呢么嘛]\s*$/.test(part)) clauses[clauses.length - 1].asks = true;
  let last = 0;
  for (const m of part.matchAll(CJK_RUN)) {
    scanWords(part.slice(last, m.index), push, clauses, shouted);
    scanCjk(m[0], push, clauses);
    last = m.index + m[0].length;
  }
  scanWords(part.slice(last), push, clauses, shouted);
}

/** Forward maximum matching; text between hits becomes plain word tokens. */
function scanCjk(run: string, push: Push, clauses: Clause[]): void {
  const squeezed = run.replace(STRETCH, "$1$1");
  if (squeezed !== run) clauses[clauses.length - 1].stretched = true;
  const lex = ZH_LEXICON;
  let gap = "";
  for (let i = 0; i < squeezed.length; ) {
    const hit = longest(lex, squeezed, i);
    if (!hit) {
      gap += squeezed[i++];
      continue;
    }
    flushGap(gap, push);
    gap = "";
    push(hit.text, hit);
    i += hit.text.length;
  }
  flushGap(gap, push);
}

function longest(lex: Lexicon, s: string, at: number): Term | undefined {
  for (let len = Math.min(lex.maxLen, s.length - at); len > 0; len--) {
    const t = lex.terms.get(s.slice(at, at + len));
    if (t) return t;
  }
  return undefined;
}

function flushGap(gap: string, push: Push): void {
  if (gap) for (const w of segmentWords(gap)) push(w, undefined);
}

/** Longest phrase match over words; stretched words ("sooo", "loooove") are squeezed to a known entry. */
function scanWords(part: string, push: Push, clauses: Clause[], shouted: Set<string>): void {
  if (!part.trim()) return;
  const words = segmentWords(part);
  const lex = EN_LEXICON.terms;
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let len = Math.min(EN_LEXICON.maxLen, words.length - i); len > 1 && !matched; len--) {
      const term = lex.get(words.slice(i, i + len).join(" "));
      if (term) {
        push(term.text, term, shouted.has(words[i]));
        i += len;
        matched = true;
      }
    }
    if (matched) continue;
    const w = words[i++];
    let term = lex.get(w);
    let stretched = false;
    if (!term && HAS_STRETCH.test(w)) {
      term = lex.get(w.replace(STRETCH, "$1$1")) ?? lex.get(w.replace(STRETCH, "$1"));
      stretched = true;
      clauses[clauses.length - 1].stretched = true;
    }
    term ??= EN_AFFIXES.find(([re]) => re.test(w))?.[1];
    push(w, term, stretched || shouted.has(w));
  }
}

/** Lower-cased words written in capitals, unless every word is (then caps say nothing). */
function shoutedWords(raw: string): Set<string> {
  const words = raw.match(/[A-Za-z]{2,}/g) ?? [];
  const caps = words.filter((w) => w.length >= 3 && w === w.toUpperCase());
  if (caps.length === 0 || words.every((w) => w === w.toUpperCase())) return new Set();
  return new Set(caps.map((c) => c.toLowerCase()));
}
