/**
 * Two-factor login for staff (an authenticator app, RFC 6238; worker/lib/totp.ts). A staff member
 * turns it on in the console: `start` makes a secret and shows it as a QR code, `enable` checks the
 * app's first code and returns ten one-use recovery codes, shown once. From then on a login needs
 * the app's current code or a recovery code after the password (`secondFactor`); a code is
 * accepted once. Turning it off takes a code too; a shop's admin can reset it for a staff member
 * who lost the phone and the recovery codes.
 *
 * A shop's admin may also require it of the shop's staff (`setTwoFactorPolicy`): an account without
 * it then logs in to a session that can only set it up (services/identity.ts refuses it every other
 * route and every socket), and cannot turn it off while the rule holds. Turning it on ends the
 * account's other sessions: whoever else held one must now log in with a code.
 *
 * The secret is sealed in D1 under `TWO_FACTOR_KEY` (worker/lib/sealing.ts, the staff id as the
 * associated data, so a row copied onto another account opens nothing); recovery codes are kept
 * only as SHA-256 hashes.
 */
import { DomainError, fieldError } from "../../core/domain/errors";
import { base32Encode, matchTotp, otpauthUri } from "../lib/totp";
import { RECOVERY_CODE_PATTERN } from "../../core/protocol";
import type { Database } from "../db/client";
import { getServerByName } from "partyserver";
import { endStaffSessions, findStaffById } from "../db/repos/staff";
import type { StaffIdentity } from "./identity";
import { closeEndedSessionSockets } from "./staff-sessions";
import {
  confirmTwoFactor,
  deleteTwoFactor,
  findTwoFactor,
  listSealedSecrets,
  resealTwoFactor,
  savePendingTwoFactor,
  setShopTwoFactorRequired,
  shopRequiresTwoFactor,
  spendRecoveryCode,
  spendTotpStep,
  staffWithoutTwoFactor,
  type TwoFactorRow,
} from "../db/repos/two-factor";
import { sha256Hex } from "../lib/crypto";
import { requireSecret } from "../lib/secrets";
import { seal, unseal } from "../lib/sealing";

const KEY_LABEL = "kefu-edge staff two-factor secret v1";
const ISSUER = "Kefu Edge";
export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/i/l: a recovery code is read off paper. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
/** A setup not confirmed within this long is void: its QR code may have been seen. */
const PENDING_TTL_MS = 15 * 60_000;

function twoFactorKey(env: Env): string {
  return requireSecret(env, "TWO_FACTOR_KEY", env.TWO_FACTOR_KEY);
}

/**
 * The key secrets were sealed under before the last rotation, tried after the current one while it
 * is set (the same rule as TWO_FACTOR_KEY). Rotating: set this to the current key, then the new
 * key as TWO_FACTOR_KEY; each secret is sealed again under the new key when next used, and the
 * cron seals every other (`resealTwoFactorSecrets`); delete this once a cron run has reported.
 */
function previousTwoFactorKey(env: Env): string | null {
  const value = (env as Env & { TWO_FACTOR_KEY_PREVIOUS?: string }).TWO_FACTOR_KEY_PREVIOUS;
  return value ? requireSecret(env, "TWO_FACTOR_KEY_PREVIOUS", value) : null;
}

export interface TwoFactorStatus {
  enabled: boolean;
  /** Recovery codes not used yet (0 while off). */
  recoveryCodesLeft: number;
  /** The account's shop requires it: it cannot be turned off, and without it the account can only set it up. */
  required: boolean;
}

export async function twoFactorStatus(db: Database, staffId: string, shopId: string): Promise<TwoFactorStatus> {
  const [row, required] = await Promise.all([findTwoFactor(db, staffId), shopRequiresTwoFactor(db, shopId)]);
  const enabled = row?.enabledAt != null;
  return { enabled, recoveryCodesLeft: enabled ? (JSON.parse(row!.recoveryHashes) as string[]).length : 0, required: required === true };
}

/** A new secret for the staff member's app, to confirm with `enableTwoFactor` within 15 minutes. */
export async function startTwoFactor(env: Env, db: Database, staffId: string, now: number): Promise<{ secret: string; uri: string; expiresAt: number }> {
  const account = await findStaffById(db, staffId);
  if (!account) throw new DomainError("not_found", "no such staff account");
  const secret = crypto.getRandomValues(new Uint8Array(20));
  const sealed = await seal(twoFactorKey(env), KEY_LABEL, secret, staffId);
  if (!(await savePendingTwoFactor(db, staffId, sealed, now))) throw new DomainError("conflict", "two-factor login is already on: turn it off first to set up another app");
  const base32 = base32Encode(secret);
  // The app lists the account by e-mail, under the product's name.
  return { secret: base32, uri: otpauthUri(ISSUER, account.email, base32), expiresAt: now + PENDING_TTL_MS };
}

