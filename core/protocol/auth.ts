/**
 * Identity shapes: the shopper token's claims (what a mall signs) and the staff login body.
 */
import * as v from "valibot";
import { StaffPassword } from "./admin";
import { CustomerId, CustomerLevel, ShopId, ThreadId } from "./common";

/**
 * Claims of a shopper token, an HS256 JWT the mall signs with the shared secret.
 * `sub` is the mall's user id; ids starting with `g_` are reserved for guests.
 */
export const ShopperClaims = v.object({
  sub: CustomerId,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  level: v.optional(CustomerLevel, "normal"),
  locale: v.optional(v.picklist(["zh-CN", "en-US"]), "zh-CN"),
  exp: v.pipe(v.number("must be a number (seconds since epoch)"), v.integer()),
  iat: v.optional(v.number("must be a number (seconds since epoch)")),
  iss: v.optional(v.string("must be a string")),
  aud: v.optional(v.union([v.string(), v.array(v.string())], "must be a string or a list of strings")),
  guest: v.optional(v.boolean()),
});
export type ShopperClaims = v.InferOutput<typeof ShopperClaims>;

/** Longest a shopper token may live: `exp` at most this far ahead (and after `iat`, when given). */
export const SHOPPER_TOKEN_MAX_LIFETIME_SEC = 7 * 24 * 3600;
/** Allowance for the mall's clock running ahead of ours. */
export const SHOPPER_TOKEN_CLOCK_SKEW_SEC = 300;

/** What a deployment demands of shopper tokens beyond the signature (see `shopperClaimsFor`). */
export interface ShopperTokenPolicy {
  /** Now, in seconds since the epoch. */
  nowSec: number;
  /** `iss` must equal this when set (`SHOPPER_JWT_ISSUER`). */
  issuer?: string;
  /** `aud` must be or contain this when set (`SHOPPER_JWT_AUDIENCE`). */
  audience?: string;
}

/**
 * `ShopperClaims` plus the deployment's policy: a bounded lifetime, so a leaked token cannot be
 * minted to last a year, and the issuer and audience when configured, so a token the mall signed
 * for another service with the same key is refused. Each failure names its claim.
 */
export function shopperClaimsFor(policy: ShopperTokenPolicy) {
  const latest = policy.nowSec + SHOPPER_TOKEN_MAX_LIFETIME_SEC + SHOPPER_TOKEN_CLOCK_SKEW_SEC;
  const days = SHOPPER_TOKEN_MAX_LIFETIME_SEC / 86_400;
  const audiences = (aud: string | string[] | undefined) => (aud === undefined ? [] : typeof aud === "string" ? [aud] : aud);
  return v.pipe(
    ShopperClaims,
    v.forward(v.check((c) => c.exp <= latest, `must be at most ${days} days from now (shopper tokens may live at most ${days} days: sign a nearer exp)`), ["exp"]),
    v.forward(
      v.check((c) => c.iat === undefined || c.exp - c.iat <= SHOPPER_TOKEN_MAX_LIFETIME_SEC + SHOPPER_TOKEN_CLOCK_SKEW_SEC, `exp may be at most ${days} days after iat`),
      ["iat"],
    ),
    v.forward(v.check((c) => !policy.issuer || c.iss === policy.issuer, `must be "${policy.issuer ?? ""}"`), ["iss"]),
    v.forward(v.check((c) => !policy.audience || audiences(c.aud).includes(policy.audience), `must be or include "${policy.audience ?? ""}"`), ["aud"]),
  );
}

/** A staff browser's device token (`POST /api/auth/login` gives one; core/domain/lockout.ts). */
export const DEVICE_TOKEN_PATTERN = /^dv_[A-Za-z0-9_-]{43}$/;

/** An authenticator app's code: six digits (spaces as the app shows them are dropped). */
export const TOTP_CODE_PATTERN = /^\d{6}$/;
/** A recovery code, as `POST /api/auth/two-factor/enable` gives them: two groups of five. */
export const RECOVERY_CODE_PATTERN = /^[a-z2-9]{5}-[a-z2-9]{5}$/;

const withoutSpaces = v.transform((s: string) => s.replace(/\s+/g, ""));

/** An authenticator code or a recovery code. */
export const SecondFactorCode = v.pipe(
  v.string(),
  v.maxLength(64),
  withoutSpaces,
  v.toLowerCase(),
  v.check((s) => TOTP_CODE_PATTERN.test(s) || RECOVERY_CODE_PATTERN.test(s), "must be the 6-digit code from the authenticator app or a recovery code (xxxxx-xxxxx)"),
);

export const LoginBody = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email("must be an e-mail address"), v.maxLength(254)),
  password: v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(256)),
  /** The device token an earlier login in this browser returned: it spares the browser the account-wide lockout. */
  device: v.optional(v.pipe(v.string(), v.regex(DEVICE_TOKEN_PATTERN, "must be the device token an earlier login returned"))),
  /** With two-factor login on: the authenticator app's current code, or one of the recovery codes. */
  code: v.optional(SecondFactorCode),
});
export type LoginBody = v.InferOutput<typeof LoginBody>;

/** Starts a two-factor setup: the staff member's password again, so a stolen session alone cannot. */
export const TwoFactorSetupBody = v.object({
  password: v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(256)),
});

/** Confirms two-factor login with the app's first code. */
export const TwoFactorEnableBody = v.object({
  code: v.pipe(v.string(), v.maxLength(64), withoutSpaces, v.regex(TOTP_CODE_PATTERN, "must be the 6-digit code the authenticator app shows")),
});

/** Turns two-factor login off: a current code or a recovery code proves the staff member holds it. */
export const TwoFactorDisableBody = v.object({ code: SecondFactorCode });

/** A staff member changes their own password: the current one proves it is them. */
export const PasswordChangeBody = v.object({
  currentPassword: v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(256)),
  newPassword: StaffPassword,
});
export type PasswordChangeBody = v.InferOutput<typeof PasswordChangeBody>;

/** A shop admin requires two-factor login of the shop's staff, or stops requiring it. */
export const TwoFactorPolicyPut = v.object({ required: v.boolean() });

export const GuestBody = v.object({
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32))),
});

export const DemoShopperTokenBody = v.object({ customerId: CustomerId });

/** A socket ticket's target: a thread's room (`shopId:customerId`) or a shop's agent queue. */
export const SocketTicketBody = v.variant("party", [
  v.object({ party: v.literal("conversation-room"), name: ThreadId }),
  v.object({ party: v.literal("agent-queue"), name: ShopId }),
], "party must be conversation-room or agent-queue");
export type SocketTicketBody = v.InferOutput<typeof SocketTicketBody>;

/** A staff login session's public id (`GET /api/auth/sessions`); the token itself is never shown. */
export const STAFF_SESSION_ID_PATTERN = /^[0-9a-f]{24}$/;
export const StaffSessionParam = v.object({
  id: v.pipe(v.string(), v.regex(STAFF_SESSION_ID_PATTERN, "must be a session id from GET /api/auth/sessions")),
});

/** One of the caller's login sessions, as `GET /api/auth/sessions` lists them (times in epoch ms). */
export interface StaffSessionView {
  id: string;
  createdAt: number;
  /** When the session last made a request (kept to the minute). */
  lastSeenAt: number;
  expiresAt: number;
  /** The browser's User-Agent at login (at most 256 characters), or null when it sent none. */
  userAgent: string | null;
  /** The client address at login, or null when unknown. */
  address: string | null;
  /** The session of the token making this request. */
  current: boolean;
}
