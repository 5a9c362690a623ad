/**
 * The web UI: two pages from web/ (the agent console and the shopper widget), built to web/dist,
 * which wrangler serves as static assets. `vite` (dev) proxies the API and room sockets to a
 * running `wrangler dev`.
 */
import preact from "@preact/preset-vite";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));
const worker = process.env.KEFU_WORKER_URL ?? "http://127.0.0.1:8787";

/**
 * Which pages may frame the shopper widget: `frame-ancestors *` in web/public/_headers unless
 * KEFU_WIDGET_FRAME_ANCESTORS lists the mall's origins (space-separated) at build time.
 */
function widgetFrameAncestors(): Plugin {
  const origins = process.env.KEFU_WIDGET_FRAME_ANCESTORS?.trim();
  return {
    name: "kefu-widget-frame-ancestors",
    apply: "build",
    closeBundle() {
      if (!origins) return;
      // Origins only: a ';' or a line break would smuggle another directive or header in.
      if (!/^[A-Za-z0-9:/.*\- ]+$/.test(origins)) throw new Error(`KEFU_WIDGET_FRAME_ANCESTORS must be space-separated origins, got: ${origins}`);
      const file = web("dist/_headers");
      writeFileSync(file, readFileSync(file, "utf8").replaceAll("frame-ancestors *", `frame-ancestors ${origins}`));
    },
  };
}

export default defineConfig({
  root: web(""),
  plugins: [preact(), widgetFrameAncestors()],
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
