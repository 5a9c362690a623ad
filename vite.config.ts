/**
 * The web UI: two pages from web/ (the agent console and the shopper widget), built to web/dist,
 * which wrangler serves as static assets. `vite` (dev) proxies the API and room sockets to a
 * running `wrangler dev`.
 */
import preact from "@preact/preset-vite";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { applyCspSettings } from "./scripts/lib/csp-headers";

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));
const worker = process.env.KEFU_WORKER_URL ?? "http://127.0.0.1:8787";

/**
 * The Content-Security-Policy settings of a production build (scripts/lib/csp-headers.ts):
 * KEFU_WIDGET_FRAME_ANCESTORS (the mall's origins that may frame the widget) and KEFU_IMAGE_HOSTS
 * (where images may come from), each space-separated, rewrite web/dist/_headers when set.
 */
function cspSettings(): Plugin {
  return {
    name: "kefu-csp-settings",
    apply: "build",
    closeBundle() {
      const file = web("dist/_headers");
      const settings = { frameAncestors: process.env.KEFU_WIDGET_FRAME_ANCESTORS, imageHosts: process.env.KEFU_IMAGE_HOSTS };
      writeFileSync(file, applyCspSettings(readFileSync(file, "utf8"), settings));
    },
  };
}

export default defineConfig({
  root: web(""),
  plugins: [preact(), cspSettings()],
  build: {
    outDir: web("dist"),
    emptyOutDir: true,
    // Vite 8 bundles with Rolldown; `rolldownOptions` is the current name of `rollupOptions`.
    rolldownOptions: {
      input: { index: web("index.html"), widget: web("widget.html") },
    },
  },
  server: {
    proxy: {
      "/api": worker,
      "/parties": { target: worker, ws: true },
    },
  },
});
