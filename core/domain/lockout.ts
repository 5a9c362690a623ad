/**
 * Login lockout by account *and* address. Failures are counted twice: for the pair (this e-mail
 * from this client address) and for the account from anywhere. A pair locks after a few
 * failures, so one address guessing locks only itself out; the account locks for everyone only
 * after many failures from several addresses, which bounds distributed guessing. Counts older
 * than the window start over. Pure: the caller loads and stores the counters.
 */

export const LOCKOUT = {
  /** Failures of one address against one account before that address is locked out of it. */
  pairMaxFailures: 5,
  /** Failures against one account, from all addresses, before it is locked for everyone. */
  accountMaxFailures: 50,
  /** How long a lock lasts. */
  lockMs: 15 * 60_000,
  /** Failures further apart than this are not added up. */
  windowMs: 15 * 60_000,
} as const;

/** One counter as stored. */
export interface AttemptCounter {
  failures: number;
  lockedUntil: number;
  updatedAt: number;
}

/** The counters' keys: the account's, and the pair's (an e-mail never contains a space). */
export function attemptKeys(email: string, address: string | null): { account: string; pair: string } {
  return { account: email, pair: `${email} ${address ?? "-"}` };
}

/** Until when a login is refused (0 when it is not), given both counters. */
export function lockedUntil(counters: (AttemptCounter | undefined)[], now: number): number {
  const until = Math.max(0, ...counters.map((c) => c?.lockedUntil ?? 0));
  return until > now ? until : 0;
}

/** A counter after one more failure: locked (and reset) when it reaches `max`. */
export function afterFailure(counter: AttemptCounter | undefined, max: number, now: number): AttemptCounter {
  const fresh = !counter || now - counter.updatedAt > LOCKOUT.windowMs;
  const failures = (fresh ? 0 : counter.failures) + 1;
  return failures >= max ? { failures: 0, lockedUntil: now + LOCKOUT.lockMs, updatedAt: now } : { failures, lockedUntil: 0, updatedAt: now };
}
