/**
 * Drives one server with N threads: connect every pair; warm up with each thread's first message
 * (spread over half the warm-up, then waited for), then half the warm-up of steady traffic; then
 * measure an open-loop schedule of `rate` messages a second per shopper, evenly interleaved across
 * threads. Only messages sent in the measured window count towards the headline; every message
 * counts towards lost and duplicated.
 */
import { Pair, type TargetKind } from "./pair";
import { Tally, type LatencySummary } from "./tally";
import { summarize } from "./stats";
import { collectGarbage, watchGenerator, type GeneratorCost } from "./generator-cost";

/** The load to drive: threads, per-shopper rate and the phases' lengths. */
export interface LoadOptions {
  threads: number;
  /** Messages per second per shopper. */
  rate: number;
  durationSec: number;
  warmupSec: number;
  /** Share of threads the bot serves (0-1); the agent takes over the others after the first message. */
  botShare: number;
}

/** Spreads bot-served threads evenly: thread i is the bot's when the running share steps up at i. */
export function servedBy(i: number, botShare: number): "bot" | "agent" {
  return Math.floor((i + 1) * botShare) > Math.floor(i * botShare) ? "bot" : "agent";
}

/** What one server did under the load: latency, throughput, losses, errors. */
export interface LoadResult {
  target: TargetKind;
  threadsConnected: number;
  connectSec: number;
  /** The session-opening first message of each thread (routing, queue, D1 writes in the product). */
  first: LatencySummary;
  /** Steady-state messages sent in the measured window. */
  measured: LatencySummary;
  /** The same, of bot-served and of agent-served threads. */
  measuredBy: { bot: LatencySummary; agent: LatencySummary };
  /** Every measured latency (ms), for pooling rounds; not written to the results file. */
  measuredLatencies: number[];
  msgsPerSec: number;
  /** Messages sent in the measured window, and how many of them reached the agent by the end. */
  measuredSent: number;
  measuredDelivered: number;
  sent: number;
  acked: number;
  unacked: number;
  refused: number;
  skipped: number;
  /** Seconds from the first first-message until every first message had arrived (or the wait gave up). */
  firstSettleSec: number;
  lost: number;
  duplicated: number;
  unknown: number;
  errors: Record<string, number>;
  socketCloses: number;
  /** Bot-served threads (of `botThreads`) that the bot handed to a person during the run. */
  botHandOffs: number;
  botThreads: number;
  /** Worst delivery latency of each second of the measured window (ms). */
  worstPerSecond: number[];
  /** Unacked messages the shoppers sent again after a reconnect (same clientId). */
  resent: number;
  /** p99 of how late the generator sent measured messages: high means the client, not the server, lagged. */
  sendLagP99Ms: number;
  /** The generator's own busy share and collections in the measured window (it times nothing meanwhile). */
  generator: GeneratorCost | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 180_000;
const DRAIN_MS = 20_000;
/** Longest wait for the first messages to arrive before the measurement starts anyway. */
const SETTLE_MS = 120_000;

/** Calls `fire(i)` for i = 0…count-1 at `at(i)` (non-decreasing), catching up when late. */
async function runSchedule(count: number, at: (i: number) => number, fire: (i: number) => void): Promise<void> {
  for (let i = 0; i < count; ) {
    while (i < count && at(i) <= performance.now()) fire(i++);
    if (i < count) await sleep(Math.max(0, Math.min(20, at(i) - performance.now())));
  }
}

/** Tokens per thread for the product; the relay needs none. */
/** Thread i's room, its tokens (the product) and, for a relay, which relay class serves it. */
export type TokensOf = (i: number) => { room: string; shopperToken?: string; agentToken?: string; party?: "relay" | "storing-relay" };

async function connectAll(kind: TargetKind, host: string, n: number, botShare: number, tokens: TokensOf, tally: Tally): Promise<Pair[]> {
  const ready: Pair[] = [];
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  let next = 0;
  const worker = async () => {
    while (next < n && Date.now() < deadline) {
      const i = next++;
      const pair = new Pair({ kind, host, index: i, tally, servedBy: servedBy(i, botShare), ...tokens(i) });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), Math.max(0, deadline - Date.now()))));
      const ok = await Promise.race([pair.ready.then(() => true), late]);
      clearTimeout(timer);
      if (ok) ready.push(pair);
      else pair.close();
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
  return ready.sort((a, b) => a.index - b.index);
}

