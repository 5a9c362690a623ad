/**
 * Login lockout by account and address (core/domain/lockout.ts, worker/services/auth.ts `login`):
 * an address that keeps guessing locks only itself out of the account; the account locks for
 * everyone only after many failures from several addresses. Through the real Worker, with the
 * client address Cloudflare sets (`CF-Connecting-IP`).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { LOCKOUT, afterFailure, lockedUntil } from "../../core/domain/lockout";
import { PASSWORD, STAFF, api, seedFixture } from "../helpers/fixtures";

beforeAll(seedFixture);

let n = 0;
/** A fresh documentation-range address per call. */
const freshIp = () => `198.51.100.${(n++ % 250) + 1}`;

function login(ip: string, email: string, password: string): Promise<Response> {
  return api("/api/auth/login", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body: JSON.stringify({ email, password }) });
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

  it("locks the account for everyone once many addresses have failed", async () => {
    const addresses = LOCKOUT.accountMaxFailures / LOCKOUT.pairMaxFailures;
    for (let a = 0; a < addresses; a++) {
      const ip = freshIp();
      for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) expect((await login(ip, STAFF.apparelAdmin.email, "wrong")).status).toBe(401);
    }
    expect((await login(freshIp(), STAFF.apparelAdmin.email, PASSWORD)).status).toBe(423);
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
    expect(c).toEqual({ failures: 0, lockedUntil: T + 2000 + LOCKOUT.lockMs, updatedAt: T + 2000 });
    expect(lockedUntil([undefined, c], T + 3000)).toBe(T + 2000 + LOCKOUT.lockMs);
    expect(lockedUntil([c], T + 2000 + LOCKOUT.lockMs)).toBe(0);
  });

  it("starts over when failures are further apart than the window", () => {
    const old = afterFailure(afterFailure(undefined, 3, T), 3, T);
    expect(afterFailure(old, 3, T + LOCKOUT.windowMs + 1)).toMatchObject({ failures: 1, lockedUntil: 0 });
  });
});
