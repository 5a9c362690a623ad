/**
 * Staff login and logout, guest tokens, and the demo-only shopper token issuer.
 */
import { sign } from "hono/utils/jwt/jwt";
import { DomainError, fieldError } from "../../core/domain/errors";
import { LOCKOUT, afterFailure, afterSuccess, attemptKeys, lockedUntil, type AttemptCounter } from "../../core/domain/lockout";
import type { LoginBody, PasswordChangeBody } from "../../core/protocol";
import type { Database } from "../db/client";
import {
  deleteStaffSession,
  findStaffById,
  findStaffStanding,
  getLoginAttempts,
  insertStaffSession,
  saveLoginAttempts,
  setStaffPassword,
} from "../db/repos/staff";
import { findCustomer } from "../db/repos/customers";
import { randomToken, sha256Hex } from "../lib/crypto";
import { hashPassword, verifyPassword } from "../lib/password";
import { guestSecret, shopperSecret, STAFF_TOKEN_PREFIX, type StaffIdentity } from "./identity";
import { announceNewDeviceLogin, closeEndedSessionSockets } from "./staff-sessions";
import { secondFactor } from "./two-factor";

const STAFF_SESSION_MS = 12 * 3600_000;
/** Device tokens: `dv_` and 32 random bytes (core/protocol DEVICE_TOKEN_PATTERN). */
const DEVICE_TOKEN_PREFIX = "dv";
const SHOPPER_TOKEN_SEC = 24 * 3600;
/** How much of a login's User-Agent is kept: enough to name the browser and system. */
const USER_AGENT_MAX = 256;
/** Failures from one address before it is locked out of the account, and for how long (core/domain/lockout.ts). */
export const LOGIN_MAX_FAILURES = LOCKOUT.pairMaxFailures;
export const LOGIN_LOCK_MS = LOCKOUT.lockMs;

export interface LoginResult {
  token: string;
  expiresAt: number;
  staff: { id: string; shopId: string; name: string; email: string; role: string };
  /** This browser's device token: sent with its next logins, it spares them the account-wide lockout. */
  device: string;
  /** The shop requires two-factor login and the account has not turned it on: the session may only set it up. */
  twoFactorSetupRequired: boolean;
  /** The password was set by an admin: the session may only change it (and set up two-factor login). */
  passwordChangeRequired: boolean;
}

/**
 * Checks a password, with lockout after repeated failures (by account, client address and device
 * token, see core/domain/lockout.ts; `address` is null when unknown); returns a new session token.
 * With two-factor login on, the password is followed by a code (services/two-factor.ts). A success
 * makes the address and the browser (its device token, new unless it sent one) known to the
 * account, so a lock forced from elsewhere does not keep the staff member out there.
 */
