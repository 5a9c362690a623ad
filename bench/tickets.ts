/**
 * `npm run bench:tickets`: the 工单 queries at volume, against a real local D1 (Miniflare's workerd
 * SQLite with ./migrations applied). One shop holds a year of tickets (100,000 by default: most
 * closed, a few thousand active, most of those overdue), nine others fewer between them; each
 * ticket has 3 events (a real one gathers ~20 over its life: 3 keep the seed quick; the detail
 * reads one ticket's log by index, so its length barely matters here). The product's own code runs
 * inside workerd (bench/lib/tickets-worker.ts, bundled with esbuild): `GET /api/tickets`'s
 * listTickets in its views, getTicket, createTicket and actOnTicket (and the repos' numbered
 * INSERT and guarded change alone), and the service report's 30 days for the shop against a twin
 * shop with the same sessions and no tickets. Each is timed from Node around one request, every
 * request sequential; the no-op request is the harness's own share.
 *
 * Options: --tickets N (100000 in the big shop) --others N (20000 across nine other shops)
 * --sessions-per-day N (1000 in the big shop and as many in its twin, over 30 days; 0: none)
 * --loads N (40) --explain (print EXPLAIN QUERY PLAN of every statement each variant sends).
 * The last line is JSON, in ms.
 */
import { performance } from "node:perf_hooks";
import { Miniflare } from "miniflare";
import { argValue } from "../scripts/lib/eval-args";
import { bundleWorker } from "./lib/bundle";
import { migrate } from "./lib/migrate";
import { r3, summarize } from "./lib/stats";

const TICKETS = Number(argValue("tickets") ?? 100_000);
const OTHERS = Number(argValue("others") ?? 20_000);
const SESSIONS_PER_DAY = Number(argValue("sessions-per-day") ?? 1000);
const DAYS = 30;
const LOADS = Number(argValue("loads") ?? 40);
const EXPLAIN = argValue("explain") !== undefined;
const WARMUP = 3;

// The seed quotes order 202600000000 + 7i in the title and description of the shop's ticket i (unique: the rare match).
const rareOrder = String(202600000000 + Math.floor(TICKETS * 0.37) * 7);
const midNumber = Math.floor(TICKETS / 2) + 1;

