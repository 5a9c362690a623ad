/**
 * `npm start`: build the console, apply local D1 migrations, load the demo mall (idempotent),
 * print the URLs and demo logins, then run the Worker locally on http://localhost:8787, write the
 * demo's past conversations into their threads, and fire its cron trigger every 10 minutes.
 */
import { execFileSync, spawn } from "node:child_process";
import { DEMO_LOGINS } from "./demo-mall/generate";
import { ensureDevVars } from "./lib/dev-vars";
import { readTranscripts, writeDemoTranscripts } from "./lib/demo-transcripts";

const PORT = process.env.PORT ?? "8787";

function run(step: string, cmd: string, args: string[]): void {
  console.log(`\n▸ ${step}`);
  execFileSync(cmd, args, { stdio: "inherit" });
}

ensureDevVars();
run("Building the console and widget", "npx", ["vite", "build", "--logLevel", "warn"]);
run("Applying D1 migrations (local)", "npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"]);
run("Loading the demo mall", "npx", ["tsx", "scripts/seed.ts"]);

const base = `http://localhost:${PORT}`;
console.log(`
──────────────────────────────────────────────────────────────
 Kefu Edge is starting on ${base}

 Agent console      ${base}/
 Shopper widget     ${base}/widget.html?shop=apparel&product=<id>   (pick a demo customer)
 API reference      ${base}/api/docs      (OpenAPI: ${base}/api/openapi.json)

 Demo logins (password for all: ${DEMO_LOGINS[0]?.password}):
${DEMO_LOGINS.map((l) => `   ${l.email.padEnd(26)} ${l.role.padEnd(15)} ${l.shopId}`).join("\n")}
──────────────────────────────────────────────────────────────
`);

// `--test-scheduled`: wrangler dev never fires cron triggers itself, so this script does, as
// Cloudflare would every 10 minutes (wrangler.toml [triggers]): the outbox sweep, pruning, the
// tickets' auto-close and overdue log run on one machine too.
const dev = spawn("npx", ["wrangler", "dev", "--port", PORT, "--show-interactive-dev-session=false", "--test-scheduled"], { stdio: "inherit" });
const CRON = "*/10 * * * *";
const CRON_MS = 10 * 60_000;
async function fireCron(): Promise<boolean> {
  try {
    return (await fetch(`${base}/__scheduled?cron=${encodeURIComponent(CRON)}`)).ok;
  } catch {
    return false; // not listening yet, or shutting down
  }
}
// The first run once the Worker answers (what a deploy's first trigger would catch up on), then
// every 10 minutes. Once it answers, the demo's past conversations go into their threads.
let answered = false;
const firstRun = setInterval(
  () =>
    void fireCron().then((ran) => {
      if (!ran || answered) return;
      answered = true;
      clearInterval(firstRun);
      Promise.resolve().then(() => writeDemoTranscripts(base, readTranscripts())).then(
        ({ written, kept }) => console.log(`\n▸ The demo's past conversations are in ${written} threads${kept ? ` (${kept} with messages of their own kept them)` : ""}`),
        (err: Error) => console.error(`\n▸ ${err.message}`),
      );
    }),
  5_000,
);
const cron = setInterval(() => void fireCron(), CRON_MS);
const stop = () => {
  clearInterval(firstRun);
  clearInterval(cron);
  dev.kill("SIGINT");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => process.exit(code ?? 0));
