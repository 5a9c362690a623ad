/**
 * Seeds the local D1 database with the demo mall, its times anchored to now so "昨天的订单" is
 * yesterday's. Apply the migrations first (`npx wrangler d1 migrations apply DB --local`).
 *
 *   npx tsx scripts/seed.ts             write .wrangler/seed/demo.sql and apply it to the local DB
 *   npx tsx scripts/seed.ts --sql-only  only write the file
 *
 * Safe to run again: every row has a fixed key and is replaced in place. It also writes the past
 * consultations' messages to .wrangler/seed/transcripts.json, which `npm start` writes into the
 * rooms once the Worker runs (scripts/lib/demo-transcripts.ts).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, generateDemoMall } from "./demo-mall/generate";
import { demoMallSql, rowCounts } from "./demo-mall/sql";
import { demoKnowledgeSql } from "./demo-mall/knowledge";
import { TRANSCRIPTS_FILE } from "./lib/demo-transcripts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SQL_FILE = ".wrangler/seed/demo.sql";

async function main(args: string[]): Promise<void> {
  const persistAt = args.indexOf("--persist-to");
  const persistTo = persistAt >= 0 ? args[persistAt + 1] : undefined;
  const unknown = args.filter((a, i) => a !== "--sql-only" && (persistAt < 0 || (i !== persistAt && i !== persistAt + 1)));
  if (unknown.length > 0 || (persistAt >= 0 && !persistTo)) {
    console.error(`unknown argument ${unknown[0] ?? "--persist-to"}\nusage: npx tsx scripts/seed.ts [--sql-only] [--persist-to DIR]`);
    process.exit(2);
  }
  const started = Date.now();
  const mall = await generateDemoMall({ now: started });
  const statements = [...demoMallSql(mall), ...demoKnowledgeSql(started)];
  mkdirSync(join(ROOT, dirname(SQL_FILE)), { recursive: true });
  writeFileSync(join(ROOT, SQL_FILE), `${statements.join("\n")}\n`);
  console.log(`demo mall → ${SQL_FILE} (${statements.length} statements)`);
  for (const [table, count] of Object.entries(rowCounts(mall))) console.log(`  ${table.padEnd(16)} ${count}`);
  // Messages live in the rooms, not D1: `npm start` writes these once the Worker runs.
  writeFileSync(join(ROOT, TRANSCRIPTS_FILE), JSON.stringify(mall.transcripts));
  console.log(`past conversations → ${TRANSCRIPTS_FILE} (${mall.transcripts.length} threads, ${mall.transcripts.reduce((n, t) => n + t.messages.length, 0)} messages)`);

  if (args.includes("--sql-only")) return;
  // wrangler's own output is long; show it only when it fails.
  try {
    execFileSync("npx", ["wrangler", "d1", "execute", "DB", "--local", "--file", SQL_FILE, ...(persistTo ? ["--persist-to", persistTo] : [])], { cwd: ROOT, stdio: "pipe", encoding: "utf8" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    console.error(`${stdout ?? ""}${stderr ?? ""}\nseeding the local D1 failed`);
    process.exit(1);
  }
  console.log(`applied to the local D1 in ${((Date.now() - started) / 1000).toFixed(1)} s; staff log in with password ${DEMO_PASSWORD}, e.g. admin@platform.demo`);
}

await main(process.argv.slice(2));