/**
 * Confirms the pending secret with the app's code; returns the recovery codes (shown this once).
 * The account's other sessions end (all but the caller's, which made the change), and their sockets close.
 */
export async function enableTwoFactor(env: Env, db: Database, caller: StaffIdentity, code: string, now: number): Promise<{ recoveryCodes: string[]; otherSessionsEnded: number }> {
  const staffId = caller.staffId;
  const row = await findTwoFactor(db, staffId);
  if (!row) throw new DomainError("not_found", "no two-factor setup is waiting: start one first");
  if (row.enabledAt !== null) throw new DomainError("conflict", "two-factor login is already on");
  if (now - row.createdAt > PENDING_TTL_MS) throw new DomainError("not_found", "the two-factor setup has expired: start again");
  const step = await matchTotp(await secretOf(env, db, row), code, now, row.lastStep);
  if (step === null) throw wrongCode("not the code the app shows now (check the phone's clock)");
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  if (!(await confirmTwoFactor(db, staffId, step, await Promise.all(recoveryCodes.map(sha256Hex)), now))) throw new DomainError("conflict", "two-factor login was set up meanwhile");
  const ended = await endStaffSessions(db, staffId, { allBut: caller.sessionId });
  await closeEndedSessionSockets(env, db, caller, ended, now);
  return { recoveryCodes, otherSessionsEnded: ended.length };
}

/**
 * Turns two-factor login off; the staff member proves they hold it with a current or recovery code.
 * Refused while the account's shop requires it.
 */
export async function disableTwoFactor(env: Env, db: Database, staffId: string, shopId: string, code: string, now: number): Promise<void> {
  const row = await findTwoFactor(db, staffId);
  if (!row || row.enabledAt === null) throw new DomainError("not_found", "two-factor login is not on");
  if (await shopRequiresTwoFactor(db, shopId)) throw new DomainError("conflict", "your shop requires two-factor login: it cannot be turned off (your shop's admin can reset it for a lost phone)", { twoFactor: "required_by_shop" });
  if ((await verifyCode(env, db, row, code, now)) !== "ok") throw wrongCode("not a current code of the app or an unused recovery code");
  await deleteTwoFactor(db, staffId);
}

/** A shop admin's reset, for a staff member of `shopId` who lost the phone and the recovery codes. */
export async function resetTwoFactor(db: Database, shopId: string, staffId: string): Promise<void> {
  if (!(await deleteTwoFactor(db, staffId, shopId))) throw new DomainError("not_found", `staff ${staffId} of this shop has no two-factor login`);
}

export interface TwoFactorPolicy {
  /** The shop requires two-factor login of its staff. */
  required: boolean;
  /** The shop's enabled accounts that have not turned it on (held to setting it up while it is required). */
  staffWithout: string[];
}

export async function twoFactorPolicy(db: Database, shopId: string): Promise<TwoFactorPolicy> {
  const [required, staffWithout] = await Promise.all([shopRequiresTwoFactor(db, shopId), staffWithoutTwoFactor(db, shopId)]);
  if (required === undefined) throw new DomainError("not_found", `no shop ${shopId}`);
  return { required, staffWithout };
}

/**
 * A shop's admin requires two-factor login of the shop's staff, or stops requiring it. Only an
 * admin who has it on may require it. Requiring it closes the queue sockets of the staff without
 * it: their consoles reconnect, are refused, and show the setup (their chats wait as for any agent
 * who went offline); their room sockets are refused at their next message (credential-check.ts).
 */
export async function setTwoFactorPolicy(env: Env, db: Database, adminStaffId: string, shopId: string, required: boolean): Promise<TwoFactorPolicy> {
  if (required && (await findTwoFactor(db, adminStaffId))?.enabledAt == null) {
    throw new DomainError("conflict", "turn on your own two-factor login (account security) before requiring it of the shop's staff", { twoFactor: "admin_without" });
  }
  if (!(await setShopTwoFactorRequired(db, shopId, required))) throw new DomainError("not_found", `no shop ${shopId}`);
  const policy = await twoFactorPolicy(db, shopId);
  if (required && policy.staffWithout.length > 0) await (await getServerByName(env.AgentQueue, shopId)).closeAgentSockets(policy.staffWithout, "two-factor login required");
  return policy;
}