const mf = new Miniflare({
  modules: true,
  script: await bundleWorker("bench/lib/tickets-worker.ts"),
  compatibilityDate: "2026-04-01",
  compatibilityFlags: ["nodejs_compat"],
  d1Databases: { DB: "bench-tickets" },
});
try {
  await migrate(await mf.getD1Database("DB"));
  const t0 = performance.now();
  const seeded = await mf.dispatchFetch(`http://bench/seed?tickets=${TICKETS}&others=${OTHERS}&sessionsPerDay=${SESSIONS_PER_DAY}&days=${DAYS}`);
  if (!seeded.ok) throw new Error(`seed: ${await seeded.text()}`);
  const counts = (await seeded.json()) as Record<string, number>;
  console.log(`seeded in ${Math.round(performance.now() - t0)} ms: ${JSON.stringify(counts)}`);
  const deepOffset = Math.floor(TICKETS / 2);
  const deepCursor = await (await mf.dispatchFetch(`http://bench/deep-cursor?offset=${deepOffset}`)).text();

  const T = `tickets=${TICKETS}`;
  const variants = [
    { key: "noop", label: "harness only (no-op request)", url: "/noop" },
    { key: "active", label: "list: active (default view)", url: "/list?view=active" },
    { key: "all", label: "list: status=all, first page", url: "/list?view=all" },
    { key: "resolved", label: "list: status=resolved (已解决 tab)", url: "/list?view=resolved" },
    { key: "closed", label: "list: status=closed (已关闭 tab)", url: "/list?view=closed" },
    { key: "deep", label: `list: status=all, ${deepOffset} in (cursor)`, url: `/list?view=all&cursor=${encodeURIComponent(deepCursor)}` },
    { key: "mine", label: "list: assignee=me (active)", url: "/list?view=active&assignee=me" },
    { key: "overdue", label: "list: overdue=true (active)", url: "/list?view=active&overdue=true" },
    { key: "text_common", label: "list: q=破损 (all, 1 in 8 match)", url: `/list?view=all&q=${encodeURIComponent("破损")}` },
    { key: "text_rare", label: "list: q=<order no.> (all, 1 match)", url: `/list?view=all&q=${rareOrder}` },
    { key: "text_active", label: "list: q=破损 (active)", url: `/list?view=active&q=${encodeURIComponent("破损")}` },
    { key: "number", label: `list: q=#${midNumber} (all)`, url: `/list?view=all&q=${encodeURIComponent(`#${midNumber}`)}` },
    { key: "platform", label: "list: platform, all shops (active)", url: "/list?view=active&as=platform" },
    { key: "platform_all", label: "list: platform, all shops, status=all", url: "/list?view=all&as=platform" },
    { key: "detail", label: "getTicket (detail + log)", url: `/detail?${T}` },
    { key: "create", label: "createTicket (checks, INSERT, re-read)", url: "/create" },
    { key: "insert", label: "insertTicket alone (numbered INSERT)", url: "/insert" },
    { key: "act", label: "actOnTicket (comment)", url: `/act?${T}` },
    { key: "apply", label: "findTicketRow + applyTicketChange", url: `/apply?${T}` },
    { key: "overdue_log", label: "cron: overdue log (steady state)", url: "/overdue-log" },
    { key: "report", label: `service report, ${DAYS} days, with tickets`, url: `/report?shop=big&days=${DAYS}` },
    { key: "report_twin", label: `the same sessions, no tickets`, url: `/report?shop=twin&days=${DAYS}` },
  ] as const;

  if (EXPLAIN) {
    for (const v of variants.filter((x) => x.key !== "noop")) {
      const plans = (await (await mf.dispatchFetch(`http://bench/explain${v.url}`)).json()) as { sql: string; params: unknown[]; plan: string[] }[];
      console.log(`\n## ${v.label}`);
      for (const p of plans) console.log(`${p.sql.replace(/\s+/g, " ").slice(0, 400)}\n  params ${JSON.stringify(p.params).slice(0, 200)}\n${p.plan.join("\n")}`);
    }
    console.log("");
  }

  const samples = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const t1 = performance.now();
  for (let i = 0; i < WARMUP + LOADS; i++) {
    for (const v of variants) {
      const t = performance.now();
      const res = await mf.dispatchFetch(`http://bench${v.url}`);
      if (!res.ok) throw new Error(`${v.url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      if (i >= WARMUP) samples.get(v.key)!.push(performance.now() - t);
    }
  }
  console.log(`${LOADS} rounds after ${WARMUP} warm-up, every request in turn (${Math.round(performance.now() - t1)} ms)`);
  const out: Record<string, ReturnType<typeof summarize>> = {};
  const f = (x: number) => r3(x).toFixed(1).padStart(7);
  for (const v of variants) {
    const s = (out[v.key] = summarize(samples.get(v.key)!));
    console.log(`${v.label.padEnd(40)} p50 ${f(s.p50)} ms  p95 ${f(s.p95)} ms  p99 ${f(s.p99)} ms  max ${f(s.max)} ms`);
  }
  const json: Record<string, number> = {};
  for (const v of variants) {
    json[`${v.key}_p50_ms`] = r3(out[v.key]!.p50);
    json[`${v.key}_p99_ms`] = r3(out[v.key]!.p99);
  }
  console.log(JSON.stringify({ ...json, tickets: counts.big, active: counts.big_active, overdue: counts.big_overdue, all_tickets: counts.tickets, events: counts.events, sessions: counts.sessions, loads: LOADS }));
} finally {
  await mf.dispose();
}
