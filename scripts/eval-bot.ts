/**
 * `npm run eval:bot`: how well the bot's knowledge search finds the right article. Loads a
 * `*.kb.jsonl` file into a real local D1 (Miniflare, our migrations) through the import service,
 * asks every paraphrase of a `*.dev.jsonl` file through `searchKnowledge` (the code the bot runs)
 * and scores the rank of the entry with the same id.
 *
 *   npm run eval:bot                                  faq_zh and faq_en cold, and faq_en learning from half
 *   npm run eval:bot -- --kb F --queries Q            any pair of files in that format
 *   npm run eval:bot -- --kb F --queries Q --learn L  first adds L's paraphrases as phrasings (addPhrasing)
 *   npm run eval:bot -- --kb F --queries Q --learn-half
 *                                                    learns the first half of each entry's paraphrases, asks the rest
 *
 * Prints hit@1, hit@5, MRR (over the top 5), the share the bot would answer (confidence at or above
 * ANSWER_THRESHOLD) and how often that answer is right; for files with `hard_negatives`, how often
 * the bot answers one of them with the entry it was judged different from. The same figures for the
 * queries of even and of odd rows (`halves`): a change that lifts one half only was fitted to rows,
 * not found in the method. Ends with one JSON line.
 */
import path from "node:path";
import { ANSWER_THRESHOLD } from "../core/domain/knowledge";
import { addPhrasing } from "../worker/services/knowledge/articles";
import { importArticles } from "../worker/services/knowledge/import";
import { searchKnowledge } from "../worker/services/knowledge/search";
import { argValue, evalDir, hasFlag, readJsonl } from "./lib/eval-args";
import { startLocalD1 } from "./lib/local-d1";

interface Entry {
  id: string;
  question: string;
  answer: string | null;
  paraphrases?: string[];
  hard_negatives?: string[];
}

interface HalfFigures {
  hit1: number;
  hit5: number;
  mrr: number;
  answered: number;
  answered_right?: number;
  hard_negatives_answered_wrongly?: number;
  queries: number;
}

interface Figures extends HalfFigures {
  ms_per_query: number;
  /** The same figures for the queries file's even rows (0, 2, …) and odd rows. */
  halves: { even: HalfFigures; odd: HalfFigures };
}

/** Counts of one set of asked questions. */
class Tally {
  n = 0; hit1 = 0; hit5 = 0; rr = 0; answered = 0; right = 0; negatives = 0; wrong = 0;

  paraphrase(rank: number, confidence: number): void {
    this.n++;
    if (rank === 0) this.hit1++;
    if (rank >= 0) (this.hit5++, (this.rr += 1 / (rank + 1)));
    if (confidence >= ANSWER_THRESHOLD) (this.answered++, rank === 0 && this.right++);
  }

  negative(wronglyAnswered: boolean): void {
    this.negatives++;
    if (wronglyAnswered) this.wrong++;
  }

  figures(): HalfFigures {
    const n = Math.max(1, this.n);
    const f: HalfFigures = { hit1: round3(this.hit1 / n), hit5: round3(this.hit5 / n), mrr: round3(this.rr / n), answered: round3(this.answered / n), answered_right: round3(this.right / Math.max(1, this.answered)), queries: this.n };
    if (this.negatives) f.hard_negatives_answered_wrongly = round3(this.wrong / this.negatives);
    return f;
  }
}

