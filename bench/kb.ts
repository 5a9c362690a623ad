/**
 * `npm run bench:kb`: knowledge search latency with 10,000 articles. A deterministic mall
 * knowledge base (bench/lib/kb-data.ts: Chinese and English FAQ-like questions over products and
 * service topics, 9 in 10 in the shop's scope and 1 in 10 in the platform's) is imported through
 * the import service into a real local D1 (Miniflare's workerd SQLite, our migrations), and 2,000
 * questions worded differently from the articles are asked of `searchKnowledge`, the bot's own call,
 * running inside workerd (bench/lib/kb-worker.ts, bundled here with esbuild). Two figures per
 * question, both printed:
 *
 * - inside the Worker: performance.now() around `searchKnowledge` (analysis, the D1 statement(s)
 *   and the rerank; not the JSON serialisation, shown apart), read from the response's
 *   Server-Timing header. Local workerd counts it in whole milliseconds (production workerd would
 *   count only the time until the last D1 answer: its clock stops during computation).
 * - end to end: Node → HTTP → workerd → search → JSON → Node, timed in Node around each request.
 *   The harness's share is measured by a no-op request after every question, so a busy machine
 *   shows up in both figures.
 *
 * Warm caches are the steady state of a bot answering a shop's questions (the same articles come
 * back); a second, shorter run empties the isolate's search caches before each question (cold).
 *
 * Options: --articles N (10000) --queries N (2000) --cold N (300)
 * The last line is JSON: p50_ms / p99_ms are end to end (HTTP, warm); search_* are inside the Worker.
 */
import os from "node:os";
import path from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { Miniflare } from "miniflare";
import { argValue, repoRoot } from "../scripts/lib/eval-args";
import { bundleWorker } from "./lib/bundle";
import { childPids, cpuMs } from "./lib/child-cpu";
import { benchKnowledge, scopeOf } from "./lib/kb-data";
import { describeMachine } from "./lib/machine";
import { r3, summarize } from "./lib/stats";

const ARTICLES = Number(argValue("articles") || 10_000);
const QUERIES = Number(argValue("queries") || 2_000);
const COLD = Number(argValue("cold") || 300);
const WARMUP = 50;
const SHOP = "bench";

/** Server-Timing `name;dur=x` entries as a map of ms. */
function serverTiming(header: string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of (header ?? "").matchAll(/(?:^|,\s*)([\w-]+)(?:;dur=([\d.]+))?/g)) out.set(m[1]!, Number(m[2] ?? 0));
  return out;
}

interface Sample {
  e2e: number;
  /** CPU time workerd spent during the request (sums to a mean; one value is 0 or a multiple of 10 ms). */
  cpu: number;
  timing: Map<string, number>;
  statements: number;
  source: string;
  hits: number;
}

async function timedFetch(mf: Miniflare, url: string): Promise<{ ms: number; res: Awaited<ReturnType<Miniflare["dispatchFetch"]>>; text: string }> {
  const t = performance.now();
  const res = await mf.dispatchFetch(url);
  const text = await res.text();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
  return { ms, res, text };
}

let workerd: number[] = [];

async function ask(mf: Miniflare, question: string, now: number, cold: boolean): Promise<Sample> {
  const cpu0 = cpuMs(workerd);
  const { ms, res, text } = await timedFetch(mf, `http://bench/search?shop=${SHOP}&now=${now}&q=${encodeURIComponent(question)}${cold ? "&cold=1" : ""}`);
  const cpu = cpuMs(workerd) - cpu0;
  const header = res.headers.get("server-timing") ?? "";
  return {
    e2e: ms,
    cpu,
    timing: serverTiming(header),
    statements: Number(/(\d+) D1 statement/.exec(header)?.[1] ?? 0),
    source: /candidates;dur=[\d.]+;desc="(\w+)/.exec(header)?.[1] ?? "?",
    hits: (JSON.parse(text) as { hits: unknown[] }).hits.length,
  };
}

const f = (x: number) => r3(x).toFixed(3).padStart(7);
const share = (samples: Sample[], pred: (s: Sample) => boolean) => `${Math.round((100 * samples.filter(pred).length) / Math.max(1, samples.length))}%`;

