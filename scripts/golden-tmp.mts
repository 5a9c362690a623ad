import { readFileSync, writeFileSync } from "node:fs";
import { detectIntent } from "/work/main/core/domain/intent/index.ts";
import { scoreSentiment } from "/work/main/core/domain/sentiment/index.ts";
const texts: string[] = [];
for (const f of ["intents_en", "intents_zh", "sentiment_en", "sentiment_zh", "faq_zh", "faq_en"]) {
  for (const l of readFileSync(`/work/shared/eval/${f}.dev.jsonl`, "utf8").trim().split("\n")) {
    const r = JSON.parse(l); for (const k of ["text", "query", "question"]) if (typeof r[k] === "string") texts.push(r[k]);
  }
}
const t0 = performance.now();
const out = texts.map((t) => JSON.stringify([detectIntent(t), scoreSentiment(t)]));
const ms = performance.now() - t0;
const t1 = performance.now();
for (const t of texts) detectIntent(t);
const ms2 = performance.now() - t1;
const t2 = performance.now();
for (const t of texts) scoreSentiment(t);
const ms3 = performance.now() - t2;
console.log(texts.length, "texts", ms.toFixed(0), "ms first pass; detectIntent", (ms2 / texts.length * 1000).toFixed(1), "µs/text; scoreSentiment", (ms3 / texts.length * 1000).toFixed(1), "µs/text");
const file = process.argv[2]!;
try { const old = readFileSync(file, "utf8").split("\n"); let diff = 0; out.forEach((o, i) => { if (o !== old[i]) { diff++; if (diff < 4) console.log("DIFF", texts[i], o, old[i]); } }); console.log("diffs", diff); } catch { writeFileSync(file, out.join("\n")); console.log("wrote", file); }
