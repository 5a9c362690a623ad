/**
 * Two-factor login for staff (worker/services/two-factor.ts): set up with an authenticator app,
 * then every login needs the app's code or a recovery code after the password, each code used
 * once, wrong codes counted by the lockout; turned off with a code, or reset by the shop's admin.
 * Through the real Worker and D1, with codes computed from the secret as an app would.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCKOUT } from "../../core/domain/lockout";
import { RECOVERY_CODE_PATTERN } from "../../core/protocol";
import { app } from "../../worker/app";
import { database } from "../../worker/db/client";
import { runMaintenance } from "../../worker/scheduled";
import { staff, staffTwoFactor } from "../../worker/db/schema";
import { PASSWORD, STAFF, api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { awayFromStepEdge as awayFromEdge, codeOf, wrongCode } from "../helpers/totp";

/** Each test takes well under 4 s of codes. */
const awayFromStepEdge = () => awayFromEdge(4);

beforeAll(seedFixture);

let n = 0;
/** A fresh documentation-range address per call, so one test's failures lock no other's. */
const freshIp = () => `203.0.113.${(n++ % 250) + 1}`;

type Answer = { token?: string; error?: { code: string; message: string; details?: unknown } };

async function post(path: string, body: unknown, init: { token?: string; ip?: string } = {}): Promise<{ status: number; body: Answer & Record<string, unknown> }> {
  const res = await api(path, { method: "POST", token: init.token, headers: { "content-type": "application/json", "cf-connecting-ip": init.ip ?? freshIp() }, body: JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as Answer & Record<string, unknown>) };
}

const login = (email: string, extra: Record<string, string> = {}, ip?: string) => post("/api/auth/login", { email, password: PASSWORD, ...extra }, { ip });

/** A fresh staff account (the fixture's password) of a shop; its e-mail and id. */
async function freshStaff(shopId = "apparel", role = "shop_agent"): Promise<{ email: string; id: string }> {
  const db = database(env.DB);
  const model = (await db.select().from(staff).where(eq(staff.id, STAFF.apparelAgent.id)).get())!;
  const id = `st-${crypto.randomUUID().slice(0, 8)}`;
  await db.insert(staff).values({ ...model, id, shopId, role, email: `${id}@${shopId}.test` }).run();
  return { email: `${id}@${shopId}.test`, id };
}

/** Logs in, sets two-factor up and turns it on with the code of the step before now; its secret, recovery codes and session. */
async function enrolled(email: string): Promise<{ secret: string; recoveryCodes: string[]; token: string }> {
  await awayFromStepEdge();
  const token = (await login(email)).body.token!;
  const setup = await post("/api/auth/two-factor/setup", { password: PASSWORD }, { token });
  expect(setup.status).toBe(200);
  const secret = setup.body.secret as string;
  const enabled = await post("/api/auth/two-factor/enable", { code: await codeOf(secret, -1) }, { token });
  expect(enabled.status).toBe(200);
  return { secret, recoveryCodes: enabled.body.recoveryCodes as string[], token };
}

async function status(token: string) {
  return (await api("/api/auth/two-factor", { token })).json();
}

