/**
 * Is this deployment ready to serve? The secrets are checked on each use (lib/secrets.ts), so a
 * deploy that forgot `wrangler secret put` succeeds and then refuses logins and webhooks; this
 * check says so at once, for the operator's smoke test after `npm run deploy` and for uptime
 * monitors. It names what is wrong, never a value or why a value is weak.
 */
import { sql } from "drizzle-orm";
import { database } from "../db/client";
import { secretStatus } from "../lib/secrets";

export type CheckStatus = "ok" | "missing" | "weak" | "unreachable";

export interface Health {
  status: "ok" | "misconfigured";
  /** Demo routes (and public development secrets) are on: never in production. */
  demoMode: boolean;
  checks: Record<string, CheckStatus>;
}

/** The secrets every deployment needs; the previous keys of a rotation are checked only while they are set. */
const REQUIRED_SECRETS = ["SHOPPER_JWT_SECRET", "GUEST_TOKEN_SECRET", "MALL_WEBHOOK_SECRET", "TWO_FACTOR_KEY"] as const;

const ROTATION_SECRETS = ["SHOPPER_JWT_SECRET_PREVIOUS", "TWO_FACTOR_KEY_PREVIOUS"] as const;

export async function checkHealth(env: Env): Promise<Health> {
  const vars = env as Env & Record<string, string | undefined>;
  const checks: Record<string, CheckStatus> = {};
  for (const name of REQUIRED_SECRETS) checks[name] = secretStatus(env, vars[name]);
  for (const name of ROTATION_SECRETS) if (vars[name]) checks[name] = secretStatus(env, vars[name]);
  checks.DB = await database(env.DB)
    .run(sql`SELECT 1`)
    .then(() => "ok" as const)
    .catch((err: Error) => {
      console.error("health: D1 unreachable", err.message);
      return "unreachable" as const;
    });
  const ok = Object.values(checks).every((s) => s === "ok");
  return { status: ok ? "ok" : "misconfigured", demoMode: env.DEMO_MODE === "1", checks };
}
