/**
 * The benchmarks' server process: wrangler's own dev server (the same Miniflare/workerd setup as
 * `wrangler dev`) started through its API so the devtools inspector can be left off. With it on,
 * wrangler turns every subrequest of the Worker (each local D1 query is one) into devtools network
 * events and appends each to its debug log file, which costs more CPU than the Worker's own work
 * and would be charged to whichever server makes subrequests (the product, not the bare relay).
 *
 * Usage: tsx bench/lib/serve-worker.ts <config> <port> <stateDir> [inspectorPort]
 * Prints `ready` once the Worker answers; stops on SIGTERM.
 */
import { unstable_startWorker } from "wrangler";

const [config, port, persist, inspectorPort] = process.argv.slice(2);
if (!config || !port || !persist) {
  console.error("usage: serve-worker.ts <config> <port> <stateDir> [inspectorPort]");
  process.exit(2);
}

const worker = await unstable_startWorker({
  config,
  dev: {
    server: { hostname: "127.0.0.1", port: Number(port) },
    inspector: inspectorPort ? { hostname: "127.0.0.1", port: Number(inspectorPort) } : false,
    persist,
    logLevel: (process.env.BENCH_LOG_LEVEL as "warn" | undefined) ?? "warn",
    watch: false,
    liveReload: false,
  },
});
await worker.ready;
console.log("ready");

async function stop(): Promise<void> {
  await worker.dispose().catch(() => undefined);
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