function report(label: string, samples: Sample[], harness?: number[], select1?: number[]) {
  const inside = summarize(samples.map((s) => s.timing.get("service") ?? NaN));
  const e2e = summarize(samples.map((s) => s.e2e));
  console.log(`${label}:`);
  console.log(`  search inside the Worker  p50 ${f(inside.p50)} ms  p95 ${f(inside.p95)} ms  p99 ${f(inside.p99)} ms  max ${r3(inside.max)} ms  mean ${r3(inside.mean)} ms`);
  console.log(`  end to end (HTTP)         p50 ${f(e2e.p50)} ms  p95 ${f(e2e.p95)} ms  p99 ${f(e2e.p99)} ms  max ${r3(e2e.max)} ms  mean ${r3(e2e.mean)} ms`);
  if (harness) {
    const h = summarize(harness);
    console.log(`  harness (no-op request)   p50 ${f(h.p50)} ms  p95 ${f(h.p95)} ms  p99 ${f(h.p99)} ms  max ${r3(h.max)} ms`);
  }
  if (select1) {
    const d = summarize(select1);
    console.log(`  SELECT 1 inside the Worker p50 ${f(d.p50)} ms  p95 ${f(d.p95)} ms  p99 ${f(d.p99)} ms  (one D1 statement's floor through the local binding)`);
  }
  const mean = (k: string) => r3(samples.reduce((a, s) => a + (s.timing.get(k) ?? 0), 0) / Math.max(1, samples.length));
  const cpu = samples.reduce((a, s) => a + s.cpu, 0) / Math.max(1, samples.length);
  console.log(`  workerd CPU per search    mean ${f(cpu)} ms  (/proc, summed over the searches: the work itself, little moved by other processes)`);
  console.log(`  inside the Worker, mean ms: candidates statement ${mean("candidates")}, display ${mean("display")}, analysis ${mean("analyze")}, rerank ${mean("rerank")}, JSON ${mean("json")}`);
  console.log(`  D1 statements per search: one ${share(samples, (s) => s.statements === 1)}, two ${share(samples, (s) => s.statements === 2)}; ${samples.filter((s) => s.hits).length} of ${samples.length} with hits`);
  for (const [source, what] of [["pairs", "sharing two terms"], ["any", "sharing one term (pairs found too few)"]] as const) {
    const of = summarize(samples.filter((s) => s.source === source).map((s) => s.timing.get("service")!));
    if (of.n) console.log(`  candidates ${what}: ${share(samples, (s) => s.source === source)} of questions, inside the Worker p50 ${r3(of.p50)} ms, p99 ${r3(of.p99)} ms`);
  }
  return { inside, e2e, cpu };
}

const machine = describeMachine();
console.log(`machine: ${machine.summary}`);
const mf = new Miniflare({ modules: true, script: await bundleWorker("bench/lib/kb-worker.ts"), compatibilityDate: "2026-04-01", compatibilityFlags: ["nodejs_compat"], d1Databases: { DB: "bench-kb" } });
try {
  for (const migration of await readD1Migrations(path.join(repoRoot, "migrations"))) {
    const res = await mf.dispatchFetch("http://bench/migrate", { method: "POST", body: JSON.stringify(migration.queries) });
    if (!res.ok) throw new Error(`migration ${migration.name}: ${await res.text()}`);
  }
  workerd = childPids("workerd");
  const now = Date.now();
  const { rows, nextQuestion } = benchKnowledge(ARTICLES);
  let t = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    const res = await mf.dispatchFetch(`http://bench/import?shop=${scopeOf(i, SHOP)}&firstRow=${i + 1}&now=${now}`, { method: "POST", body: JSON.stringify(rows.slice(i, i + 1000)) });
    if (!res.ok) throw new Error(`import: ${await res.text()}`);
  }
  console.log(`${ARTICLES} articles loaded in ${Math.round(performance.now() - t)} ms (shop ${SHOP} and the platform scope)`);
  for (let i = 0; i < WARMUP; i++) await ask(mf, nextQuestion(), now, false);
  const warm: Sample[] = [];
  const harness: number[] = [];
  const select1: number[] = [];
  t = performance.now();
  for (let i = 0; i < QUERIES; i++) {
    warm.push(await ask(mf, nextQuestion(), now, false));
    harness.push((await timedFetch(mf, "http://bench/noop")).ms);
    select1.push(serverTiming((await timedFetch(mf, "http://bench/select1")).res.headers.get("server-timing")).get("service")!);
  }
  const w = report(`${QUERIES} questions after ${WARMUP} warm-up, each followed by a no-op request and a SELECT 1 (${Math.round(performance.now() - t)} ms)`, warm, harness, select1);
  const cold: Sample[] = [];
  for (let i = 0; i < COLD; i++) cold.push(await ask(mf, nextQuestion(), now, true));
  const c = report(`${COLD} more questions, the isolate's search caches emptied before each (cold)`, cold);
  const h = summarize(harness);
  const loadEnd = Math.round(os.loadavg()[0]! * 100) / 100;
  console.log(`load average (1 min): ${machine.loadAvgAtStart} at the start, ${loadEnd} at the end, on ${machine.cpus} cores`);
  console.log(
    JSON.stringify({
      p50_ms: r3(w.e2e.p50), p99_ms: r3(w.e2e.p99), search_p50_ms: r3(w.inside.p50), search_p99_ms: r3(w.inside.p99), workerd_cpu_ms: r3(w.cpu),
      harness_p50_ms: r3(h.p50), harness_p99_ms: r3(h.p99), select1_p50_ms: r3(summarize(select1).p50), select1_p99_ms: r3(summarize(select1).p99), cold_p50_ms: r3(c.e2e.p50), cold_p99_ms: r3(c.e2e.p99), cold_search_p50_ms: r3(c.inside.p50), cold_search_p99_ms: r3(c.inside.p99), cold_workerd_cpu_ms: r3(c.cpu),
      load_start: machine.loadAvgAtStart, load_end: loadEnd, articles: ARTICLES, queries: QUERIES,
    }),
  );
} finally {
  await mf.dispose();
}
