/**
 * Scores `resolveOrderReference` on an order-phrasing table (docs/order-phrasings-format.md).
 *
 *   npx tsx scripts/eval-orders.ts              # tests/fixtures/order-phrasings.jsonl
 *   npx tsx scripts/eval-orders.ts --file F     # any table in the same format
 *   … --verbose                                 # also print every row's candidates
 *
 * Prints each failing row, then the accuracy; the last line is JSON: {"accuracy":…,"n":…,…}.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { resolveOrderReference } from "../core/domain/order-reference/index.js";
import { judgePhrasing, parsePhrasingTable, type PhrasingCase } from "../core/domain/order-reference/phrasing-table.js";
import { argValue, hasFlag, repoRoot } from "./lib/eval-args.js";

const file = argValue("file") || path.join(repoRoot, "tests/fixtures/order-phrasings.jsonl");
const verbose = hasFlag("verbose");
let cases: PhrasingCase[];
try {
  cases = parsePhrasingTable(readFileSync(file, "utf8"), path.basename(file));
} catch (err) {
  // A malformed table is the user's input: say which line and field, without a stack trace.
  console.error((err as Error).message);
  process.exit(1);
}

let correct = 0;
let ambiguousRows = 0;
let ambiguousRight = 0;
let noMatchRows = 0;
let noMatchRight = 0;
for (const c of cases) {
  const result = resolveOrderReference(c.input);
  const { correct: ok, why } = judgePhrasing(c, result);
  if (ok) correct++;
  if (c.ambiguous !== undefined) {
    ambiguousRows++;
    if (c.ambiguous === result.ambiguous) ambiguousRight++;
  }
  if (c.expected.length === 0) {
    noMatchRows++;
    if (ok) noMatchRight++;
  }
  if (!ok || verbose) {
    const shown = result.candidates.map((x) => `${x.orderId}:${x.confidence}[${x.reasons.join(",")}]`).join(" ");
    console.log(`${ok ? "ok  " : "FAIL"} ${c.where}  ${JSON.stringify(c.input.message)}${why ? `  — ${why}` : ""}`);
    console.log(`       referenced=${result.referenced} ambiguous=${result.ambiguous} ${shown}`);
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const accuracy = cases.length ? round3(correct / cases.length) : 0;
console.log(`\n${path.basename(file)}: ${correct}/${cases.length} correct, accuracy ${accuracy.toFixed(3)}`);
console.log(
  JSON.stringify({
    accuracy,
    n: cases.length,
    correct,
    ambiguityAgreement: ambiguousRows ? round3(ambiguousRight / ambiguousRows) : null,
    noMatchAccuracy: noMatchRows ? round3(noMatchRight / noMatchRows) : null,
  }),
);
