/** Applies every migration file in ./migrations to a benchmark's D1, in order, statement by statement. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../scripts/lib/eval-args";

export async function migrate(d1: D1Database): Promise<void> {
  const dir = path.join(repoRoot, "migrations");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    for (const stmt of readFileSync(path.join(dir, file), "utf8").split("--> statement-breakpoint")) {
      if (stmt.trim()) await d1.prepare(stmt).run();
    }
  }
}
