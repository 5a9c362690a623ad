/**
 * Weak secrets fail closed outside demo mode (worker/lib/secrets.ts): the public `…change-me`
 * values and anything under 32 characters make shopper tokens, guest tokens and webhooks answer
 * `500 misconfigured` instead of trusting a key everyone knows. Through the real Worker with the
 * production setting (`DEMO_MODE=0`) passed as its environment.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { sign } from "hono/utils/jwt/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { SECRET_MIN_LENGTH, weakSecretReason } from "../../worker/lib/secrets";
import { signDelivery } from "../../worker/services/mall/signature";
import { seedFixture, uniqueCustomer } from "../helpers/fixtures";
import { oneEvent } from "../helpers/mall";

beforeAll(seedFixture);

const STRONG = {
  SHOPPER_JWT_SECRET: "q7Yt2mR9vXc4LpW8nZ3kHs6JdF1gB5aEuQ0oTiN",
  GUEST_TOKEN_SECRET: "Vb8Kw2Rz6Xn4Mq9Lt3Hs7Jd1Fg5Ca0EuYoPiWr",
  MALL_WEBHOOK_SECRET: "Zx3Nc8Vb1Mq6Lw4Ke9Rt2Yu7Ip5Oa0SdFgHjKl",
};
type Answer = { error?: { code: string; message: string } };

async function call(vars: Record<string, string>, path: string, init: RequestInit = {}): Promise<Response> {
  return app.fetch(new Request(`http://kefu.test${path}`, init), { ...env, ...vars }, createExecutionContext());
}
const asShopper = async (secret: string) => ({ headers: { authorization: `Bearer ${await sign({ sub: "c1", name: "王小明", exp: Math.floor(Date.now() / 1000) + 600 }, secret, "HS256")}` } });
const guest = { method: "POST", headers: { "content-type": "application/json" }, body: "{}" };
async function webhook(secret: string): Promise<RequestInit> {
  const body = oneEvent("customer.upserted", { id: uniqueCustomer("s"), name: "赵六", level: "normal", tags: [], locale: "zh-CN", updatedAt: Date.now() });
  const ts = String(Math.floor(Date.now() / 1000));
  return { method: "POST", headers: { "content-type": "application/json", "x-kefu-timestamp": ts, "x-kefu-signature": await signDelivery(secret, ts, body) }, body };
}

async function expectMisconfigured(res: Response, name: string): Promise<void> {
  expect(res.status).toBe(500);
  const { error } = (await res.json()) as Answer;
  expect(error!.code).toBe("misconfigured");
  expect(error!.message).toContain(name);
  expect(error!.message).not.toMatch(/dev-.*change-me/); // names the secret, never echoes it
}

describe("weak secrets outside demo mode", () => {
  const prod = { DEMO_MODE: "0" };

  it("refuses the public dev values: shopper tokens, guest tokens and webhooks fail closed", async () => {
    await expectMisconfigured(await call(prod, "/api/me", await asShopper(env.SHOPPER_JWT_SECRET!)), "SHOPPER_JWT_SECRET");
    await expectMisconfigured(await call(prod, "/api/auth/guest", guest), "GUEST_TOKEN_SECRET");
    await expectMisconfigured(await call(prod, "/api/mall/webhooks", await webhook(env.MALL_WEBHOOK_SECRET!)), "MALL_WEBHOOK_SECRET");
  });

  it("refuses secrets shorter than 32 characters", async () => {
    const short = { ...prod, SHOPPER_JWT_SECRET: "a1b2c3d4e5f6g7h8i9j0" };
    const res = await call(short, "/api/me", await asShopper(short.SHOPPER_JWT_SECRET));
    await expectMisconfigured(res, "SHOPPER_JWT_SECRET");
  });

  it("works with strong secrets", async () => {
    const vars = { ...prod, ...STRONG };
    expect((await call(vars, "/api/me", await asShopper(STRONG.SHOPPER_JWT_SECRET))).status).toBe(200);
    const issued = (await (await call(vars, "/api/auth/guest", guest)).json()) as { token: string };
    expect((await call(vars, "/api/me", { headers: { authorization: `Bearer ${issued.token}` } })).status).toBe(200);
    expect((await call(vars, "/api/mall/webhooks", await webhook(STRONG.MALL_WEBHOOK_SECRET))).status).toBe(200);
  });

  it("still accepts the dev values in demo mode (local development)", async () => {
    expect(env.DEMO_MODE).toBe("1");
    expect((await call({}, "/api/me", await asShopper(env.SHOPPER_JWT_SECRET!))).status).toBe(200);
  });
});

describe("weakSecretReason", () => {
  it.each([
    ["dev-mall-secret-change-me", /change-me/],
    ["x".repeat(40) + "CHANGEME", /change-me/],
    ["x".repeat(SECRET_MIN_LENGTH - 1), /shorter than 32/],
    ["x".repeat(SECRET_MIN_LENGTH), null],
    [STRONG.SHOPPER_JWT_SECRET, null],
  ])("%s", (value, reason) => {
    if (reason === null) expect(weakSecretReason(value)).toBeNull();
    else expect(weakSecretReason(value)).toMatch(reason);
  });
});
