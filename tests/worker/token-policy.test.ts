/**
 * Shopper token policy (core/protocol/auth.ts `shopperClaimsFor`, enforced in
 * worker/services/identity.ts): a bounded lifetime always, `iss` and `aud` when the deployment
 * sets SHOPPER_JWT_ISSUER / SHOPPER_JWT_AUDIENCE. Through the real Worker, over HTTP and sockets.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { sign } from "hono/utils/jwt/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { SHOPPER_TOKEN_MAX_LIFETIME_SEC } from "../../core/protocol";
import { app } from "../../worker/app";
import { api, seedFixture, uniqueCustomer } from "../helpers/fixtures";
import { connect } from "../helpers/socket";

beforeAll(seedFixture);

const DAY = 86_400;
const nowSec = () => Math.floor(Date.now() / 1000);
type Answer = { error?: { code: string; message: string; details?: { field: string; message: string }[] }; identity?: { customerId: string } };

/** A mall token for `sub` with these claims on top of the usual ones. */
function mallToken(sub: string, claims: Record<string, unknown>): Promise<string> {
  return sign({ sub, name: "王小明", level: "gold", exp: nowSec() + 3600, ...claims }, env.SHOPPER_JWT_SECRET!, "HS256");
}

/** GET /api/me through the app with extra vars, as a deployment that set them would run. */
async function meWith(vars: Record<string, string>, token: string): Promise<{ status: number; body: Answer }> {
  const res = await app.fetch(new Request("http://kefu.test/api/me", { headers: { authorization: `Bearer ${token}` } }), { ...env, ...vars }, createExecutionContext());
  return { status: res.status, body: (await res.json()) as Answer };
}

describe("shopper token lifetime", () => {
  it("refuses a token that expires a year from now, naming exp and the limit", async () => {
    const res = await api("/api/me", { token: await mallToken("c1", { exp: nowSec() + 365 * DAY }) });
    expect(res.status).toBe(401);
    const { error } = (await res.json()) as Answer;
    expect(error!.code).toBe("unauthorized");
    expect(error!.message).toMatch(/exp: must be at most 7 days from now/);
    expect(error!.details).toEqual([expect.objectContaining({ field: "exp" })]);
  });

  it("refuses such a token on a socket too", async () => {
    const customer = uniqueCustomer();
    await expect(connect(`apparel:${customer}`, await mallToken(customer, { exp: nowSec() + 30 * DAY }))).rejects.toMatchObject({ status: 401 });
  });

  it("refuses a token whose exp is more than 7 days after its iat, even if it ends soon", async () => {
    const res = await api("/api/me", { token: await mallToken("c1", { iat: nowSec() - 30 * DAY, exp: nowSec() + 3600 }) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Answer).error!.message).toMatch(/iat: exp may be at most 7 days after iat/);
  });

  it("accepts a token that lives exactly the maximum, and an ordinary one", async () => {
    for (const claims of [{ iat: nowSec(), exp: nowSec() + SHOPPER_TOKEN_MAX_LIFETIME_SEC }, { exp: nowSec() + 3600 }]) {
      const res = await api("/api/me", { token: await mallToken("c1", claims) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Answer).identity).toMatchObject({ customerId: "c1" });
    }
  });
});

describe("shopper token issuer and audience, when configured", () => {
  const vars = { SHOPPER_JWT_ISSUER: "https://mall.example", SHOPPER_JWT_AUDIENCE: "kefu" };

  it("accepts a token with the configured iss and aud (aud may be a list)", async () => {
    expect((await meWith(vars, await mallToken("c1", { iss: vars.SHOPPER_JWT_ISSUER, aud: "kefu" }))).status).toBe(200);
    expect((await meWith(vars, await mallToken("c1", { iss: vars.SHOPPER_JWT_ISSUER, aud: ["search", "kefu"] }))).status).toBe(200);
  });

  it("refuses a missing or wrong issuer or audience, naming the claim", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ aud: "kefu" }, "iss"],
      [{ iss: "https://evil.example", aud: "kefu" }, "iss"],
      [{ iss: vars.SHOPPER_JWT_ISSUER }, "aud"],
      [{ iss: vars.SHOPPER_JWT_ISSUER, aud: ["search"] }, "aud"],
    ];
    for (const [claims, field] of cases) {
      const { status, body } = await meWith(vars, await mallToken("c1", claims));
      expect(status, JSON.stringify(claims)).toBe(401);
      expect(body.error!.details![0]!.field).toBe(field);
    }
  });

  it("does not demand iss or aud when they are not configured", async () => {
    expect((await meWith({ SHOPPER_JWT_ISSUER: "", SHOPPER_JWT_AUDIENCE: "" }, await mallToken("c1", {}))).status).toBe(200);
  });

  it("keeps accepting our own guest tokens, which carry no iss or aud", async () => {
    const res = await app.fetch(new Request("http://kefu.test/api/auth/guest", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), { ...env, ...vars }, createExecutionContext());
    const { token, customerId } = (await res.json()) as { token: string; customerId: string };
    const me = await meWith(vars, token);
    expect(me.status).toBe(200);
    expect(me.body.identity).toMatchObject({ customerId });
  });
});
