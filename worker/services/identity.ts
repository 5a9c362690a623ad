/**
 * Who is calling: a staff member (opaque session token) or a shopper (HS256 JWT signed by the
 * mall, or a guest token we sign). Established once at the edge; everything after trusts it.
 */
import { verify } from "hono/utils/jwt/jwt";
import { PLATFORM_SHOP_ID, parseInput, parseThreadId, shopperClaimsFor, type CustomerLevel, type StaffRole } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import { issuedBeforeRevocation } from "../../core/domain/token-revocation";
import { database } from "../db/client";
import { findTokenRevocation } from "../db/repos/customers";
import { findStaffBySessionHash, touchStaffSession, type SessionRef } from "../db/repos/staff";
import { sha256Hex } from "../lib/crypto";
import { requireSecret } from "../lib/secrets";

export interface StaffIdentity {
  kind: "staff";
  staffId: string;
  shopId: string;
  role: StaffRole;
  name: string;
  /** The login session's public id (its list, and the sockets it opened, name it). */
  sessionId: string;
  /**
   * The account's shop requires two-factor login and it is not on: the session may only set it up.
   * Present only where `identify` was asked to let such a session through.
   */
  twoFactorSetupPending?: true;
  /** An admin set the password: the session may only change it (and set up two-factor login). Likewise. */
  passwordChangePending?: true;
}
export interface CustomerIdentity {
  kind: "customer";
  customerId: string;
  name: string;
  level: CustomerLevel;
  locale: "zh-CN" | "en-US";
  guest: boolean;
  /** The token's `iat` (seconds), when it carries one: a revocation closes sockets opened with older tokens. */
  issuedAt?: number;
  /** When the mall last revoked this shopper's tokens (epoch ms), if it ever did. */
  revokedAt?: number;
}
export type Identity = StaffIdentity | CustomerIdentity;

export const STAFF_TOKEN_PREFIX = "st_";

/** The secret a mall signs shopper tokens with; refuses to run without one, or with a weak one in production. */
export function shopperSecret(env: Env): string {
  return requireSecret(env, "SHOPPER_JWT_SECRET", env.SHOPPER_JWT_SECRET);
}
/** The key of the guest tokens we sign; the same rule as `shopperSecret`. */
export function guestSecret(env: Env): string {
  return requireSecret(env, "GUEST_TOKEN_SECRET", env.GUEST_TOKEN_SECRET);
}

/**
 * The key the mall signed with before its last rotation, accepted too while it is set; the same
 * rule as `shopperSecret`. Rotating: set this to the current key, then the new key as
 * SHOPPER_JWT_SECRET, switch the mall's signer, and delete this once its tokens have expired.
 */
export function previousShopperSecret(env: Env): string | null {
  const value = (env as Env & { SHOPPER_JWT_SECRET_PREVIOUS?: string }).SHOPPER_JWT_SECRET_PREVIOUS;
  return value ? requireSecret(env, "SHOPPER_JWT_SECRET_PREVIOUS", value) : null;
}

/** Optional claims checks, set as vars: `iss` and `aud` a mall token must carry (unset: not checked). */
type TokenVars = { SHOPPER_JWT_ISSUER?: string; SHOPPER_JWT_AUDIENCE?: string };

export interface IdentifyOptions {
  /**
   * Let through a staff session held back until its account is set up: two-factor login its shop
   * requires, a password an admin set (the routes that set these, `/me`).
   */
  duringSetup?: boolean;
}

/**
 * Resolves a bearer token to an identity, or throws `unauthorized`. A staff session held back
 * until its account is set up is refused with `forbidden` unless `duringSetup`: with
 * `details.password = "change_required"` while an admin's password is to be changed, else with
 * `details.twoFactor = "setup_required"` while the shop's two-factor rule is to be met.
 */
export async function identify(env: Env, token: string, now = Date.now(), opts: IdentifyOptions = {}): Promise<Identity> {
  if (token.startsWith(STAFF_TOKEN_PREFIX)) return identifyStaff(env, token, now, opts);
  return identifyShopper(env, token, now);
}

async function identifyStaff(env: Env, token: string, now: number, opts: IdentifyOptions): Promise<StaffIdentity> {
  const found = await findStaffBySessionHash(database(env.DB), await sha256Hex(token), now);
  if (!found) throw new DomainError("unauthorized", "staff session is invalid or expired: log in again");
  const { staff: row, twoFactorSetupPending, passwordChangePending, session } = found;
  await noteSessionSeen(env, session, now);
  if (passwordChangePending && !opts.duringSetup) {
    throw new DomainError("forbidden", "your password was set by an admin: change it first (POST /api/auth/password)", { password: "change_required" });
  }
  if (twoFactorSetupPending && !opts.duringSetup) {
    throw new DomainError("forbidden", "your shop requires two-factor login: set it up first (POST /api/auth/two-factor/setup)", { twoFactor: "setup_required" });
  }
  return {
    kind: "staff", staffId: row.id, shopId: row.shopId, role: row.role as StaffRole, name: row.name, sessionId: session.id,
    ...(twoFactorSetupPending ? { twoFactorSetupPending: true as const } : {}),
    ...(passwordChangePending ? { passwordChangePending: true as const } : {}),
  };
}

/** How exactly a session's last sighting is kept: one D1 write per session a minute at most. */
export const SEEN_PRECISION_MS = 60_000;

