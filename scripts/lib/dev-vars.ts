/**
 * Local secrets: `.dev.vars` (read by wrangler dev) is created from `.dev.vars.example` when
 * missing, and the same values feed the test pool.
 */
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";

/** Parses a KEY=value file, ignoring comments and blank lines. */
export function readDevVars(path = ".dev.vars.example"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/**
 * Creates `.dev.vars` from the example when it does not exist yet, and adds any secret the example
 * gained since (a clone from before a feature would otherwise fail its calls as misconfigured).
 */
export function ensureDevVars(): void {
  if (!existsSync(".dev.vars")) {
    copyFileSync(".dev.vars.example", ".dev.vars");
    return;
  }
  const have = readDevVars(".dev.vars");
  const missing = Object.entries(readDevVars()).filter(([key]) => !(key in have));
  if (missing.length) appendFileSync(".dev.vars", `\n# added from .dev.vars.example\n${missing.map(([k, v]) => `${k}=${v}`).join("\n")}\n`);
}
