/**
 * `npm run bench`: shopper→agent delivery through the real Worker under load, against a bare
 * relay baseline run the same way, on this machine.
 *
 * Both servers run with `wrangler dev` on a free loopback port and fresh state (the product's D1
 * migrated and seeded with the demo mall), one after the other so they never share the CPU. Each
 * drives N threads, each with a shopper and an agent partysocket; the shopper sends `rate`
 * messages a second and the agent's receipt is timed. Ends with one line of JSON.
 *
 * Options: --threads N (1000)  --rate msgs/s per shopper (0.15)  --duration s (30)  --warmup s (10)
 *          --bot-share 0-1 (0.7)  --no-baseline (skip the relay run)
 *          --repeat N (3, or 1 with --profile: rounds of relay and product, each on fresh servers,
 *          the order swapped every round; the closing line gives the percentiles of all rounds'
 *          messages pooled. One 30-s round's p99 is its 45th-slowest message, and on this shared
 *          machine the same server's p99 moves 1.0-2.9 ms from round to round, so one round
 *          against one round says little; `--repeat 1` for a quick look)
 *          --storing-baseline (also run a relay that writes each frame to SQLite before passing it on,
 *          and acks it to its sender: what not losing a message costs at the least)
 *          --miniflare (run each Worker with Miniflare alone, without wrangler's dev proxy: one
 *          process and one socket hop fewer per frame, as in production, where no proxy sits there)
 *          --disk (keep the servers' local state on disk instead of in memory, see below)
 *          --equal-priority (leave the servers at the load generator's scheduling priority; by default
 *          they run above it, as if the clients were on other machines: lib/priority.ts)
 *          --profile FILE (a CPU profile of the product's Worker over the measured window, to find
 *          where the time goes; the inspector it needs slows the run, so its latencies are not figures,
 *          and saturates workerd at the default load: profile with --threads 200 or so)
 *
 * The traffic is the design target's mix: a share of threads (default 70%) is served by the bot,
 * whose shoppers ask frequent questions it answers; in the others the agent answers the first
 * message, takes the session, and the shopper's free text goes to them. Every shopper message is
 * timed to the agent's socket, which watches bot-served threads too (as the console can).
 * Environment: BENCH_SERVER_LOG=/path/prefix keeps each server's output in `<prefix>.<kefu|relay>.log`;
 *          BENCH_LOG_LEVEL=info makes wrangler log every request there.
 *
 * Local state (SQLite files of D1 and of every Durable Object) lives in memory (/dev/shm) where
 * the machine has it: locally workerd flushes each room's storage commit to disk with fsync on
 * the one thread that serves every room, which on this project's VMs costs about a quarter of the
 * product's CPU per message and has no counterpart in production (a Durable Object's commit is
 * replicated, not flushed by the Worker's thread). Every write still happens; `--disk` keeps the
 * state on disk to measure with the flushes (README: both figures).
 *
 * The default rate is what this project's 2-core machines sustain with room to spare: workerd runs
 * every object of the Worker on one thread, the load generator shares the same two cores, and the
 * machine is often shared. A run that falls behind says SATURATED and exits 1. Much below 0.15,
 * a room sits idle long enough to be evicted (hibernation, ~10 s) between two messages and each
 * message then pays a wake-up, which hits the relay hardest and makes the ratio meaningless.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { argValue, hasFlag } from "../scripts/lib/eval-args";
import { startDevServer, type DevServer } from "./lib/dev-server";
import { agentTokens, benchThread, shopperSecret, signShopperToken } from "./lib/identity";
import { runLoad, type LoadOptions, type LoadResult, type TokensOf } from "./lib/load";
import { latencySummary } from "./lib/tally";
import { measureCpu, type CpuShare } from "./lib/cpu";
import { describeMachine } from "./lib/machine";
import { benchIp } from "./lib/pair";
import { peakRss, type RssPeak } from "./lib/rss";
import { describePriority, raiseServerPriority, type PriorityResult } from "./lib/priority";
import { openProfiler, saveProfile } from "./lib/profile";
import { freePort } from "../scripts/lib/free-port";
import type { GeneratorCost } from "./lib/generator-cost";

const opts: LoadOptions = {
  threads: Number(argValue("threads") ?? 1000),
  rate: Number(argValue("rate") ?? 0.15),
  durationSec: Number(argValue("duration") ?? 30),
  warmupSec: Number(argValue("warmup") ?? 10),
  botShare: Number(argValue("bot-share") ?? 0.7),
};
const withBaseline = !hasFlag("no-baseline");
const profileFile = argValue("profile");
/** Rounds of (relay, product) runs; the summary line pools every round's messages. A profile needs one. */
const repeat = Number(argValue("repeat") ?? (profileFile ? 1 : 3));
const withStoringBaseline = hasFlag("storing-baseline");
/** Where the servers' local state goes: memory unless --disk, or when the machine has no /dev/shm. */
const stateRoot = !hasFlag("disk") && existsSync("/dev/shm") ? "/dev/shm/kefu-bench" : ".wrangler";
/** --miniflare: the Worker run by Miniflare itself, without wrangler's dev proxy between the sockets and workerd. */
const miniflare = hasFlag("miniflare");
/** Servers above the load generator's priority unless --equal-priority (lib/priority.ts). */
const raisePriority = !hasFlag("equal-priority");

