/**
 * `npm run bench:analytics`: how long the service report (数据报表) takes for a big shop, 7 and
 * 30 days of it, and for the whole mall's 7 and 30 days (and 质检's list of consultations to review), against a real local D1 (Miniflare's
 * workerd SQLite with ./migrations applied): first scanning the sessions (no roll-ups yet), then
 * after the cron's roll-up step has rolled up every ended day, when only the range's edges and
 * today are scanned. Between the two: the cron runs the backfill took, and one day's roll-up (the
 * big shop's, every shop's) timed alone. The reports must come out the same both ways. The report
 * runs inside workerd (bench/lib/analytics-worker.ts, bundled with esbuild) and each one is timed
 * from Node around one request; the no-op request is the harness's own share.
 *
 * Options: --per-day N (3000 sessions a day in the big shop) --others-per-day N (as many, over the
 * other shops) --shops N (10: the big one and N - 1 others) --days N (30) --loads N (40)
 * --explain (print EXPLAIN QUERY PLAN of every statement each request sends). The last line is
 * JSON, in ms.
 */
import { isDeepStrictEqual } from "node:util";
import { performance } from "node:perf_hooks";
import { Miniflare } from "miniflare";
import { argValue } from "../scripts/lib/eval-args";
import { bundleWorker } from "./lib/bundle";
import { migrate } from "./lib/migrate";
import { r3, summarize } from "./lib/stats";

const PER_DAY = Number(argValue("per-day") ?? 3000);
const OTHERS_PER_DAY = Number(argValue("others-per-day") ?? PER_DAY);
const SHOPS = Number(argValue("shops") ?? 10);
const DAYS = Number(argValue("days") ?? 30);
const LOADS = Number(argValue("loads") ?? 40);
const EXPLAIN = argValue("explain") !== undefined;
const WARMUP = 3;
/** Times each single day's roll-up is repeated (it is idempotent). */
const DAY_ROLLUPS = 20;

const VARIANTS = [
  { key: "noop", label: "harness only (no-op request)", url: "/noop" },
  { key: "week", label: "big shop, last 7 days", url: "/report?days=7" },
  { key: "month", label: `big shop, last ${DAYS} days`, url: `/report?days=${DAYS}` },
  { key: "mall", label: "all shops, last 7 days", url: "/report?days=7&shop=all" },
  { key: "mall_month", label: `all shops, last ${DAYS} days`, url: `/report?days=${DAYS}&shop=all` },
  { key: "lookup", label: `the roll-up lookup alone (${DAYS} days)`, url: `/lookup?days=${DAYS}` },
  // 质检's list (a page of 50 and the agents' review summary): the page's default, the rarest sign over a month, one agent, all shops.
  { key: "quality", label: "质检 flagged, to review, 7 days", url: "/quality?days=7&flag=flagged&reviewed=no" },
  { key: "quality_low", label: "质检 low ratings, 30 days", url: "/quality?days=30&flag=low_rating" },
  { key: "quality_agent", label: "质检 one agent, 30 days", url: "/quality?days=30&agent=agent7" },
  { key: "quality_mall", label: "质检 all shops, flagged, 7 days", url: "/quality?days=7&flag=flagged&shop=all" },
  { key: "quality_appealed", label: "质检 appealed (申诉中), any age", url: "/quality?reviewed=appealed" },
] as const;
const NOT_REPORTS: readonly Key[] = ["noop", "lookup", "quality", "quality_low", "quality_agent", "quality_mall", "quality_appealed"];
type Key = (typeof VARIANTS)[number]["key"];

const mf = new Miniflare({
  modules: true,
  script: await bundleWorker("bench/lib/analytics-worker.ts"),
  compatibilityDate: "2026-04-01",
  compatibilityFlags: ["nodejs_compat"],
  d1Databases: { DB: "bench-analytics" },
});

async function get(url: string): Promise<unknown> {
  const res = await mf.dispatchFetch(`http://bench${url}`);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.headers.get("content-type")?.includes("json") ? res.json() : res.text();
}

async function explain(phase: string) {
  if (!EXPLAIN) return;
  for (const v of VARIANTS.filter((x) => x.key !== "noop")) {
    const plans = (await get(`/explain${v.url}`)) as { sql: string; params: unknown[]; plan: string[] }[];
    console.log(`\n## ${v.label} (${phase})`);
    for (const p of plans) console.log(`${p.sql.replace(/\s+/g, " ").slice(0, 400)}\n  params ${JSON.stringify(p.params).slice(0, 200)}\n${p.plan.join("\n")}`);
  }
  console.log("");
}

