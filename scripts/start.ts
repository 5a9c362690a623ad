/**
 * `npm start`: build the console, apply local D1 migrations, load the demo mall (idempotent),
 * print the URLs and demo logins, then run the Worker locally on http://localhost:8787.
 */
import { execFileSync, spawn } from "node:child_process";
import { DEMO_LOGINS } from "./demo-mall/generate";
import { ensureDevVars } from "./lib/dev-vars";

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

const dev = spawn("npx", ["wrangler", "dev", "--port", PORT, "--show-interactive-dev-session=false"], { stdio: "inherit" });
const stop = () => dev.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => process.exit(code ?? 0));
