/**
 * Small helpers shared by the eval scripts: command-line flags and JSON-lines files, and where the
 * shared evaluation data lives (`../shared/eval` beside the repository).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file lives in `scripts/lib/`). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The shared, read-only evaluation data directory. */
export const evalDir = path.resolve(repoRoot, "../shared/eval");

/**
 * The value of `--name value` or `--name=value` in `argv`, or undefined when absent.
 * A bare `--name` followed by another flag (or nothing) yields "".
 */
export function argValue(name: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  const flag = `--${name}`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
    if (a === flag) {
      const next = argv[i + 1];
      return next === undefined || next.startsWith("--") ? "" : next;
    }
  }
  return undefined;
}

/** Whether the boolean flag `--name` is present. */
export function hasFlag(name: string, argv: readonly string[] = process.argv.slice(2)): boolean {
  return argValue(name, argv) !== undefined;
}

/** Parses a JSON-lines file (blank lines skipped); the caller asserts the row type. */
export function readJsonl<T = unknown>(file: string): T[] {
  const rows: T[] = [];
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      rows.push(JSON.parse(line) as T);
    } catch (err) {
      throw new Error(`${file}:${i + 1}: invalid JSON (${(err as Error).message})`);
    }
  });
  return rows;
}