/**
 * The second step of a login whose password was right: "ok" without two-factor login or with a
 * valid code (now spent), "required" when on and no code came, "wrong" when the code is not valid.
 */
export async function secondFactor(env: Env, db: Database, staffId: string, code: string | undefined, now: number): Promise<"ok" | "required" | "wrong"> {
  const row = await findTwoFactor(db, staffId);
  if (!row || row.enabledAt === null) return "ok";
  if (code === undefined) return "required";
  return verifyCode(env, db, row, code, now);
}

async function verifyCode(env: Env, db: Database, row: TwoFactorRow, code: string, now: number): Promise<"ok" | "wrong"> {
  if (RECOVERY_CODE_PATTERN.test(code)) return (await spendRecoveryCode(db, row.staffId, await sha256Hex(code))) ? "ok" : "wrong";
  const step = await matchTotp(await secretOf(env, db, row), code, now, row.lastStep);
  return step !== null && (await spendTotpStep(db, row.staffId, step)) ? "ok" : "wrong";
}

/** The account's secret (`openSecret`). */
async function secretOf(env: Env, db: Database, row: SealedSecret): Promise<Uint8Array> {
  return (await openSecret(env, db, row)).secret;
}

type SealedSecret = Pick<TwoFactorRow, "staffId" | "secretSealed">;

/**
 * Opens a sealed secret under the current key, else under the previous one while it is set, and
 * then seals it again under the current key (`resealed`: this call replaced it). Sealed under
 * neither (a key rotated without TWO_FACTOR_KEY_PREVIOUS, or altered): only a recovery code or an
 * admin's reset helps.
 */
async function openSecret(env: Env, db: Database, row: SealedSecret): Promise<{ secret: Uint8Array; resealed: boolean }> {
  const key = twoFactorKey(env);
  const current = await unseal(key, KEY_LABEL, row.secretSealed, row.staffId);
  if (current) return { secret: current, resealed: false };
  const previousKey = previousTwoFactorKey(env);
  const previous = previousKey ? await unseal(previousKey, KEY_LABEL, row.secretSealed, row.staffId) : null;
  if (!previous) throw new DomainError("misconfigured", "this account's two-factor secret cannot be opened with TWO_FACTOR_KEY (nor TWO_FACTOR_KEY_PREVIOUS): use a recovery code, or ask your shop's admin to reset two-factor login");
  // Conditional on the old value: a concurrent login or a new setup meanwhile is not overwritten.
  const resealed = await resealTwoFactor(db, row.staffId, row.secretSealed, await seal(key, KEY_LABEL, previous, row.staffId));
  return { secret: previous, resealed };
}

/**
 * The cron's part of a key rotation: while TWO_FACTOR_KEY_PREVIOUS is set, every secret still
 * sealed under it is sealed again under TWO_FACTOR_KEY. Returns how many; a secret opened by
 * neither key is logged by count and left for its owner's recovery code or an admin's reset.
 */
export async function resealTwoFactorSecrets(env: Env, db: Database): Promise<number> {
  if (!previousTwoFactorKey(env)) return 0;
  let resealed = 0;
  let unopened = 0;
  for (const row of await listSealedSecrets(db)) {
    try {
      if ((await openSecret(env, db, row)).resealed) resealed++;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      unopened++;
    }
  }
  if (unopened > 0) console.error(`two-factor key rotation: ${resealed} secrets sealed again under TWO_FACTOR_KEY; ${unopened} open under neither key (their owners need a recovery code or an admin's reset)`);
  else console.log(`two-factor key rotation: ${resealed} secrets sealed again under TWO_FACTOR_KEY; none is left under TWO_FACTOR_KEY_PREVIOUS, which can now be deleted`);
  return resealed;
}

function wrongCode(message: string): DomainError {
  return fieldError("invalid_input", "code", message);
}

/** Ten characters of the alphabet, each equally likely (bytes past the last whole multiple are drawn again). */
function newRecoveryCode(): string {
  const n = RECOVERY_ALPHABET.length;
  const limit = 256 - (256 % n);
  let chars = "";
  while (chars.length < 10) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) if (b < limit && chars.length < 10) chars += RECOVERY_ALPHABET[b % n];
  }
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
