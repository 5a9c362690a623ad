/**
 * Verifies that a delivery comes from the mall: HMAC-SHA256 with the shared secret over
 * `${timestamp}.${rawBody}`, and a timestamp inside the replay window.
 */
import { DomainError } from "../../../core/domain/errors";
import { checkTimestamp, parseSignature, signedPayload, toHex } from "../../../core/domain/webhook-signature";
import { requireSecret } from "../../lib/secrets";

const encoder = new TextEncoder();
/** Imported keys by secret: importKey per request would be wasted work on a hot path. */
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

/** The mall's webhook secret; refuses to run without one (or, in production, with a weak one) rather than accept forgeable data. */
export function webhookSecret(env: { MALL_WEBHOOK_SECRET?: string; DEMO_MODE?: string }): string {
  return requireSecret(env, "MALL_WEBHOOK_SECRET", env.MALL_WEBHOOK_SECRET);
}

/** `sha256=<hex>` for a body: what the mall puts in `X-Kefu-Signature` (tests and tools use it too). */
export async function signDelivery(secret: string, timestampHeader: string, rawBody: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(signedPayload(timestampHeader, rawBody)));
  return `sha256=${toHex(new Uint8Array(mac))}`;
}

/**
 * Throws `unauthorized` unless the signature matches and the timestamp is fresh.
 * `crypto.subtle.verify` compares the MACs in constant time, so a byte-by-byte guess learns nothing.
 */
export async function verifyDelivery(secret: string, headers: { timestamp?: string; signature?: string }, rawBody: string, now: number): Promise<void> {
  const expected = parseSignature(headers.signature);
  if (!expected) throw new DomainError("unauthorized", "X-Kefu-Signature must be 'sha256=<64 hex digits>'");
  const time = checkTimestamp(headers.timestamp, now);
  if (!time.ok) throw new DomainError("unauthorized", time.reason);
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), expected, encoder.encode(signedPayload(headers.timestamp!, rawBody)));
  if (!ok) throw new DomainError("unauthorized", "X-Kefu-Signature does not match the body: sign `${timestamp}.${rawBody}` with the shared secret");
}
