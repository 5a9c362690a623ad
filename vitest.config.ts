import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { readDevVars } from "./scripts/lib/dev-vars";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [
      cloudflareTest({
        main: "./worker/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { ...readDevVars(), TEST_MIGRATIONS: migrations, SESSION_IDLE_MINUTES: "30" },
        },
      }),
    ],
    test: {
      include: ["tests/**/*.test.ts"],
      exclude: ["tests/e2e/**"],
      setupFiles: ["./tests/setup.ts"],
      testTimeout: 20_000,
    },
  };
});
