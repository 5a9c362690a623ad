/**
 * Starts `wrangler dev` for browser tests on a free port with its own local state (migrated and
 * seeded with the demo mall), and stops it afterwards.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { ensureDevVars } from "../../scripts/lib/dev-vars";
import { freePort } from "../../scripts/lib/free-port";

const STATE_DIR = ".wrangler/e2e-state";

export interface DevServer {
  url: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** Settings over wrangler.toml's (`--var`), e.g. quiet hours off for a file whose notices must arrive at any hour. */
  vars?: Record<string, string>;
}

/** Prepares local state and starts the Worker; resolves when it answers. */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  ensureDevVars();
  rmSync(STATE_DIR, { recursive: true, force: true });
  execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR], { stdio: "ignore" });
  execFileSync("npx", ["tsx", "scripts/seed.ts", "--persist-to", STATE_DIR], { stdio: "ignore" });
  const port = await freePort();
  const child: ChildProcess = spawn("npx", ["wrangler", "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", STATE_DIR, "--show-interactive-dev-session=false", "--test-scheduled", ...Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`])], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/shops`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300));
    },
  };
}

/**
 * Runs SQL against the running server's local D1 (a fixture the demo mall has no way to make,
 * such as a notice that failed every retry).
 */
export function executeLocalSql(sql: string): void {
  execFileSync("npx", ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--command", sql], { stdio: "ignore" });
}
