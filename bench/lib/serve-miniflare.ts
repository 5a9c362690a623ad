/**
 * The benchmarks' server process, as `serve-worker.ts` but without wrangler's dev proxy: the
 * Worker bundled by wrangler itself (`wrangler deploy --dry-run`) and run by Miniflare directly,
 * one workerd process. Same bindings (`unstable_getMiniflareWorkerOptions` reads the same
 * wrangler.toml and .dev.vars) and the same local state layout (`<stateDir>/v3`, where
 * `wrangler d1 migrations apply --persist-to` wrote the database).
 *
 * Usage: tsx bench/lib/serve-miniflare.ts <config> <port> <stateDir> [inspectorPort]
 * Prints `ready` once the Worker answers; stops on SIGTERM.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const [config, port, persist, inspectorPort] = process.argv.slice(2);
if (!config || !port || !persist) {
  console.error("usage: serve-miniflare.ts <config> <port> <stateDir> [inspectorPort]");
  process.exit(2);
}

const outdir = path.join(persist, "bundle");
execFileSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "deploy", "--dry-run", "--outdir", outdir, "--config", config], { stdio: "pipe" });
const { workerOptions, main } = unstable_getMiniflareWorkerOptions(config);
// wrangler names the bundle after the entry: index.js for worker/index.ts, worker.js for the relay.
const scriptPath = path.join(outdir, `${path.basename(main ?? "index.js").replace(/\.[cm]?[jt]s$/, "")}.js`);
const mf = new Miniflare({
  host: "127.0.0.1",
  port: Number(port),
  ...(inspectorPort ? { inspectorPort: Number(inspectorPort) } : {}),
  defaultPersistRoot: path.join(persist, "v3"),
  logRequests: false,
  workers: [
    {
      ...workerOptions,
      name: "bench",
      // The bundle as one module, listed rather than located: Miniflare would otherwise walk its
      // imports and refuse the optional ones left unbundled (valibot's `import("effect")`).
      modules: [{ type: "ESModule", path: scriptPath, contents: readFileSync(scriptPath, "utf8") }],
      modulesRoot: outdir,
    } as never,
  ],
});
await mf.ready;
console.log("ready");

async function stop(): Promise<void> {
  await mf.dispose().catch(() => undefined);
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
