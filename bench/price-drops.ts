/**
 * `npm run bench:price-drops`: what a price drop (降价提醒) costs the webhook that brings it, by the
 * size of its audience, against a real local D1 (Miniflare's workerd SQLite with ./migrations
 * applied). Each drop goes through the product's webhook service in workerd
 * (bench/lib/price-drop-worker.ts): the signature, the receipt, the price write and the notices'
 * `INSERT … SELECT` in one batch; then, timed apart, the dispatch's claims of what it stored
 * (rounds of 100, without the queue's send). Before each drop the product goes back to full price
 * with no notices. Timed from Node around one request; the no-op is the harness's share.
 *
 * Options: --sizes 100,1000,5000,20000 (viewers of each product; a tenth also have it in their
 * cart; at most 5,000 are told) --background N (200000 other browsing events) --loads N (15).
 * The last line is JSON, in ms.
 */
import { performance } from "node:perf_hooks";
import { Miniflare } from "miniflare";
import { argValue } from "../scripts/lib/eval-args";
import { bundleWorker } from "./lib/bundle";
import { migrate } from "./lib/migrate";
import { r3, summarize } from "./lib/stats";

const SIZES = (argValue("sizes") ?? "100,1000,5000,20000").split(",").map(Number);
const BACKGROUND = Number(argValue("background") ?? 200_000);
const LOADS = Number(argValue("loads") ?? 15);
const WARMUP = 2;

const mf = new Miniflare({
  modules: true,
  script: await bundleWorker("bench/lib/price-drop-worker.ts"),
  compatibilityDate: "2026-04-01",
  compatibilityFlags: ["nodejs_compat"],
  d1Databases: { DB: "bench-price-drops" },
});
const call = async (path: string) => {
  const res = await mf.dispatchFetch(`http://bench${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.text();
};
try {
  await migrate(await mf.getD1Database("DB"));
  const t0 = performance.now();
  await call(`/seed?sizes=${SIZES.join(",")}&background=${BACKGROUND}`);
  console.log(`seeded ${SIZES.join(", ")} viewers and ${BACKGROUND} other browsing events in ${Math.round(performance.now() - t0)} ms`);
  const timed = async (path: string) => {
    const t = performance.now();
    const text = await call(path);
    return { ms: performance.now() - t, text };
  };
  const noop: number[] = [];
  const out: Record<string, unknown> = {};
  const f = (x: number) => r3(x).toFixed(1).padStart(7);
  for (const n of SIZES) {
    const drops: number[] = [];
    const claims: number[] = [];
    let stored = 0;
    for (let i = 0; i < WARMUP + LOADS; i++) {
      await call(`/reset?product=p${n}`);
      const drop = await timed(`/drop?product=p${n}`);
      stored = (JSON.parse(drop.text) as { stored: number }).stored;
      const claim = await timed("/claim");
      noop.push((await timed("/noop")).ms);
      if (i >= WARMUP) {
        drops.push(drop.ms);
        claims.push(claim.ms);
      }
    }
    const d = summarize(drops);
    const c = summarize(claims);
    console.log(`${String(n).padStart(6)} viewers → ${String(stored).padStart(5)} notices   webhook p50 ${f(d.p50)} ms  p99 ${f(d.p99)} ms   claims p50 ${f(c.p50)} ms  p99 ${f(c.p99)} ms`);
    out[`v${n}`] = { notices: stored, webhook_p50_ms: r3(d.p50), webhook_p99_ms: r3(d.p99), claims_p50_ms: r3(c.p50), claims_p99_ms: r3(c.p99) };
  }
  const h = summarize(noop);
  console.log(`harness only (no-op request)          p50 ${f(h.p50)} ms  p99 ${f(h.p99)} ms`);
  console.log(JSON.stringify({ ...out, harness_p50_ms: r3(h.p50), background: BACKGROUND, loads: LOADS }));
} finally {
  await mf.dispose();
}
