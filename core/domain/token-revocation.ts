/**
 * Revoking a shopper's tokens (the mall's `customer.tokens_revoked`): the one rule the Worker
 * applies to a token and the room applies to the sockets opened with one.
 */

/**
 * Whether a token issued at `iatSec` (its `iat`) predates a revocation at `revokedAtMs`. Both are
 * the mall's clock. A token issued in the revocation's own second is kept: `iat` has whole
 * seconds, and the token the mall signs right after revoking must work. A token without `iat`
 * cannot be dated, so it predates every revocation.
 */
export function issuedBeforeRevocation(iatSec: number | undefined, revokedAtMs: number): boolean {
  return iatSec === undefined || iatSec < Math.floor(revokedAtMs / 1000);
}
