/** Bundles a benchmark Worker (TypeScript entry, with the product code it imports) for Miniflare. */
import { builtinModules } from "node:module";
import path from "node:path";
import { build } from "esbuild";
import { repoRoot } from "../../scripts/lib/eval-args";

/**
 * The entry (relative to the repository root) bundled into one ES module, as wrangler would; Node's
 * built-in modules (papaparse asks for `stream`) are left to workerd's `nodejs_compat`, and its own
 * `cloudflare:` modules (partyserver, which the ticket notices import, asks for `cloudflare:workers`) to workerd.
 */
export async function bundleWorker(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [path.resolve(repoRoot, entry)],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2023",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    write: false,
    external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), "cloudflare:*"],
    logLevel: "silent",
  });
  return out.outputFiles[0]!.text;
}
