/**
 * The rule for the shared secrets (shopper tokens, guest tokens, mall webhooks): missing always
 * fails closed; outside demo mode a value from `.dev.vars.example` (they end in `change-me` and are
 * public) or one too short to resist guessing fails closed too, so a deploy that forgot
 * `wrangler secret put` refuses to sign or accept anything rather than trust public keys.
 */
import { DomainError } from "../../core/domain/errors";

/** Shortest secret accepted outside demo mode (`openssl rand -base64 48` gives 64 characters). */
export const SECRET_MIN_LENGTH = 32;

/** Why `value` must not be used as a production secret, or null when it may. Never echoes it. */
export function weakSecretReason(value: string): string | null {
  if (/change-?me/i.test(value)) return "is a public development value (it contains 'change-me')";
  if (value.length < SECRET_MIN_LENGTH) return `is shorter than ${SECRET_MIN_LENGTH} characters`;
  return null;
}

/**
 * The secret `name` with the value `value`, or `misconfigured` (500) when it is missing, or weak
 * while `DEMO_MODE` is not "1". Called on every use, so a fix with `wrangler secret put` applies at once.
 */
export function requireSecret(env: { DEMO_MODE?: string }, name: string, value: string | undefined): string {
  if (!value) throw new DomainError("misconfigured", `${name} is not set`);
  const weak = env.DEMO_MODE === "1" ? null : weakSecretReason(value);
  if (weak) throw new DomainError("misconfigured", `${name} ${weak}: set a random one of at least ${SECRET_MIN_LENGTH} characters (wrangler secret put ${name} --env production)`);
  return value;
}

/** What `requireSecret` would say of `value`, as a word (the health check reports these, never the reason). */
export function secretStatus(env: { DEMO_MODE?: string }, value: string | undefined): "ok" | "missing" | "weak" {
  if (!value) return "missing";
  return env.DEMO_MODE !== "1" && weakSecretReason(value) ? "weak" : "ok";
}
