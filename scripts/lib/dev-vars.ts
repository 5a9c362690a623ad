/**
 * Local secrets: `.dev.vars` (read by wrangler dev) is created from `.dev.vars.example` when
 * missing, and the same values feed the test pool.
 */
import { copyFileSync, existsSync, readFileSync } from "node:fs";

/** Parses a KEY=value file, ignoring comments and blank lines. */
export function readDevVars(path = ".dev.vars.example"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Creates `.dev.vars` from the example when it does not exist yet. */
export function ensureDevVars(): void {
  if (!existsSync(".dev.vars")) copyFileSync(".dev.vars.example", ".dev.vars");
}
