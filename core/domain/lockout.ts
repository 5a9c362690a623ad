/**
 * Login lockout by account *and* address. Failures are counted twice: for the pair (this e-mail
 * from this client address) and for the account from anywhere. A pair locks after a few
 * failures, so one address guessing locks only itself out; the account locks after many failures
 * from several addresses, which bounds distributed guessing. Counts older than the window start
 * over. Pure: the caller loads and stores the counters.
 *
 * The account-wide lock spares addresses the staff member has logged in from lately (a pair
 * remembers its last success for `knownAddressMs`), and browsers they have logged in from lately
 * (a device token, given at each success and kept by the console, is a counter of its own: OWASP's
 * "device cookies"): otherwise anyone with ten addresses and the e-mail could keep an agent out of
 * the desk at will, also on a laptop whose network changed. Guessers come from new addresses and
 * hold no device token of the account, so they still meet the lock; an agent at their usual desk
 * or in their usual browser does not. A device token's own failures lock it like a pair's.
 */

export const LOCKOUT = {
  /** Failures of one address against one account before that address is locked out of it. */
  pairMaxFailures: 5,
  /** Failures against one account, from all addresses, before it is locked for every address not known to it. */
  accountMaxFailures: 50,
  /** How long a lock lasts. */
  lockMs: 15 * 60_000,
  /** Failures further apart than this are not added up. */
  windowMs: 15 * 60_000,
  /** How long after a successful login an address stays exempt from the account-wide lock. */
  knownAddressMs: 30 * 24 * 3600_000,
} as const;

/** One counter as stored. */
export interface AttemptCounter {
  failures: number;
  lockedUntil: number;
  updatedAt: number;
  /** Pairs only: until when this address is known to the account (its last success + knownAddressMs); 0 if never. */
  knownUntil: number;
}

/**
 * The counters' keys: the account's, the pair's (an e-mail never contains a space) and, when the
 * login carries a device token, the device's (`deviceKey`: the token's hash, never the token).
 */
export function attemptKeys(email: string, address: string | null, deviceKey?: string): { account: string; pair: string; device: string | null } {
  return { account: email, pair: `${email} ${address ?? "-"}`, device: deviceKey ? `${email} #${deviceKey}` : null };
}

/**
 * Until when a login is refused (0 when it is not): while the pair or the device is locked, or while
 * the account is locked and neither this address nor this browser is one the account logged in
 * from lately.
 */
export function lockedUntil(account: AttemptCounter | undefined, pair: AttemptCounter | undefined, now: number, device?: AttemptCounter): number {
  const known = (pair?.knownUntil ?? 0) > now || (device?.knownUntil ?? 0) > now;
  const until = Math.max(pair?.lockedUntil ?? 0, device?.lockedUntil ?? 0, known ? 0 : (account?.lockedUntil ?? 0));
  return until > now ? until : 0;
}

/** A counter after one more failure: locked (and reset) when it reaches `max`; a pair stays known. */
export function afterFailure(counter: AttemptCounter | undefined, max: number, now: number): AttemptCounter {
  const fresh = !counter || now - counter.updatedAt > LOCKOUT.windowMs;
  const failures = (fresh ? 0 : counter.failures) + 1;
  const knownUntil = counter?.knownUntil ?? 0;
  return failures >= max ? { failures: 0, lockedUntil: now + LOCKOUT.lockMs, updatedAt: now, knownUntil } : { failures, lockedUntil: 0, updatedAt: now, knownUntil };
}

/**
 * A pair or device after a successful login: its failures forgotten, and the address (or device
 * token) known to the account for `knownAddressMs`. An unknown address (null: the request did not
 * come through the edge) is never remembered, as every such request would share it.
 */
export function afterSuccess(address: string | null, now: number): AttemptCounter {
  return { failures: 0, lockedUntil: 0, updatedAt: now, knownUntil: address === null ? 0 : now + LOCKOUT.knownAddressMs };
}