describe("two-factor login for staff", () => {
  it("is set up with the app's first code, and returns ten recovery codes once", async () => {
    const { email, id } = await freshStaff();
    await awayFromStepEdge();
    const token = (await login(email)).body.token!;
    expect(await status(token)).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });

    const setup = await post("/api/auth/two-factor/setup", { password: PASSWORD }, { token });
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.uri).toBe(`otpauth://totp/Kefu%20Edge%3A${encodeURIComponent(email)}?secret=${secret}&issuer=Kefu%20Edge&algorithm=SHA1&digits=6&period=30`);

    const wrong = await post("/api/auth/two-factor/enable", { code: await wrongCode(secret) }, { token });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/^code: /) });
    expect(await status(token)).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });
    expect((await login(email)).status).toBe(200); // not on until confirmed

    const enabled = await post("/api/auth/two-factor/enable", { code: await codeOf(secret) }, { token });
    expect(enabled.status).toBe(200);
    const codes = enabled.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(RECOVERY_CODE_PATTERN);
    expect(await status(token)).toEqual({ enabled: true, recoveryCodesLeft: 10, required: false });

    // D1 keeps neither the secret nor the recovery codes as given.
    const row = (await database(env.DB).select().from(staffTwoFactor).where(eq(staffTwoFactor.staffId, id)).get())!;
    expect(JSON.stringify(row)).not.toContain(secret);
    for (const c of codes) expect(row.recoveryHashes).not.toContain(c);

    const again = await post("/api/auth/two-factor/setup", { password: PASSWORD }, { token });
    expect(again.status).toBe(409);
    expect(await status(token)).toEqual({ enabled: true, recoveryCodesLeft: 10, required: false });
  });

  it("then asks every login for a code after the password, accepts each code once, and a recovery code once", async () => {
    const { email } = await freshStaff();
    const { secret, recoveryCodes } = await enrolled(email);

    const bare = await login(email);
    expect(bare.status).toBe(401);
    expect(bare.body.token).toBeUndefined();
    expect(bare.body.error).toMatchObject({ code: "unauthorized", details: { twoFactor: "required" } });

    const wrong = await login(email, { code: await wrongCode(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ details: { twoFactor: "wrong" } });

    const now = await codeOf(secret);
    const first = await login(email, { code: now });
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^st_/);
    expect((await login(email, { code: now })).body.error).toMatchObject({ details: { twoFactor: "wrong" } }); // seen over a shoulder: spent

    // A recovery code works once, typed in capitals with spaces too.
    const typed = ` ${recoveryCodes[0]!.toUpperCase()} `;
    expect((await login(email, { code: typed })).status).toBe(200);
    expect((await login(email, { code: recoveryCodes[0]! })).status).toBe(401);
    const session = (await login(email, { code: recoveryCodes[1]! })).body.token!;
    expect(await status(session)).toEqual({ enabled: true, recoveryCodesLeft: 8, required: false });
  });

  it("does not let a right code make up for a wrong password", async () => {
    const { email } = await freshStaff();
    const { secret } = await enrolled(email);
    const res = await post("/api/auth/login", { email, password: "wrong-password", code: await codeOf(secret) });
    expect(res.status).toBe(401);
    expect(res.body.error!.details).toBeUndefined();
  });

  it("counts wrong codes as failed logins: the address is locked out, the right code included", async () => {
    const { email } = await freshStaff();
    const { secret } = await enrolled(email);
    const ip = freshIp();
    for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) expect((await login(email, { code: await wrongCode(secret) }, ip)).status).toBe(401);
    expect((await login(email, { code: await codeOf(secret) }, ip)).status).toBe(423);
    expect((await login(email, { code: await codeOf(secret) })).status).toBe(200);
  });

  it("is turned off with a code, not without one", async () => {
    const { email } = await freshStaff();
    const { secret, token } = await enrolled(email);

    const refused = await post("/api/auth/two-factor/disable", { code: await wrongCode(secret) }, { token });
    expect(refused.status).toBe(400);
    expect(await status(token)).toEqual({ enabled: true, recoveryCodesLeft: 10, required: false });
    const missing = await post("/api/auth/two-factor/disable", {}, { token });
    expect(missing.status).toBe(400);
    expect(missing.body.error!.message).toMatch(/code/);

    expect((await post("/api/auth/two-factor/disable", { code: await codeOf(secret) }, { token })).status).toBe(204);
    expect(await status(token)).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });
    expect((await login(email)).status).toBe(200);
  });

  it("is reset by an admin of the staff member's shop, never another shop's", async () => {
    const { email, id } = await freshStaff();
    await enrolled(email);
    const otherAdmin = await freshStaff("electronics", "shop_admin");
    const otherToken = (await login(otherAdmin.email)).body.token!;
    const reset = (token: string) => api(`/api/admin/agents/${id}/two-factor`, { method: "DELETE", token });

    expect((await reset(otherToken)).status).toBe(404);
    expect((await login(email)).status).toBe(401);
    const agentToken = (await login(STAFF.apparelAgent.email)).body.token!;
    expect((await reset(agentToken)).status).toBe(403);

    const adminToken = (await login(STAFF.apparelAdmin.email)).body.token!;
    expect((await reset(adminToken)).status).toBe(204);
    expect((await login(email)).status).toBe(200);
    expect((await reset(adminToken)).status).toBe(404);
  });

  it("is set up only after the password again: a stolen session alone cannot, and guessing it there counts as failed logins", async () => {
    const { email } = await freshStaff();
    const ip = freshIp();
    const token = (await login(email, {}, ip)).body.token!;
    const missing = await post("/api/auth/two-factor/setup", {}, { token, ip });
    expect(missing.status).toBe(400);
    expect(missing.body.error!.message).toMatch(/password/);
    for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) {
      const wrong = await post("/api/auth/two-factor/setup", { password: `guess-${i}` }, { token, ip });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toMatchObject({ code: "invalid_input", details: [{ field: "password" }] });
    }
    // Five wrong: this address is locked out, at login and here, the right password included.
    expect((await post("/api/auth/two-factor/setup", { password: PASSWORD }, { token, ip })).status).toBe(423);
    expect((await login(email, {}, ip)).status).toBe(423);
    expect(await status(token)).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });
    // The session itself is not ended by it.
    expect((await api("/api/me", { token })).status).toBe(200);
  });

  it("expires a setup not confirmed within 15 minutes", async () => {
    const { email, id } = await freshStaff();
    await awayFromStepEdge();
    const token = (await login(email)).body.token!;
    const secret = (await post("/api/auth/two-factor/setup", { password: PASSWORD }, { token })).body.secret as string;
    await database(env.DB).update(staffTwoFactor).set({ createdAt: Date.now() - 16 * 60_000 }).where(eq(staffTwoFactor.staffId, id)).run();
    const late = await post("/api/auth/two-factor/enable", { code: await codeOf(secret) }, { token });
    expect(late.status).toBe(404);
    expect(late.body.error!.message).toMatch(/expired/);
    expect(await status(token)).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });
  });

  it("refuses malformed codes naming the field, bodies not sent as JSON, and callers who are not staff", async () => {
    const { email, id } = await freshStaff();
    const token = (await login(email)).body.token!;
    for (const code of ["12345", "1234567", "abcdef", 123456]) {
      const res = await post("/api/auth/two-factor/enable", { code }, { token });
      expect(res.status).toBe(400);
      expect(res.body.error!.message).toMatch(/^json: code/);
    }
    // A body that is not sent as JSON is refused, not taken for `{}`: nothing is set up.
    const asText = await api("/api/auth/two-factor/setup", { method: "POST", token, headers: { "content-type": "text/plain" }, body: JSON.stringify({ password: PASSWORD }) });
    expect(asText.status).toBe(415);
    expect(((await asText.json()) as Answer).error!.message).toContain("Content-Type: application/json");
    expect(await status(token)).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });
    expect(await database(env.DB).select().from(staffTwoFactor).where(eq(staffTwoFactor.staffId, id)).all()).toEqual([]);
    const badLogin = await login(email, { code: "not-a-code" });
    expect(badLogin.status).toBe(400);
    expect(badLogin.body.error!.message).toMatch(/code/);
    expect((await api("/api/auth/two-factor")).status).toBe(401);
    const shopper = await shopperToken(uniqueCustomer("tf"));
    expect((await post("/api/auth/two-factor/setup", { password: PASSWORD }, { token: shopper })).status).toBe(403);
  });
});

