/**
 * Login lockout by account and address (core/domain/lockout.ts, worker/services/auth.ts `login`):
 * an address that keeps guessing locks only itself out of the account; the account locks only
 * after many failures from several addresses, and then not for addresses or browsers (device
 * tokens) the staff member has logged in from lately. Through the real Worker, with the client address Cloudflare sets
 * (`CF-Connecting-IP`).
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { staff } from "../../worker/db/schema";
import { LOCKOUT, afterFailure, afterSuccess, attemptKeys, lockedUntil } from "../../core/domain/lockout";
import { PASSWORD, STAFF, api, seedFixture } from "../helpers/fixtures";

beforeAll(seedFixture);

let n = 0;
/** A fresh documentation-range address per call. */
const freshIp = () => `198.51.100.${(n++ % 250) + 1}`;

function login(ip: string, email: string, password: string, device?: string): Promise<Response> {
  return api("/api/auth/login", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body: JSON.stringify({ email, password, ...(device === undefined ? {} : { device }) }) });
}

/** A fresh staff account of the apparel shop whose password is the fixture's (its e-mail returned). */
async function freshStaff(): Promise<string> {
  const db = database(env.DB);
  const model = (await db.select().from(staff).where(eq(staff.id, STAFF.apparelAgent.id)).get())!;
  const id = `st-${crypto.randomUUID().slice(0, 8)}`;
  await db.insert(staff).values({ ...model, id, email: `${id}@apparel.test` }).run();
  return `${id}@apparel.test`;
}

/** The device token a successful login returns. */
async function deviceOf(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { device: string }).device;
}