const running = new Set<DevServer>();
async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
  running.clear();
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void stopAll().then(() => process.exit(130)));

/** Starts a server, drives it, samples its memory, and always stops it. */
/** `cpu` covers the whole run (connecting and warm-up included); `cpuMeasured` only the measured window. */
type Run = LoadResult & { peakRss: RssPeak; cpu: CpuShare; cpuMeasured: CpuShare | null; priority: PriorityResult | null };

async function measure(kind: "kefu" | "relay" | "storing-relay", tokensFor: (server: DevServer) => Promise<TokensOf>): Promise<Run> {
  const inspectorPort = kind === "kefu" && profileFile ? await freePort() : undefined;
  const stateDir = `${stateRoot}/bench-${kind}-state`;
  const server = await (kind === "kefu"
    ? startDevServer({ stateDir, seed: true, readyPath: "/api/shops", inspectorPort, miniflare })
    : startDevServer({ config: "bench/relay/wrangler.toml", stateDir, seed: false, readyPath: "/", miniflare }));
  running.add(server);
  try {
    const priority = raisePriority ? raiseServerPriority(server.pgid) : null;
    if (priority) console.error(`${kind}: ${describePriority(priority)}`);
    const tokens = await tokensFor(server);
    const cpu = measureCpu(server.pgid);
    let counting: ReturnType<typeof measureCpu> | null = null;
    let cpuMeasured: CpuShare | null = null;
    const profiler = inspectorPort ? await openProfiler(inspectorPort) : null;
    let profiling: Promise<void> | null = null;
    const onMeasure = (edge: "start" | "end") => {
      if (edge === "start") {
        console.error(`${kind}: warmed up, measuring for ${opts.durationSec} s…`);
        counting = measureCpu(server.pgid);
        profiling = profiler?.start() ?? null;
      } else cpuMeasured = counting?.stop() ?? null;
    };
    console.error(`${kind}: ${server.url}, connecting ${opts.threads} threads…`);
    const result = await runLoad(kind === "kefu" ? "kefu" : "relay", server.url.replace("http://", ""), opts, tokens, onMeasure);
    if (profiler && profiling && profileFile) {
      await profiling;
      saveProfile(await profiler.stop(), profileFile);
    }
    if (process.env.BENCH_SERVER_LOG) writeFileSync(`${process.env.BENCH_SERVER_LOG}.${kind}.log`, server.log());
    return { ...result, peakRss: peakRss(server.pgid), cpu: cpu.stop(), cpuMeasured, priority };
  } finally {
    await server.stop();
    running.delete(server);
    // State in memory is memory: give it back (state on disk stays for a look after the run).
    if (stateRoot !== ".wrangler") rmSync(stateDir, { recursive: true, force: true });
  }
}

async function productTokens(server: DevServer): Promise<TokensOf> {
  const secret = shopperSecret();
  const agents = await agentTokens(server.url, { "CF-Connecting-IP": benchIp(0x1fffe) });
  return (i) => {
    const t = benchThread(i);
    const logins = agents.get(t.shopId)!;
    return {
      room: t.threadId,
      shopperToken: signShopperToken(secret, { sub: t.customerId, name: `压测顾客${i}` }),
      agentToken: logins[Math.floor(i / 4) % logins.length]!,
    };
  };
}

const generatorText = (g: GeneratorCost | null) =>
  g ? `busy ${g.busyPct} % of the measured window, its own collections ${g.gc.count} (${g.gc.full} full; ${g.gc.totalMs} ms, longest ${g.gc.maxMs} ms)` : "";