// Last in the file: the cron below seals every secret of this file's database under the new key.
describe("rotating TWO_FACTOR_KEY", () => {
  const NEXT = "a-new-two-factor-key-rotated-in-2026-11-23";
  const rotating = () => ({ TWO_FACTOR_KEY: NEXT, TWO_FACTOR_KEY_PREVIOUS: env.TWO_FACTOR_KEY! });
  /** A login through the Worker with these secrets in place of the test's. */
  const loginWith = async (vars: Record<string, string>, email: string, code: string) => {
    const req = new Request("http://kefu.test/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": freshIp() },
      body: JSON.stringify({ email, password: PASSWORD, code }),
    });
    const res = await app.fetch(req, { ...env, ...vars }, createExecutionContext());
    return { status: res.status, body: (await res.json()) as Answer };
  };

  it("keeps enrolled apps working while the previous key is set: a login seals its secret again, the cron seals the rest, then the previous key can go", async () => {
    const [a, b] = [await freshStaff(), await freshStaff()];
    const [appA, appB] = [await enrolled(a.email), await enrolled(b.email)];
    await awayFromStepEdge();

    // The new key alone opens neither app's secret: said as a misconfiguration, and a recovery code still gets in.
    const alone = await loginWith({ TWO_FACTOR_KEY: NEXT }, a.email, await codeOf(appA.secret));
    expect(alone).toMatchObject({ status: 500, body: { error: { code: "misconfigured" } } });
    expect(alone.body.error!.message).toContain("TWO_FACTOR_KEY_PREVIOUS");
    expect((await loginWith({ TWO_FACTOR_KEY: NEXT }, a.email, appA.recoveryCodes[0]!)).status).toBe(200);

    // With the previous key set, A's code works, and A's secret is now sealed under the new key alone.
    expect((await loginWith(rotating(), a.email, await codeOf(appA.secret))).status).toBe(200);
    expect((await loginWith({ TWO_FACTOR_KEY: NEXT }, a.email, await codeOf(appA.secret, 1))).status).toBe(200);

    // B has not logged in: the cron seals it again, and then B's app works under the new key alone.
    const report = await runMaintenance({ ...env, ...rotating() }, Date.now());
    expect(report.twoFactorResealed).toBeGreaterThanOrEqual(1);
    expect((await loginWith({ TWO_FACTOR_KEY: NEXT }, b.email, await codeOf(appB.secret))).status).toBe(200);
    expect((await runMaintenance({ ...env, ...rotating() }, Date.now())).twoFactorResealed).toBe(0);
    // The old key alone no longer opens them: the rotation is done.
    expect((await loginWith({ TWO_FACTOR_KEY: env.TWO_FACTOR_KEY! }, b.email, await codeOf(appB.secret, 1))).status).toBe(500);
  });

  it("does nothing in the cron while no previous key is set", async () => {
    expect((await runMaintenance(env, Date.now())).twoFactorResealed).toBe(0);
  });
});
