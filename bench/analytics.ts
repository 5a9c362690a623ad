/**
 * `npm run bench:analytics`: how long the service report (数据报表) takes for a big shop, 7 and
 * 30 days of it, and for the whole mall's 7 days, against a real local D1 (Miniflare's workerd
 * SQLite with ./migrations applied). The report runs inside workerd (bench/lib/analytics-worker.ts,
 * bundled with esbuild) and each one is timed from Node around one request; the no-op request is
 * the harness's own share.
 *
 * Options: --per-day N (3000 sessions a day in the big shop, as many again in nine others)
 * --days N (30) --loads N (40). The last line is JSON, in ms.
 */
import { performance } from "node:perf_hooks";
import { Miniflare } from "miniflare";
import { argValue } from "../scripts/lib/eval-args";
import { bundleWorker } from "./lib/bundle";
import { migrate } from "./lib/migrate";
import { r3, summarize } from "./lib/stats";

const PER_DAY = Number(argValue("per-day") ?? 3000);
const DAYS = Number(argValue("days") ?? 30);
const LOADS = Number(argValue("loads") ?? 40);
const WARMUP = 3;

const VARIANTS = [
  { key: "noop", label: "harness only (no-op request)", url: "/noop" },
  { key: "week", label: "big shop, last 7 days", url: "/report?days=7" },
  { key: "month", label: `big shop, last ${DAYS} days`, url: `/report?days=${DAYS}` },
  { key: "mall", label: "all shops, last 7 days", url: "/report?days=7&shop=all" },
] as const;

const mf = new Miniflare({
  modules: true,
  script: await bundleWorker("bench/lib/analytics-worker.ts"),
  compatibilityDate: "2026-04-01",
  compatibilityFlags: ["nodejs_compat"],
  d1Databases: { DB: "bench-analytics" },
});
try {
  await migrate(await mf.getD1Database("DB"));
  const t0 = performance.now();
  const seeded = await mf.dispatchFetch(`http://bench/seed?perDay=${PER_DAY}&days=${DAYS}`);
  if (!seeded.ok) throw new Error(`seed: ${await seeded.text()}`);
  console.log(`seeded ${await seeded.text()} sessions (${PER_DAY} a day in the big shop over ${DAYS} days, as many in nine others) in ${Math.round(performance.now() - t0)} ms`);
  const samples = new Map<string, number[]>(VARIANTS.map((v) => [v.key, []]));
  for (let i = 0; i < WARMUP + LOADS; i++) {
    for (const v of VARIANTS) {
      const t = performance.now();
      const res = await mf.dispatchFetch(`http://bench${v.url}`);
      if (!res.ok) throw new Error(`${v.url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      if (i >= WARMUP) samples.get(v.key)!.push(performance.now() - t);
    }
  }
  const out: Record<string, ReturnType<typeof summarize>> = {};
  for (const v of VARIANTS) {
    const s = (out[v.key] = summarize(samples.get(v.key)!));
    const f = (x: number) => r3(x).toFixed(1).padStart(7);
    console.log(`${v.label.padEnd(30)} p50 ${f(s.p50)} ms  p95 ${f(s.p95)} ms  p99 ${f(s.p99)} ms`);
  }
  console.log(JSON.stringify({ week_p50_ms: r3(out.week!.p50), week_p99_ms: r3(out.week!.p99), month_p50_ms: r3(out.month!.p50), month_p99_ms: r3(out.month!.p99), mall_week_p50_ms: r3(out.mall!.p50), mall_week_p99_ms: r3(out.mall!.p99), harness_p50_ms: r3(out.noop!.p50), sessions_per_day: PER_DAY * 2, days: DAYS, loads: LOADS }));
} finally {
  await mf.dispose();
}
