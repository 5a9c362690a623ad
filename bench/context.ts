/**
 * `npm run bench:context`: how long the agent panel's context takes to load for a heavy
 * customer: 200 orders with parcel tracks, 2,000 page views, 30 sessions and a cart, among other
 * customers' rows so the indexes matter. A real local D1 (Miniflare's workerd SQLite) with
 * ./migrations applied; the Worker's own service code runs inside workerd (bench/lib/context-worker.ts,
 * bundled here with esbuild), and each load is timed from Node around one request. Node's D1
 * proxy is not used for the loads: it turns every prepare/bind into a synchronous round trip
 * and would time the proxy, not D1. The no-op request's time is the harness's own share, and
 * its p99 shows how busy the machine was.
 *
 * Options: --orders N (200) --browsing N (2000) --loads N (500) --others N (300 other customers)
 * The last line is JSON: the shop agent's load (what a chat opening costs), in ms.
 */
import { performance } from "node:perf_hooks";
import { Miniflare } from "miniflare";
import { argValue } from "../scripts/lib/eval-args";
import type { ThreadContext } from "../worker/services/context/types";
import { bundleWorker } from "./lib/bundle";
import { migrate } from "./lib/migrate";
import { r3, summarize } from "./lib/stats";

const ORDERS = Number(argValue("orders") ?? 200);
const BROWSING = Number(argValue("browsing") ?? 2000);
const LOADS = Number(argValue("loads") ?? 500);
const OTHERS = Number(argValue("others") ?? 300);
const WARMUP = 50;

const VARIANTS = [
  { key: "noop", label: "harness only (no-op request)", url: "/noop" },
  { key: "shop", label: "context, shop agent, entry order", url: "/context/shop" },
  { key: "all", label: "context, platform staff (all shops)", url: "/context/all" },
  { key: "resolve", label: "resolve 我昨天买的衣服到哪了", url: "/resolve" },
] as const;

/**
 * Times every variant, interleaved load by load: on a shared machine a burst of someone else's
 * work then lands on all variants alike instead of on whichever block it happened to hit.
 */
async function measureAll(mf: Miniflare): Promise<Record<(typeof VARIANTS)[number]["key"], ReturnType<typeof summarize>>> {
  const once = async (url: string) => {
    const t = performance.now();
    const res = await mf.dispatchFetch(`http://bench${url}`);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - t;
  };
  const samples = new Map<string, number[]>(VARIANTS.map((v) => [v.key, []]));
  for (let i = 0; i < WARMUP + LOADS; i++) {
    for (const v of VARIANTS) {
      const ms = await once(v.url);
      if (i >= WARMUP) samples.get(v.key)!.push(ms);
    }
  }
  const out = {} as Record<(typeof VARIANTS)[number]["key"], ReturnType<typeof summarize>>;
  for (const v of VARIANTS) {
    const s = (out[v.key] = summarize(samples.get(v.key)!));
    const f = (x: number) => r3(x).toFixed(3).padStart(7);
    console.log(`${v.label.padEnd(36)} p50 ${f(s.p50)} ms  p95 ${f(s.p95)} ms  p99 ${f(s.p99)} ms  max ${r3(s.max)} ms`);
  }
  return out;
}

const mf = new Miniflare({
  modules: true,
  script: await bundleWorker("bench/lib/context-worker.ts"),
  compatibilityDate: "2026-04-01",
  compatibilityFlags: ["nodejs_compat"],
  d1Databases: { DB: "bench-context" },
});
try {
  await migrate(await mf.getD1Database("DB"));
  const t0 = performance.now();
  const seeded = await mf.dispatchFetch(`http://bench/seed?orders=${ORDERS}&browsing=${BROWSING}&others=${OTHERS}`);
  if (!seeded.ok) throw new Error(`seed: ${await seeded.text()}`);
  console.log(`seeded: one customer with ${ORDERS} orders (with tracks) and ${BROWSING} page views, ${OTHERS} others with 20 and 50; ${Math.round(performance.now() - t0)} ms`);
  const ctx = (await (await mf.dispatchFetch("http://bench/context/shop")).json()) as ThreadContext;
  const tracks = ctx.orders.items.reduce((n, o) => n + (o.shipment?.events.length ?? 0), 0);
  console.log(`a shop agent's load: ${ctx.orders.items.length} of ${ctx.orders.total} orders with ${tracks} track events, ${ctx.browsing.length} products browsed, ${ctx.sessions.length} sessions, entry order ${ctx.entry?.type}`);
  console.log(`${LOADS} loads each after ${WARMUP} warm-up, variants interleaved:`);
  const m = await measureAll(mf);
  console.log(JSON.stringify({ p50_ms: r3(m.shop.p50), p99_ms: r3(m.shop.p99), platform_p99_ms: r3(m.all.p99), resolve_p99_ms: r3(m.resolve.p99), harness_p50_ms: r3(m.noop.p50), harness_p99_ms: r3(m.noop.p99), orders: ORDERS, browsing: BROWSING, loads: LOADS }));
} finally {
  await mf.dispose();
}