function printRun(name: string, r: Run): void {
  const l = r.measured;
  const { bot, agent } = r.measuredBy;
  console.error(
    `\n${name}: ${r.threadsConnected} threads connected in ${r.connectSec} s\n` +
      `  delivery  p50 ${l.p50} ms  p95 ${l.p95} ms  p99 ${l.p99} ms  max ${l.max} ms  (${l.n} messages)\n` +
      (r.target === "kefu" ? `  … of bot-served threads p50 ${bot.p50} ms  p99 ${bot.p99} ms (${bot.n}); of agent-served threads p50 ${agent.p50} ms  p99 ${agent.p99} ms (${agent.n})\n` : "") +
      `  first message of a thread  p50 ${r.first.p50} ms  p99 ${r.first.p99} ms  (${r.first.n}; all arrived ${r.firstSettleSec} s after the first was sent)\n` +
      `  ${r.msgsPerSec} msgs/s delivered; sent ${r.sent}, acked ${r.acked}, unacked ${r.unacked}, refused ${r.refused}, not sent (socket closed) ${r.skipped}\n` +
      `  lost ${r.lost}, duplicated ${r.duplicated}, errors ${JSON.stringify(r.errors)}, socket closes ${r.socketCloses} (${r.resent} resent after reconnecting), generator lag p99 ${r.sendLagP99Ms} ms, ${generatorText(r.generator)}\n` +
      (r.target === "kefu" ? `  bot-served threads handed to a person during the run: ${r.botHandOffs} of ${r.botThreads}\n` : "") +
      `  worst latency per second: ${r.worstPerSecond.join(" ")}\n` +
      `  peak RSS: workerd ${r.peakRss.workerdMb} MB, with ${miniflare ? "Miniflare" : "wrangler"} ${r.peakRss.groupMb} MB\n` +
      `  CPU (share of all cores): server ${r.cpu.server} % (workerd ${r.cpu.workerd} %), load generator ${r.cpu.loadGenerator} %, other processes ${r.cpu.other} %\n` +
      `  … in the measured window only: server ${r.cpuMeasured?.server} % (workerd ${r.cpuMeasured?.workerd} %), other processes ${r.cpuMeasured?.other} %`,
  );
}