/** Moves the session's last sighting on once it is a minute old; a failed write fails no request. */
async function noteSessionSeen(env: Env, session: SessionRef, now: number): Promise<void> {
  if (now - session.lastSeenAt < SEEN_PRECISION_MS) return;
  try {
    await touchStaffSession(database(env.DB), session.id, now, now - SEEN_PRECISION_MS);
  } catch (err) {
    console.error("noting a session's last sighting failed", (err as Error).message);
  }
}

async function identifyShopper(env: Env, token: string, now: number): Promise<CustomerIdentity> {
  const guest = peekGuest(token);
  const payload = guest ? await verifyWith(token, guestSecret(env)) : await verifyMallToken(env, token);
  // Guest tokens are ours (24 h, no iss/aud); the mall's must also match the configured iss/aud.
  const vars = env as Env & TokenVars;
  const policy = { nowSec: Math.floor(now / 1000), ...(guest ? {} : { issuer: vars.SHOPPER_JWT_ISSUER || undefined, audience: vars.SHOPPER_JWT_AUDIENCE || undefined }) };
  const claims = parseInput(shopperClaimsFor(policy), payload);
  if (!claims.ok) throw new DomainError("unauthorized", `shopper token claims invalid: ${claims.message}`, claims.issues);
  const c = claims.value;
  if (c.sub.startsWith("g_") !== guest) throw new DomainError("unauthorized", "ids starting with g_ are reserved for guests");
  const revokedAt = guest ? null : await assertNotRevoked(env, c.sub, c.iat);
  return {
    kind: "customer", customerId: c.sub, name: c.name, level: c.level, locale: c.locale, guest,
    ...(c.iat !== undefined ? { issuedAt: c.iat } : {}),
    ...(revokedAt !== null ? { revokedAt } : {}),
  };
}

/** The mall's token under its current key, or under the previous one during a rotation. */
async function verifyMallToken(env: Env, token: string): Promise<unknown> {
  const current = shopperSecret(env);
  const previous = previousShopperSecret(env);
  try {
    return await verify(token, current, "HS256");
  } catch (err) {
    if (previous && (err as Error)?.name === "JwtTokenSignatureMismatched") return verifyWith(token, previous);
    throw refused(err);
  }
}

async function verifyWith(token: string, secret: string): Promise<unknown> {
  try {
    return await verify(token, secret, "HS256");
  } catch (err) {
    throw refused(err);
  }
}

function refused(err: unknown): DomainError {
  return new DomainError("unauthorized", `shopper token rejected: ${reasonOf(err)}`);
}

/**
 * The mall revoked this shopper's tokens (`customer.tokens_revoked`): a token issued before is
 * refused (see `issuedBeforeRevocation`). Once a shopper has been revoked, the mall must sign
 * `iat` into their tokens. Returns the revocation's time, for the room to close older sockets.
 */
async function assertNotRevoked(env: Env, customerId: string, iat: number | undefined): Promise<number | null> {
  const revokedAt = await findTokenRevocation(database(env.DB), customerId);
  if (revokedAt === null || !issuedBeforeRevocation(iat, revokedAt)) return revokedAt;
  throw new DomainError(
    "unauthorized",
    iat === undefined
      ? "shopper token revoked: this shopper's tokens were revoked, and a token without iat cannot be dated (sign iat)"
      : "shopper token revoked: it was issued before the mall revoked this shopper's tokens",
  );
}

/** Why a JWT failed, without echoing the token (hono's messages include it). */
function reasonOf(err: unknown): string {
  const name = (err as Error)?.name ?? "";
  if (name === "JwtTokenExpired") return "expired";
  if (name === "JwtTokenNotBefore" || name === "JwtTokenIssuedAt") return "not valid yet";
  if (name === "JwtTokenSignatureMismatched") return "bad signature";
  if (name === "JwtAlgorithmMismatch" || name === "JwtAlgorithmNotImplemented") return "must be signed with HS256";
  return "malformed token";
}

/** Guest tokens carry `guest: true`; read it unverified only to pick the key to verify with. */
function peekGuest(token: string): boolean {
  const part = token.split(".")[1];
  if (!part) return false;
  try {
    const json = JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")));
    return json?.guest === true;
  } catch {
    return false;
  }
}

/** Platform staff see every shop; shop staff see their own. */
export function staffCanAccessShop(identity: StaffIdentity, shopId: string): boolean {
  return identity.shopId === PLATFORM_SHOP_ID || identity.shopId === shopId;
}

/** May this identity read and write this thread? The one tenancy rule for HTTP and sockets. */
export function canAccessThread(identity: Identity, threadId: string): boolean {
  const { shopId, customerId } = parseThreadId(threadId);
  if (identity.kind === "customer") return identity.customerId === customerId;
  return staffCanAccessShop(identity, shopId);
}

/** Staff join their own shop's queue; platform admins may watch any shop's. */
export function assertMayJoinQueue(identity: Identity, shopId: string): asserts identity is StaffIdentity {
  if (identity.kind !== "staff") throw new DomainError("forbidden", "only staff connect to a queue");
  const own = identity.shopId === shopId;
  const platformAdmin = identity.role === "platform_admin" && identity.shopId === PLATFORM_SHOP_ID;
  if (!own && !platformAdmin) throw new DomainError("forbidden", "you may only join your own shop's queue");
}

export function isAdmin(identity: Identity): boolean {
  return identity.kind === "staff" && (identity.role === "platform_admin" || identity.role === "shop_admin");
}

/** The caller as staff (`requireStaff` or `requireAdmin` let only staff through). */
export function staffOf(identity: Identity): StaffIdentity {
  if (identity.kind !== "staff") throw new DomainError("forbidden", "staff only");
  return identity;
}