/** Runs the schedule against a started server and returns what was measured. */
export async function runLoad(kind: TargetKind, host: string, opts: LoadOptions, tokens: TokensOf, onMeasure?: (edge: "start" | "end") => void): Promise<LoadResult> {
  const tally = new Tally();
  const connectStart = performance.now();
  const pairs = await connectAll(kind, host, opts.threads, opts.botShare, tokens, tally);
  const connectSec = (performance.now() - connectStart) / 1000;
  const n = pairs.length;
  if (n === 0) throw new Error(`${kind}: no thread could connect`);

  // Warm-up, part 1: every thread's first message (the one that opens a session), spread evenly,
  // then wait until they have all arrived, so their routing and D1 work is not in the measurement.
  const firstWindow = (opts.warmupSec * 1000) / 2;
  const firstFrom = performance.now();
  const skipped = { n: 0 };
  const firstAt = (i: number) => firstFrom + (firstWindow * i) / n;
  await runSchedule(n, firstAt, (i) => {
    if (!pairs[i]!.send("first", firstAt(i))) skipped.n++;
  });
  const settleUntil = Date.now() + SETTLE_MS;
  while (tally.outstanding() > 0 && Date.now() < settleUntil) await sleep(100);
  const firstSettleSec = Math.round((performance.now() - firstFrom) / 100) / 10;
  // Agent-served threads: the agent answers once and the bot steps aside (not measured).
  await Promise.race([Promise.all(pairs.map((p) => p.takeOver())), sleep(SETTLE_MS)]);
  // A full collection of what connecting, the warm-up and the previous server's run left in the
  // generator's heap, so that it is not collected in this server's measured window (`npm run
  // bench` passes --expose-gc, and a 64 MB young generation, so that what one window allocates
  // is collected a few times at most). The window's own collections still happen, and are printed.
  collectGarbage();

  // Part 2 and the measurement: `rate` messages a second per shopper, open loop, interleaved.
  // Part 2 lasts at least one period, so every thread has sent once before the measurement: a
  // room idle since part 1 may have hibernated, and its wake-up belongs to the warm-up, not to
  // the steady state measured (at the default rate no room idles long enough to hibernate).
  const period = 1000 / opts.rate;
  const t0 = performance.now();
  const measureFrom = t0 + Math.max(firstWindow, period);
  const measureTo = measureFrom + opts.durationSec * 1000;
  const steadyAt = (j: number) => t0 + Math.floor(j / n) * period + ((j % n) * period) / n;
  const total = Math.ceil((measureTo - t0) / period) * n;
  // The generator's own costs, from the first measured send; assigned in the schedule's callback,
  // which TypeScript's narrowing does not follow.
  let watching = null as ReturnType<typeof watchGenerator> | null;
  await runSchedule(total, steadyAt, (j) => {
    const at = steadyAt(j);
    if (at >= measureTo) return;
    if (at >= measureFrom && !watching) {
      watching = watchGenerator();
      onMeasure?.("start");
    }
    if (!pairs[j % n]!.send(at < measureFrom ? "warmup" : "measure", at)) skipped.n++;
  });

  onMeasure?.("end");
  const generator = watching?.stop() ?? null;
  const drainUntil = Date.now() + DRAIN_MS;
  while (tally.outstanding() > 0 && Date.now() < drainUntil) await sleep(100);
  // The product and the storing relay ack; the bare relay does not.
  const totals = tally.totals(kind === "kefu" || tokens(0).party === "storing-relay");
  const socketCloses = tally.closes;
  const botThreads = kind === "kefu" ? pairs.filter((p) => p.servedBy === "bot").length : 0;
  for (const p of pairs) p.close();
  await sleep(300);

  return {
    target: kind,
    threadsConnected: n,
    connectSec: Math.round(connectSec * 10) / 10,
    first: tally.summary("first"),
    measured: tally.summary("measure"),
    measuredBy: { bot: tally.summaryOf("bot"), agent: tally.summaryOf("agent") },
    measuredLatencies: tally.latencies("measure"),
    msgsPerSec: Math.round(totals.measuredDelivered / opts.durationSec),
    measuredSent: totals.measuredSent,
    measuredDelivered: totals.measuredDelivered,
    sent: totals.sent,
    acked: totals.acked,
    unacked: totals.unacked,
    refused: totals.refused,
    skipped: skipped.n,
    firstSettleSec,
    lost: totals.lost,
    duplicated: totals.duplicated,
    unknown: totals.unknown,
    errors: Object.fromEntries(tally.errors),
    socketCloses,
    botHandOffs: tally.botHandOffs,
    botThreads,
    worstPerSecond: tally.timeline(),
    resent: pairs.reduce((n, p) => n + p.resent, 0),
    sendLagP99Ms: Math.round(summarize(tally.sendLag).p99 * 100) / 100,
    generator,
  };
}
