/**
 * An authenticator app, for tests of two-factor login: the code it shows, a code it would not
 * show, and a wait that keeps a test's codes inside the server's window. Plain WebCrypto and
 * timers, so both the workerd tests and the browser tests (Node) use it.
 */
import { base32Decode, totpAt, TOTP_PERIOD_SEC } from "../../worker/lib/totp";

/** What an app holding `secret` (base32) shows now, or `steps` 30-s steps from now. */
export const codeOf = (secret: string, steps = 0) => totpAt(base32Decode(secret)!, Date.now() + steps * TOTP_PERIOD_SEC * 1000);

/** A six-digit code that no step of the server's window gives (what a guesser would type). */
export async function wrongCode(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-1, 0, 1].map((s) => codeOf(secret, s))));
  for (let c = 100_000; ; c++) if (!valid.has(String(c))) return String(c);
}

/**
 * Waits out the last `marginSec` seconds of a step, so a code of the step before, computed now,
 * is still in the server's window when it arrives.
 */
export async function awayFromStepEdge(marginSec: number): Promise<void> {
  const intoStep = (Date.now() / 1000) % TOTP_PERIOD_SEC;
  if (intoStep > TOTP_PERIOD_SEC - marginSec) await new Promise((r) => setTimeout(r, (TOTP_PERIOD_SEC - intoStep + 0.2) * 1000));
}