describe("lockout by account and address", () => {
  it("locks out the guessing address only: the staff member still logs in from elsewhere", async () => {
    const attacker = freshIp();
    for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) expect((await login(attacker, STAFF.apparelAgent.email, "wrong")).status).toBe(401);
    const refused = await login(attacker, STAFF.apparelAgent.email, PASSWORD);
    expect(refused.status).toBe(423);
    expect(((await refused.json()) as { error: { code: string; details: { retryAfterSec: number } } }).error).toMatchObject({ code: "locked", details: { retryAfterSec: 900 } });
    expect((await login(freshIp(), STAFF.apparelAgent.email, PASSWORD)).status).toBe(200);
  });

  /** Enough addresses failing often enough to lock `email` account-wide. */
  async function lockAccount(email: string): Promise<void> {
    const addresses = LOCKOUT.accountMaxFailures / LOCKOUT.pairMaxFailures;
    for (let a = 0; a < addresses; a++) {
      const ip = freshIp();
      for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) expect((await login(ip, email, "wrong")).status).toBe(401);
    }
  }

  it("locks the account for new addresses once many addresses have failed", async () => {
    await lockAccount(STAFF.apparelAdmin.email);
    expect((await login(freshIp(), STAFF.apparelAdmin.email, PASSWORD)).status).toBe(423);
  });

  it("keeps the desk open where the staff member logged in before, while the account is locked for others", async () => {
    const office = freshIp();
    expect((await login(office, STAFF.platformAgent.email, PASSWORD)).status).toBe(200);
    await lockAccount(STAFF.platformAgent.email);
    expect((await login(freshIp(), STAFF.platformAgent.email, PASSWORD)).status).toBe(423);
    const again = await login(office, STAFF.platformAgent.email, PASSWORD);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { staff: { id: string } }).staff.id).toBe(STAFF.platformAgent.id);
    // A known address still has to know the password, and still locks itself out by guessing.
    for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) expect((await login(office, STAFF.platformAgent.email, "wrong")).status).toBe(401);
    expect((await login(office, STAFF.platformAgent.email, PASSWORD)).status).toBe(423);
  });

  it("keeps the desk open in a browser the staff member logged in from before, whatever its address now", async () => {
    const [agent, colleague] = [await freshStaff(), await freshStaff()];
    const device = await deviceOf(await login(freshIp(), agent, PASSWORD));
    expect(device).toMatch(/^dv_[A-Za-z0-9_-]{43}$/);
    await lockAccount(agent);
    // A new address (the laptop's network changed): refused without the device token, let in with it.
    expect((await login(freshIp(), agent, PASSWORD)).status).toBe(423);
    const back = await login(freshIp(), agent, PASSWORD, device);
    expect(await deviceOf(back)).toBe(device);
    // A token no login of this account returned, or another account's, spares nothing.
    const made = `dv_${"A".repeat(43)}`;
    expect((await login(freshIp(), agent, PASSWORD, made)).status).toBe(423);
    const others = await deviceOf(await login(freshIp(), colleague, PASSWORD));
    expect((await login(freshIp(), agent, PASSWORD, others)).status).toBe(423);
    // A stolen device token still has to know the password, and locks itself by guessing, from any address.
    for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) expect((await login(freshIp(), agent, "wrong", device)).status).toBe(401);
    expect((await login(freshIp(), agent, PASSWORD, device)).status).toBe(423);
  });

  it("refuses a malformed device token naming the field, and counts nothing", async () => {
    const ip = freshIp();
    const agent = await freshStaff();
    for (const device of ["not-a-device", 42, "dv_short"]) {
      const res = await api("/api/auth/login", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body: JSON.stringify({ email: agent, password: "wrong", device }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(["device"]);
    }
    // Nothing was counted: this address still has all its tries.
    for (let i = 0; i < LOCKOUT.pairMaxFailures - 1; i++) expect((await login(ip, agent, "wrong")).status).toBe(401);
    expect((await login(ip, agent, PASSWORD)).status).toBe(200);
  });

  it("forgets an address's failures once it logs in", async () => {
    const ip = freshIp();
    for (let i = 0; i < LOCKOUT.pairMaxFailures - 1; i++) expect((await login(ip, STAFF.electronicsAgent.email, "wrong")).status).toBe(401);
    expect((await login(ip, STAFF.electronicsAgent.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < LOCKOUT.pairMaxFailures - 1; i++) expect((await login(ip, STAFF.electronicsAgent.email, "wrong")).status).toBe(401);
    expect((await login(ip, STAFF.electronicsAgent.email, PASSWORD)).status).toBe(200);
  });
});

describe("lockout counters", () => {
  const T = 1_000_000_000;

  it("adds up failures inside the window and locks at the limit", () => {
    let c = afterFailure(undefined, 3, T);
    c = afterFailure(c, 3, T + 1000);
    expect(c).toMatchObject({ failures: 2, lockedUntil: 0 });
    c = afterFailure(c, 3, T + 2000);
    expect(c).toEqual({ failures: 0, lockedUntil: T + 2000 + LOCKOUT.lockMs, updatedAt: T + 2000, knownUntil: 0 });
    expect(lockedUntil(undefined, c, T + 3000)).toBe(T + 2000 + LOCKOUT.lockMs);
    expect(lockedUntil(c, undefined, T + 3000)).toBe(T + 2000 + LOCKOUT.lockMs);
    expect(lockedUntil(c, undefined, T + 2000 + LOCKOUT.lockMs)).toBe(0);
  });

  it("spares a known address from the account's lock until it lapses, never from its own", () => {
    const account = { failures: 0, lockedUntil: T + LOCKOUT.lockMs, updatedAt: T, knownUntil: 0 };
    const known = afterSuccess("203.0.113.7", T - 1000);
    expect(lockedUntil(account, known, T)).toBe(0);
    expect(lockedUntil(account, afterSuccess(null, T - 1000), T)).toBe(T + LOCKOUT.lockMs);
    const lapsed = afterSuccess("203.0.113.7", T - LOCKOUT.knownAddressMs - 1);
    expect(lockedUntil(account, lapsed, T)).toBe(T + LOCKOUT.lockMs);
    let guessing = known;
    for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) guessing = afterFailure(guessing, LOCKOUT.pairMaxFailures, T);
    expect(guessing.knownUntil).toBe(known.knownUntil);
    expect(lockedUntil(account, guessing, T)).toBe(T + LOCKOUT.lockMs);
  });

  it("spares a known device from the account's lock at any address, never from its own", () => {
    const account = { failures: 0, lockedUntil: T + LOCKOUT.lockMs, updatedAt: T, knownUntil: 0 };
    const device = afterSuccess("device-hash", T - 1000);
    expect(lockedUntil(account, undefined, T, device)).toBe(0);
    expect(lockedUntil(account, undefined, T, afterSuccess("device-hash", T - LOCKOUT.knownAddressMs - 1))).toBe(T + LOCKOUT.lockMs);
    let guessing = device;
    for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) guessing = afterFailure(guessing, LOCKOUT.pairMaxFailures, T);
    expect(lockedUntil(undefined, undefined, T, guessing)).toBe(T + LOCKOUT.lockMs);
    expect(attemptKeys("a@shop.test", "203.0.113.7", "abc")).toEqual({ account: "a@shop.test", pair: "a@shop.test 203.0.113.7", device: "a@shop.test #abc" });
  });

  it("starts over when failures are further apart than the window", () => {
    const old = afterFailure(afterFailure(undefined, 3, T), 3, T);
    expect(afterFailure(old, 3, T + LOCKOUT.windowMs + 1)).toMatchObject({ failures: 1, lockedUntil: 0 });
  });
});