/** Every variant in turn, LOADS rounds after WARMUP; the reports' bodies of the last round. */
async function measure(phase: string) {
  const samples = new Map<Key, number[]>(VARIANTS.map((v) => [v.key, []]));
  const bodies = new Map<Key, string>();
  for (let i = 0; i < WARMUP + LOADS; i++) {
    for (const v of VARIANTS) {
      const t = performance.now();
      const res = await mf.dispatchFetch(`http://bench${v.url}`);
      if (!res.ok) throw new Error(`${v.url}: ${res.status} ${await res.text()}`);
      const body = await res.text();
      if (i >= WARMUP) samples.get(v.key)!.push(performance.now() - t);
      bodies.set(v.key, body);
    }
  }
  console.log(`\n${phase}:`);
  const out = {} as Record<Key, ReturnType<typeof summarize>>;
  for (const v of VARIANTS) {
    const s = (out[v.key] = summarize(samples.get(v.key)!));
    const f = (x: number) => r3(x).toFixed(1).padStart(7);
    console.log(`  ${v.label.padEnd(36)} p50 ${f(s.p50)} ms  p95 ${f(s.p95)} ms  p99 ${f(s.p99)} ms`);
  }
  return { out, bodies };
}

try {
  await migrate(await mf.getD1Database("DB"));
  const t0 = performance.now();
  const seeded = await get(`/seed?perDay=${PER_DAY}&othersPerDay=${OTHERS_PER_DAY}&shops=${SHOPS}&days=${DAYS}`);
  console.log(`seeded ${seeded} sessions (${PER_DAY} a day in the big shop, ${OTHERS_PER_DAY} over ${SHOPS - 1} others, ${DAYS} days) in ${Math.round(performance.now() - t0)} ms`);

  await explain("live");
  const live = await measure("no roll-ups (every day scanned)");

  // The cron's step until it has nothing left: the backfill of every ended day.
  const runs: number[] = [];
  const runMs: number[] = [];
  for (;;) {
    const t = performance.now();
    const done = (await get("/cron")) as number;
    runMs.push(performance.now() - t);
    runs.push(done);
    if (done === 0) break;
  }
  const rolledUp = runs.reduce((a, b) => a + b, 0);
  const run = summarize(runMs.slice(0, -1));
  console.log(`\nbackfill: ${rolledUp} scope-days in ${runs.length - 1} cron runs (at most ${Math.max(...runs)} a run), ${Math.round(runMs.reduce((a, b) => a + b, 0))} ms in all; a run p50 ${Math.round(run.p50)} ms, max ${Math.round(run.max)} ms`);
  const dayRollup = { shop: [] as number[], all: [] as number[] };
  for (let i = 0; i < DAY_ROLLUPS; i++) {
    for (const [key, url] of [["shop", "/rollup-day"], ["all", "/rollup-day?scope=*"]] as const) {
      const t = performance.now();
      await get(url);
      dayRollup[key].push(performance.now() - t);
    }
  }
  const shopDay = summarize(dayRollup.shop);
  const allDay = summarize(dayRollup.all);
  console.log(`one day's roll-up: the big shop's (${PER_DAY} sessions) p50 ${r3(shopDay.p50)} ms, p99 ${r3(shopDay.p99)} ms; every shop's (from ${SHOPS} shops' roll-ups) p50 ${r3(allDay.p50)} ms, p99 ${r3(allDay.p99)} ms`);

  await explain("rolled up");
  const rolled = await measure("rolled up (edges and today scanned)");
  for (const v of VARIANTS.filter((x) => !NOT_REPORTS.includes(x.key))) {
    if (!isDeepStrictEqual(JSON.parse(live.bodies.get(v.key)!), JSON.parse(rolled.bodies.get(v.key)!))) throw new Error(`${v.label}: the report differs with roll-ups`);
  }
  console.log("the reports are the same with roll-ups as without");

  const json: Record<string, number> = { sessions_per_day: PER_DAY + OTHERS_PER_DAY, shops: SHOPS, days: DAYS, loads: LOADS, harness_p50_ms: r3(rolled.out.noop.p50) };
  for (const [phase, m] of [["live", live.out], ["rolled", rolled.out]] as const) {
    for (const v of VARIANTS.filter((x) => x.key !== "noop")) {
      json[`${phase}_${v.key}_p50_ms`] = r3(m[v.key].p50);
      json[`${phase}_${v.key}_p99_ms`] = r3(m[v.key].p99);
    }
  }
  Object.assign(json, { backfill_scope_days: rolledUp, backfill_runs: runs.length - 1, backfill_run_p50_ms: r3(run.p50), backfill_run_max_ms: r3(run.max), shop_day_rollup_p50_ms: r3(shopDay.p50), shop_day_rollup_p99_ms: r3(shopDay.p99), all_day_rollup_p50_ms: r3(allDay.p50), all_day_rollup_p99_ms: r3(allDay.p99) });
  console.log(JSON.stringify(json));
} finally {
  await mf.dispose();
}
