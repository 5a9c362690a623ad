/**
 * The web UI: two pages from web/ (the agent console and the shopper widget), built to web/dist,
 * which wrangler serves as static assets. `vite` (dev) proxies the API and room sockets to a
 * running `wrangler dev`.
 */
import preact from "@preact/preset-vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));
const worker = process.env.KEFU_WORKER_URL ?? "http://127.0.0.1:8787";

export default defineConfig({
  root: web(""),
  plugins: [preact()],
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
