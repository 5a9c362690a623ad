/**
 * `GET /api/health`: what an operator's smoke test after a deploy sees. Through the real app with
 * the deployment's vars changed, as a production deploy would set them.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { api } from "../helpers/fixtures";
import { brokenD1 } from "../helpers/broken-d1";

const STRONG = { SHOPPER_JWT_SECRET: "s".repeat(40), GUEST_TOKEN_SECRET: "g".repeat(40), MALL_WEBHOOK_SECRET: "m".repeat(40), TWO_FACTOR_KEY: "t".repeat(40) };

async function healthWith(vars: Record<string, unknown>) {
  const res = await app.fetch(new Request("http://kefu.test/api/health"), { ...env, ...vars }, createExecutionContext());
  return { status: res.status, body: (await res.json()) as { status: string; demoMode: boolean; checks: Record<string, string> } };
}

describe("health", () => {
  it("answers 200 for the local demo deployment", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", demoMode: true, checks: { SHOPPER_JWT_SECRET: "ok", GUEST_TOKEN_SECRET: "ok", MALL_WEBHOOK_SECRET: "ok", TWO_FACTOR_KEY: "ok", DB: "ok" } });
  });

  it("answers 503 for production with the public development secrets, naming each, never a value", async () => {
    const { status, body } = await healthWith({ DEMO_MODE: "0" });
    expect(status).toBe(503);
    expect(body).toEqual({ status: "misconfigured", demoMode: false, checks: { SHOPPER_JWT_SECRET: "weak", GUEST_TOKEN_SECRET: "weak", MALL_WEBHOOK_SECRET: "weak", TWO_FACTOR_KEY: "weak", DB: "ok" } });
    expect(JSON.stringify(body)).not.toContain(env.SHOPPER_JWT_SECRET!);
  });

  it("names a missing secret, and a weak previous key while a rotation is under way", async () => {
    const { status, body } = await healthWith({ DEMO_MODE: "0", ...STRONG, GUEST_TOKEN_SECRET: undefined, SHOPPER_JWT_SECRET_PREVIOUS: "short", TWO_FACTOR_KEY_PREVIOUS: "short" });
    expect(status).toBe(503);
    expect(body.checks).toEqual({ SHOPPER_JWT_SECRET: "ok", GUEST_TOKEN_SECRET: "missing", MALL_WEBHOOK_SECRET: "ok", TWO_FACTOR_KEY: "ok", SHOPPER_JWT_SECRET_PREVIOUS: "weak", TWO_FACTOR_KEY_PREVIOUS: "weak", DB: "ok" });
  });

  it("answers 200 for production with strong secrets, and 503 when D1 cannot be reached", async () => {
    expect(await healthWith({ DEMO_MODE: "0", ...STRONG })).toMatchObject({ status: 200, body: { status: "ok", demoMode: false } });
    const { status, body } = await healthWith({ DEMO_MODE: "0", ...STRONG, DB: brokenD1 });
    expect(status).toBe(503);
    expect(body.checks.DB).toBe("unreachable");
  });
});
