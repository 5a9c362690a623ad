/**
 * Starts a Worker with wrangler's dev server (serve-worker.ts), or with Miniflare alone
 * (serve-miniflare.ts), on a free loopback port, with its own local state, for the
 * benchmark; stops it by killing its whole process group (wrangler, its proxy and the workerd
 * processes), so nothing is left running after a run, even a failed one.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { ensureDevVars } from "../../scripts/lib/dev-vars";
import { freePort } from "../../scripts/lib/free-port";

const WRANGLER = "node_modules/wrangler/bin/wrangler.js";

/** A running `wrangler dev`. `pgid` is the process group of wrangler and its workerd children. */
export interface DevServer {
  url: string;
  pgid: number;
  /** The last few kB of wrangler's output, for diagnosing a failed run. */
  log(): string;
  stop(): Promise<void>;
}

/** How to start a server for a run. */
export interface DevServerOptions {
  /** `wrangler.toml` to run; the project's own when absent. */
  config?: string;
  /** Directory for D1, Durable Object and R2 state; emptied first. */
  stateDir: string;
  /** Apply the D1 migrations and load the demo mall before starting (the product only). */
  seed: boolean;
  /** Path answering any HTTP status once the Worker is up. */
  readyPath: string;
  /** Runs the Worker with Miniflare alone, without wrangler's dev proxy in front (serve-miniflare.ts). */
  miniflare?: boolean;
  /** Opens the devtools inspector on this port (for profiling; it costs CPU). */
  inspectorPort?: number;
}

function prepareState(opts: DevServerOptions): void {
  rmSync(opts.stateDir, { recursive: true, force: true });
  mkdirSync(opts.stateDir, { recursive: true });
  if (!opts.seed) return;
  ensureDevVars();
  // wrangler refuses to start the product without its static assets folder.
  mkdirSync("web/dist", { recursive: true });
  const quiet = { stdio: "pipe" as const, encoding: "utf8" as const };
  execFileSync(process.execPath, [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", opts.stateDir], quiet);
  execFileSync("npx", ["tsx", "scripts/seed.ts", "--persist-to", opts.stateDir], quiet);
}

/** Prepares fresh state, starts the Worker and resolves once it answers HTTP. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  prepareState(opts);
  const port = await freePort();
  const config = opts.config ?? "wrangler.toml";
  // wrangler's dev server without the devtools inspector (see serve-worker.ts for why);
  // `inspectorPort` turns it on, for profiling.
  const args = ["--import", "tsx", opts.miniflare ? "bench/lib/serve-miniflare.ts" : "bench/lib/serve-worker.ts", config, String(port), opts.stateDir, ...(opts.inspectorPort ? [String(opts.inspectorPort)] : [])];
  // Its own process group, so stop() reaches workerd too (wrangler does not always forward signals).
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  // The tail of wrangler's output, without the one line per socket upgrade that would drown it.
  let log = "";
  const keep = (d: Buffer) => (log = (log + d.toString().split("\n").filter((l) => !l.includes("Switching Protocols")).join("\n")).slice(-200_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const server: DevServer = {
    url: `http://127.0.0.1:${port}`,
    pgid: child.pid!,
    log: () => log,
    stop: () => stopGroup(child),
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await fetch(`${server.url}${opts.readyPath}`);
      return server;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`wrangler dev did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** SIGTERM to the group, then SIGKILL if anything is still alive after a few seconds. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid!;
  const signal = (sig: NodeJS.Signals | 0) => {
    try {
      process.kill(-pgid, sig);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signal("SIGTERM")) return;
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!signal(0)) return;
  }
  signal("SIGKILL");
}
