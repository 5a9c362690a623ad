/**
 * Scores `scoreSentiment` on labelled JSON-lines files (rows: {text, label: negative|neutral|positive}).
 *
 *   npx tsx scripts/eval-sentiment.ts            # sentiment_zh.dev + sentiment_en.dev from ../shared/eval
 *   npx tsx scripts/eval-sentiment.ts --file F   # any file in that format
 *
 * Per file: accuracy on the negative/positive rows (a neutral prediction there counts as wrong),
 * neutral rows reported separately, negative recall/precision, how often the hand-off trigger
 * fires per gold label, a confusion matrix and the time per message. Ends with one JSON line.
 * The data is for measurement only: nothing here feeds back into the lexicons.
 */
import path from "node:path";
import { isUpset, scoreSentiment } from "../core/domain/sentiment/index.js";
import { argValue, evalDir, readJsonl } from "./lib/eval-args.js";

const LABELS = ["negative", "neutral", "positive"] as const;
type Label = (typeof LABELS)[number];

interface Row {
  text: string;
  label: Label;
}

interface Report {
  accuracy: number;
  negative_recall: number;
  negative_precision: number;
  neutral_accuracy: number | null;
  n: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const ratio = (a: number, b: number) => (b === 0 ? 0 : round3(a / b));
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** Scores one file, printing its tables to stdout. */
function scoreFile(file: string): Report {
  const rows = readJsonl<Row>(file).filter((r) => LABELS.includes(r.label));
  const confusion = new Map<string, number>();
  const upset: Record<Label, number> = { negative: 0, neutral: 0, positive: 0 };
  const gold: Record<Label, number> = { negative: 0, neutral: 0, positive: 0 };
  const start = performance.now();
  for (const row of rows) {
    const r = scoreSentiment(row.text);
    const key = `${row.label}>${r.label}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    gold[row.label]++;
    if (isUpset(r)) upset[row.label]++;
  }
  const ms = (performance.now() - start) / Math.max(rows.length, 1);
  const c = (g: Label, p: Label) => confusion.get(`${g}>${p}`) ?? 0;
  const polar = gold.negative + gold.positive;
  const predictedNegative = LABELS.reduce((acc, g) => acc + c(g, "negative"), 0);
  const report: Report = {
    accuracy: ratio(c("negative", "negative") + c("positive", "positive"), polar),
    negative_recall: ratio(c("negative", "negative"), gold.negative),
    negative_precision: ratio(c("negative", "negative"), predictedNegative),
    neutral_accuracy: gold.neutral ? ratio(c("neutral", "neutral"), gold.neutral) : null,
    n: rows.length,
  };

  console.log(`\n${path.basename(file)}  (${rows.length} rows, ${ms.toFixed(3)} ms/message)`);
  console.log(`  accuracy on negative/positive rows: ${report.accuracy}  (${polar} rows)`);
  if (gold.neutral) console.log(`  neutral rows predicted neutral:     ${report.neutral_accuracy}  (${gold.neutral} rows)`);
  console.log(`  negative recall ${report.negative_recall}, precision ${report.negative_precision}`);
  const present = LABELS.filter((g) => gold[g] > 0);
  console.log(`  hand-off (isUpset) fires on: ${present.map((g) => `${g} ${ratio(upset[g], gold[g])}`).join(", ")}`);
  console.log(`  confusion (rows gold, columns predicted):`);
  console.log(`  ${pad("", 10)}${LABELS.map((p) => pad(p, 10)).join("")}`);
  for (const g of present) console.log(`  ${pad(g, 10)}${LABELS.map((p) => pad(c(g, p), 10)).join("")}`);
  return report;
}

function summary(r: Report): Pick<Report, "accuracy" | "negative_recall" | "negative_precision"> {
  return { accuracy: r.accuracy, negative_recall: r.negative_recall, negative_precision: r.negative_precision };
}

const file = argValue("file");
if (file) {
  console.log(JSON.stringify(summary(scoreFile(path.resolve(file)))));
} else {
  const zh = scoreFile(path.join(evalDir, "sentiment_zh.dev.jsonl"));
  const en = scoreFile(path.join(evalDir, "sentiment_en.dev.jsonl"));
  console.log(JSON.stringify({ zh: summary(zh), en: summary(en) }));
}