const SHOP = "eval";
const CHUNK = 1000;
const now = Date.now();
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Imports the KB entries as published articles, a chunk at a time (as the console uploads). */
async function loadKb(env: { DB: D1Database }, kb: Entry[]): Promise<void> {
  // Entries without an answer (faq_zh is scored by id only) get one with no searchable words.
  const rows = kb.map((e) => ({ id: e.id, question: e.question, answer: e.answer ?? "—", status: "published" }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result = await importArticles(env, SHOP, rows.slice(i, i + CHUNK), { firstRow: i + 1, dryRun: false, author: { by: "eval", now } });
    if (result.failed) throw new Error(`KB rows failed to import: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
}

/** Splits an entry's paraphrases: the first half to learn, the rest to ask. */
function halves(entry: Entry): { learn: string[]; ask: string[] } {
  const all = entry.paraphrases ?? [];
  const cut = Math.floor(all.length / 2);
  return { learn: all.slice(0, cut), ask: all.slice(cut) };
}

async function learn(env: { DB: D1Database }, pairs: { id: string; text: string }[], known: Set<string>): Promise<void> {
  for (const p of pairs) if (known.has(p.id)) await addPhrasing(env, { shopId: SHOP, articleId: p.id, text: p.text, now });
}

async function ask(env: { DB: D1Database }, question: string) {
  return (await searchKnowledge(env, { shopId: SHOP, query: question, limit: 5, now })).hits;
}

/** Runs one KB × queries pair and prints its figures. */
async function evaluate(label: string, kbFile: string, queryFile: string, opts: { learnFile?: string; learnHalf?: boolean }): Promise<Figures> {
  const kb = readJsonl<Entry>(kbFile);
  const queries = readJsonl<Entry>(queryFile);
  const local = await startLocalD1();
  const env = { DB: local.db };
  try {
    let t = performance.now();
    await loadKb(env, kb);
    const known = new Set(kb.map((e) => e.id));
    console.log(`\n${label}: ${kb.length} articles loaded in ${Math.round(performance.now() - t)} ms`);
    if (opts.learnFile) await learn(env, readJsonl<Entry>(opts.learnFile).flatMap((e) => (e.paraphrases ?? []).map((text) => ({ id: e.id, text }))), known);
    if (opts.learnHalf) await learn(env, queries.flatMap((e) => halves(e).learn.map((text) => ({ id: e.id, text }))), known);
    const all = new Tally();
    const byHalf = [new Tally(), new Tally()] as const;
    const buckets = Array.from({ length: 10 }, () => ({ n: 0, right: 0 }));
    t = performance.now();
    for (const [row, entry] of queries.entries()) {
      const tallies = [all, byHalf[row % 2]!];
      for (const q of opts.learnHalf ? halves(entry).ask : (entry.paraphrases ?? [])) {
        const hits = await ask(env, q);
        const rank = hits.findIndex((h) => h.articleId === entry.id);
        const confidence = hits[0]?.confidence ?? 0;
        for (const tally of tallies) tally.paraphrase(rank, confidence);
        const bucket = buckets[Math.min(9, Math.floor(confidence * 10))]!;
        bucket.n++;
        if (rank === 0) bucket.right++;
      }
      for (const q of entry.hard_negatives ?? []) {
        const top = (await ask(env, q))[0];
        const wrong = !!top && top.articleId === entry.id && top.confidence >= ANSWER_THRESHOLD;
        for (const tally of tallies) tally.negative(wrong);
      }
    }
    const ms = (performance.now() - t) / Math.max(1, all.n + all.negatives);
    const f: Figures = { ...all.figures(), ms_per_query: round3(ms), halves: { even: byHalf[0].figures(), odd: byHalf[1].figures() } };
    console.log(`  ${f.queries} questions: hit@1 ${f.hit1}  hit@5 ${f.hit5}  MRR ${f.mrr}  (${f.ms_per_query} ms each)`);
    for (const [name, h] of Object.entries(f.halves)) console.log(`    ${name} rows: ${h.queries} questions, hit@1 ${h.hit1}  hit@5 ${h.hit5}  MRR ${h.mrr}  answered ${h.answered}${h.hard_negatives_answered_wrongly === undefined ? "" : `  hard negatives answered wrongly ${h.hard_negatives_answered_wrongly}`}`);
    console.log(`  answered (confidence ≥ ${ANSWER_THRESHOLD}): ${f.answered}, of which right: ${f.answered_right}`);
    console.log(`  top hit right, by confidence: ${buckets.map((b, i) => (b.n ? `${i / 10}-${(i + 1) / 10}: ${round3(b.right / b.n)} (${b.n})` : "")).filter(Boolean).join("  ")}`);
    if (all.negatives) console.log(`  hard negatives answered with the entry they differ from: ${f.hard_negatives_answered_wrongly} (${all.negatives} questions)`);
    return f;
  } finally {
    await local.dispose();
  }
}

const kbArg = argValue("kb");
const queriesArg = argValue("queries");
const learnArg = argValue("learn") || undefined;
if (kbArg && queriesArg) {
  const f = await evaluate(path.basename(queriesArg), path.resolve(kbArg), path.resolve(queriesArg), { learnFile: learnArg && path.resolve(learnArg), learnHalf: hasFlag("learn-half") });
  console.log(JSON.stringify(f));
} else {
  const file = (name: string) => path.join(evalDir, name);
  const zh = await evaluate("faq_zh (cold)", file("faq_zh.kb.jsonl"), file("faq_zh.dev.jsonl"), {});
  const en = await evaluate("faq_en (cold)", file("faq_en.kb.jsonl"), file("faq_en.dev.jsonl"), {});
  const enLearned = await evaluate("faq_en (learned from the first half of each entry's paraphrases, asked the rest)", file("faq_en.kb.jsonl"), file("faq_en.dev.jsonl"), { learnHalf: true });
  console.log(JSON.stringify({ zh, en, en_learn_half: enLearned }));
}