async function main(): Promise<void> {
  if (!(opts.threads > 0 && opts.rate > 0 && opts.durationSec > 0 && opts.warmupSec >= 0 && opts.botShare >= 0 && opts.botShare <= 1 && Number.isInteger(repeat) && repeat >= 1)) {
    console.error("usage: npm run bench -- [--threads N] [--rate msgs/s per shopper] [--duration s] [--warmup s] [--bot-share 0-1] [--repeat N] [--miniflare] [--no-baseline] [--storing-baseline] [--disk] [--equal-priority] [--profile FILE]");
    process.exit(2);
  }
  const machine = describeMachine();
  console.error(`machine: ${machine.summary}`);
  console.error(`local state: ${stateRoot === ".wrangler" ? "on disk (.wrangler)" : `in memory (${stateRoot})`}`);
  console.error(`load: ${opts.threads} threads × ${opts.rate} msg/s = ${Math.round(opts.threads * opts.rate)} msgs/s, warm-up ${opts.warmupSec} s, measured ${opts.durationSec} s, ${Math.round(opts.botShare * 100)}% of threads served by the bot`);

  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
  const rounds: { kefu: Run; baseline: Run | null; storing: Run | null }[] = [];
  for (let round = 1; round <= repeat; round++) {
    if (repeat > 1) console.error(`\n=== round ${round} of ${repeat}`);
    // Even rounds run the product first: the machine's speed drifts, and a fixed order would
    // hand one server the same side of every drift.
    const productFirst = round % 2 === 0;
    const product = async () => {
      const run = await measure("kefu", productTokens);
      printRun("Kefu Edge", run);
      return run;
    };
    const kefuEarly = productFirst ? await product() : null;
    const baseline = withBaseline ? await measure("relay", async () => (i) => ({ room: `t${i}` })) : null;
    if (baseline) printRun("bare relay (baseline)", baseline);
    const storing = withStoringBaseline ? await measure("storing-relay", async () => (i) => ({ room: `t${i}`, party: "storing-relay" })) : null;
    if (storing) printRun("relay storing and acking each frame", storing);
    const kefu = kefuEarly ?? (await product());
    if (baseline) {
      console.error(`\nratio to the bare relay: p50 ${ratio(kefu.measured.p50, baseline.measured.p50)}×, p99 ${ratio(kefu.measured.p99, baseline.measured.p99)}× (goal: p99 ≤ 1.5×)`);
      if (storing) console.error(`the storing relay to the bare relay: p50 ${ratio(storing.measured.p50, baseline.measured.p50)}×, p99 ${ratio(storing.measured.p99, baseline.measured.p99)}×`);
    }
    rounds.push({ kefu, baseline, storing });
  }

  // One round: its figures. Several: the percentiles of every measured message of all rounds
  // pooled (each server's p99 over the same minutes of the machine's drifting speed), with the
  // per-round ratios and medians printed beside them; losses summed.
  const kefuRuns = rounds.map((r) => r.kefu);
  const baselineRuns = rounds.flatMap((r) => (r.baseline ? [r.baseline] : []));
  const kefuAll = latencySummary(kefuRuns.flatMap((r) => r.measuredLatencies));
  const baselineAll = baselineRuns.length ? latencySummary(baselineRuns.flatMap((r) => r.measuredLatencies)) : null;
  const line = {
    threads: Math.min(...kefuRuns.map((r) => r.threadsConnected)),
    p50_ms: kefuAll.p50,
    p99_ms: kefuAll.p99,
    baseline_p50_ms: baselineAll?.p50 ?? null,
    baseline_p99_ms: baselineAll?.p99 ?? null,
    msgs_per_s: median(kefuRuns.map((r) => r.msgsPerSec)),
    lost: kefuRuns.reduce((n, r) => n + r.lost, 0),
    duplicated: kefuRuns.reduce((n, r) => n + r.duplicated, 0),
    peak_rss_mb: Math.max(...kefuRuns.map((r) => r.peakRss.workerdMb)),
  };
  const storingRuns = rounds.flatMap((r) => (r.storing ? [r.storing] : []));
  if (repeat > 1 && baselineAll && storingRuns.length) {
    // The floor of a lossless relay: its only work is one SQLite insert and one ack per frame.
    const storingAll = latencySummary(storingRuns.flatMap((r) => r.measuredLatencies));
    const perRound = rounds.map((r) => (r.baseline && r.storing ? ratio(r.storing.measured.p99, r.baseline.measured.p99) : null));
    console.error(`\nthe storing relay over ${repeat} rounds: p50 ${storingAll.p50} ms, p99 ${storingAll.p99} ms (p99 ${ratio(storingAll.p99, baselineAll.p99)}× the bare relay's; per round ${perRound.join(", ")})`);
  }
  if (repeat > 1 && baselineAll) {
    const perRound = rounds.map((r) => (r.baseline ? ratio(r.kefu.measured.p99, r.baseline.measured.p99) : null));
    const medKefu = median(kefuRuns.map((r) => r.measured.p99));
    const medBaseline = median(baselineRuns.map((r) => r.measured.p99));
    console.error(
      `\nover ${repeat} rounds (${kefuAll.n} and ${baselineAll.n} measured messages): Kefu Edge p50 ${kefuAll.p50} ms, p99 ${kefuAll.p99} ms; bare relay p50 ${baselineAll.p50} ms, p99 ${baselineAll.p99} ms (p99 ${ratio(kefuAll.p99, baselineAll.p99)}×)\n` +
        `  p99 ratio per round ${perRound.join(", ")}; median of the rounds' p99: ${medKefu} against ${medBaseline} ms (${ratio(medKefu, medBaseline)}×)`,
    );
  }
  mkdirSync("bench-results", { recursive: true });
  const file = `bench-results/chat-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  const last = rounds.at(-1)!;
  // The raw latencies stay out of the file (tens of thousands of numbers per run).
  const withoutSamples = (key: string, value: unknown) => (key === "measuredLatencies" ? undefined : value);
  writeFileSync(file, `${JSON.stringify({ summary: line, options: { ...opts, repeat, server: miniflare ? "miniflare" : "wrangler dev", state: stateRoot === ".wrangler" ? "disk" : "memory", serverPriority: raisePriority ? "raised" : "equal" }, machine, kefu: last.kefu, baseline: last.baseline, storingBaseline: last.storing, rounds }, withoutSamples, 2)}\n`);
  console.error(`results → ${file}`);
  console.log(JSON.stringify(line));
  // Lost or duplicated messages are a failure, not a figure; so is a server that fell behind.
  if (line.lost > 0 || line.duplicated > 0) process.exitCode = 1;
  for (const { kefu, baseline, storing } of rounds) {
    for (const [name, r] of [["Kefu Edge", kefu], ["bare relay", baseline], ["storing relay", storing]] as const) {
      if (r && (r.measuredDelivered < r.measuredSent || r.unacked > 0)) {
        console.error(`SATURATED: ${name} delivered ${r.measuredDelivered} of ${r.measuredSent} measured messages (${r.unacked} never acked) within the drain time: lower --rate or --threads (other processes used ${r.cpu.other} % of the CPU)`);
        process.exitCode = 1;
      }
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 100) / 100;
}

main().catch(async (err) => {
  console.error(err);
  await stopAll();
  process.exit(1);
});
