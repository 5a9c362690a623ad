/**
 * Scores `detectIntent` on labelled JSON-lines files (rows: {text, intent, alt_intents?}).
 *
 *   npx tsx scripts/eval-intents.ts               # intents_zh.dev + intents_en.dev from ../shared/eval
 *   npx tsx scripts/eval-intents.ts --file F      # any file in that format
 *   … --errors 20                                 # also list up to 20 misses per file
 *
 * A row is right when the prediction is its `intent` or one of its `alt_intents`. Prints accuracy,
 * per-intent precision/recall and a confusion matrix per file, and ends with one JSON line.
 */
import path from "node:path";
import { detectIntent, INTENTS, type Intent } from "../core/domain/intent/index.js";
import { argValue, evalDir, readJsonl } from "./lib/eval-args.js";

interface Row {
  text: string;
  intent: Intent;
  alt_intents?: Intent[];
}

interface PerIntent {
  precision: number;
  recall: number;
  support: number;
}

interface Report {
  accuracy: number;
  n: number;
  perIntent: Record<Intent, PerIntent>;
}

type Tally = Record<Intent, { right: number; all: number }>;
const tally = () => Object.fromEntries(INTENTS.map((i) => [i, { right: 0, all: 0 }])) as Tally;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** Scores one file, printing its tables to stdout. */
function scoreFile(file: string, showErrors: number): Report {
  const rows = readJsonl<Row>(file);
  const confusion = new Map<string, number>(); // "gold→predicted"
  const predicted = tally(); // precision: per predicted intent
  const gold = tally(); // recall: per gold intent
  const misses: string[] = [];
  let right = 0;
  for (const row of rows) {
    const { intent, matched } = detectIntent(row.text);
    const ok = intent === row.intent || (row.alt_intents ?? []).includes(intent);
    // A prediction accepted through alt_intents is a hit for the row's gold intent: recall and
    // the confusion diagonal are kept on the gold label, precision on the predicted one.
    const shown: Intent = ok ? row.intent : intent;
    predicted[intent].all++;
    gold[row.intent].all++;
    if (ok) {
      right++;
      predicted[intent].right++;
      gold[row.intent].right++;
    } else if (misses.length < showErrors) {
      misses.push(`  ${row.intent} → ${intent}  [${matched.join(", ")}]  ${row.text.slice(0, 100)}`);
    }
    const key = `${row.intent}→${shown}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }

  const perIntent = {} as Record<Intent, PerIntent>;
  console.log(`\n${path.basename(file)}: ${rows.length} rows, accuracy ${(right / rows.length).toFixed(3)}\n`);
  console.log(`${"intent".padEnd(12)}${pad("support", 8)}${pad("prec", 7)}${pad("recall", 7)}`);
  for (const i of INTENTS) {
    const p = predicted[i].all ? predicted[i].right / predicted[i].all : 0;
    const r = gold[i].all ? gold[i].right / gold[i].all : 0;
    perIntent[i] = { precision: round3(p), recall: round3(r), support: gold[i].all };
    console.log(`${i.padEnd(12)}${pad(gold[i].all, 8)}${pad(p.toFixed(2), 7)}${pad(r.toFixed(2), 7)}`);
  }
  const abbrev = INTENTS.map((i) => i.slice(0, 6));
  console.log("\nconfusion (rows gold, columns predicted; alt-label hits count as gold)");
  console.log(`${"".padEnd(12)}${abbrev.map((a) => pad(a, 7)).join("")}`);
  for (const g of INTENTS) {
    console.log(`${g.padEnd(12)}${INTENTS.map((p) => pad(confusion.get(`${g}→${p}`) ?? 0, 7)).join("")}`);
  }
  if (misses.length) console.log(`\nmisses:\n${misses.join("\n")}`);
  return { accuracy: round3(right / rows.length), n: rows.length, perIntent };
}

function main(): void {
  const file = argValue("file");
  const showErrors = Number(argValue("errors") ?? 0) || 0;
  if (file) {
    const r = scoreFile(path.resolve(file), showErrors);
    console.log(JSON.stringify({ accuracy: r.accuracy, n: r.n, perIntent: r.perIntent }));
    return;
  }
  const zh = scoreFile(path.join(evalDir, "intents_zh.dev.jsonl"), showErrors);
  const en = scoreFile(path.join(evalDir, "intents_en.dev.jsonl"), showErrors);
  console.log(
    JSON.stringify({
      zh: { accuracy: zh.accuracy, n: zh.n, perIntent: zh.perIntent },
      en: { accuracy: en.accuracy, n: en.n, perIntent: en.perIntent },
    }),
  );
}

main();
