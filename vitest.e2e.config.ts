import { defineConfig } from "vitest/config";

/** Browser tests: Node, real Chromium (playwright-core) against `wrangler dev`. */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