export async function login(env: Env, db: Database, body: LoginBody, address: string | null, userAgent: string | null, now = Date.now()): Promise<LoginResult> {
  const deviceKey = body.device ? await sha256Hex(body.device) : undefined;
  const keys = attemptKeys(body.email, address, deviceKey);
  const [account, pair, device] = await Promise.all([
    getLoginAttempts(db, keys.account),
    getLoginAttempts(db, keys.pair),
    keys.device ? getLoginAttempts(db, keys.device) : undefined,
  ]);
  const until = lockedUntil(account, pair, now, device);
  if (until) throw new DomainError("locked", "too many failed logins: try again later", { retryAfterSec: Math.ceil((until - now) / 1000) });
  // What holds the account's sessions back is read with it: the login says so without another query.
  const standing = await findStaffStanding(db, { email: body.email });
  // Verify even for an unknown e-mail so timing does not reveal which accounts exist.
  const ok = await verifyPassword(body.password, standing?.staff.passwordHash ?? "pbkdf2$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  const countFailure = () => recordFailure(db, keys, { account, pair, device }, now);
  if (!standing || !ok) {
    await countFailure();
    throw new DomainError("unauthorized", "e-mail or password is wrong");
  }
  const row = standing.staff;
  // Said only to whoever knows the password: it does not reveal that the account exists.
  if (row.disabledAt !== null) throw new DomainError("forbidden", "this account is disabled: ask your shop's admin");
  const second = await secondFactor(env, db, row.id, body.code, now);
  if (second === "required") throw new DomainError("unauthorized", "two-factor login is on: send the authenticator app's code (or a recovery code) as `code`", { twoFactor: "required" });
  // A wrong code counts as a failed login: guessing codes is bounded by the same lockout as passwords.
  if (second === "wrong") {
    await countFailure();
    throw new DomainError("unauthorized", "the two-factor code is wrong or was already used", { twoFactor: "wrong" });
  }
  // This address and this browser proved they know the password: their failures are forgotten and
  // they are known to the account; the account-wide count keeps counting others.
  const deviceToken = body.device ?? randomToken(DEVICE_TOKEN_PREFIX);
  const deviceCounter = keys.device ?? attemptKeys(body.email, address, await sha256Hex(deviceToken)).device!;
  await Promise.all([
    saveLoginAttempts(db, { email: keys.pair, ...afterSuccess(address, now) }),
    saveLoginAttempts(db, { email: deviceCounter, ...afterSuccess(deviceToken, now) }),
  ]);
  const token = randomToken(STAFF_TOKEN_PREFIX.slice(0, -1));
  const expiresAt = now + STAFF_SESSION_MS;
  const session = { userAgent: userAgent?.slice(0, USER_AGENT_MAX) || null, address };
  const sessionId = await insertStaffSession(db, { tokenHash: await sha256Hex(token), staffId: row.id, expiresAt, createdAt: now, ...session });
  // A browser the account has not used lately (no device token it knows): its other consoles hear of it.
  if (!((device?.knownUntil ?? 0) > now)) await announceNewDeviceLogin(env, { staffId: row.id, shopId: row.shopId }, { sessionId, ...session, at: now });
  const staffProfile = { id: row.id, shopId: row.shopId, name: row.name, email: row.email, role: row.role };
  return {
    token, expiresAt, staff: staffProfile, device: deviceToken,
    twoFactorSetupRequired: standing.twoFactorSetupPending, passwordChangeRequired: standing.passwordChangePending,
  };
}

type Counters = { account?: AttemptCounter; pair?: AttemptCounter; device?: AttemptCounter };

/** One more failure on each counter of the attempt (a device only when the account knows it: a made-up token adds no row). */
async function recordFailure(db: Database, keys: ReturnType<typeof attemptKeys>, c: Counters, now: number): Promise<void> {
  await Promise.all([
    saveLoginAttempts(db, { email: keys.pair, ...afterFailure(c.pair, LOCKOUT.pairMaxFailures, now) }),
    saveLoginAttempts(db, { email: keys.account, ...afterFailure(c.account, LOCKOUT.accountMaxFailures, now) }),
    c.device ? saveLoginAttempts(db, { email: keys.device!, ...afterFailure(c.device, LOCKOUT.pairMaxFailures, now) }) : undefined,
  ]);
}

/**
 * A logged-in staff member types their password again before a change to how they log in (turning
 * on two-factor login), so a stolen session alone cannot make it. Wrong passwords count with the
 * login's failures, from this address and for the account, and the same locks apply: a session is
 * no way around the lockout. Answers `invalid_input` on `password`, not 401, which would end the
 * session the console is using.
 */
export async function confirmPassword(db: Database, staffId: string, password: string, address: string | null, now: number, field = "password"): Promise<void> {
  const row = await findStaffById(db, staffId);
  if (!row) throw new DomainError("not_found", "no such staff account");
  const keys = attemptKeys(row.email, address);
  const [account, pair] = await Promise.all([getLoginAttempts(db, keys.account), getLoginAttempts(db, keys.pair)]);
  const until = lockedUntil(account, pair, now);
  if (until) throw new DomainError("locked", "too many failed logins: try again later", { retryAfterSec: Math.ceil((until - now) / 1000) });
  if (await verifyPassword(password, row.passwordHash)) return;
  await recordFailure(db, keys, { account, pair }, now);
  throw fieldError("invalid_input", field, "is not this account's password");
}

/**
 * A staff member changes their own password, proving it with the current one (counted like a
 * login, `confirmPassword`). Every other session of the account ends, and their sockets close:
 * whoever else held one (a shared or lost computer) must log in with the new password. Returns how
 * many ended.
 */
export async function changePassword(env: Env, db: Database, caller: StaffIdentity, body: PasswordChangeBody, address: string | null, now: number): Promise<{ otherSessionsEnded: number }> {
  await confirmPassword(db, caller.staffId, body.currentPassword, address, now, "currentPassword");
  if (body.newPassword === body.currentPassword) {
    throw new DomainError("invalid_input", "newPassword: must differ from the current password", [{ field: "newPassword", message: "must differ from the current password" }]);
  }
  const ended = await setStaffPassword(db, caller.staffId, await hashPassword(body.newPassword), false, { allBut: caller.sessionId });
  await closeEndedSessionSockets(env, db, caller, ended, now);
  return { otherSessionsEnded: ended.length };
}

/** Ends the session of the token, and closes the sockets it opened; an ended or unknown token is no error. */
export async function logout(env: Env, db: Database, token: string, now = Date.now()): Promise<void> {
  const ended = await deleteStaffSession(db, await sha256Hex(token));
  if (!ended) return;
  const account = await findStaffById(db, ended.staffId);
  if (account) await closeEndedSessionSockets(env, db, { staffId: account.id, shopId: account.shopId }, [ended], now);
}

/** A guest shopper token: a fresh `g_` id we sign ourselves. */
export async function issueGuestToken(env: Env, name: string | undefined, now = Date.now()) {
  const id = `g_${randomToken("x", 9).slice(2)}`;
  const exp = Math.floor(now / 1000) + SHOPPER_TOKEN_SEC;
  const token = await sign({ sub: id, name: name ?? "访客", level: "normal", guest: true, exp }, guestSecret(env), "HS256");
  return { token, customerId: id, expiresAt: exp * 1000 };
}

/**
 * Demo only: signs a shopper token for a demo customer the way a mall would. Refused unless
 * DEMO_MODE is "1" (it is "0" in the production config).
 */
export async function issueDemoShopperToken(env: Env, db: Database, customerId: string, now = Date.now()) {
  if (env.DEMO_MODE !== "1") throw new DomainError("not_found", "demo routes are disabled");
  const customer = await findCustomer(db, customerId);
  if (!customer) throw new DomainError("not_found", `customer ${customerId} does not exist`);
  const exp = Math.floor(now / 1000) + SHOPPER_TOKEN_SEC;
  const token = await sign(
    { sub: customer.id, name: customer.name, level: customer.level, locale: customer.locale, exp, iat: Math.floor(now / 1000) },
    shopperSecret(env),
    "HS256",
  );
  return { token, customer: { id: customer.id, name: customer.name, level: customer.level }, expiresAt: exp * 1000 };
}
