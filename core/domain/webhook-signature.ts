/**
 * The pure half of the mall's webhook signatures: header names, the replay window, what is
 * signed, and parsing. The HMAC itself runs in the worker (WebCrypto), which core does not see.
 */

/** Header names, lower-case as `Headers` returns them. */
export const WEBHOOK_HEADERS = {
  timestamp: "x-kefu-timestamp",
  signature: "x-kefu-signature",
  eventId: "x-kefu-event-id",
} as const;

/** A delivery older or newer than this (by its signed timestamp) is refused as a possible replay. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** The exact bytes the mall signs: the timestamp header, a dot, the raw body as sent. */
export function signedPayload(timestampHeader: string, rawBody: string): string {
  return `${timestampHeader}.${rawBody}`;
}

export type TimestampCheck = { ok: true; atMs: number } | { ok: false; reason: string };

/**
 * Reads `X-Kefu-Timestamp` (Unix seconds) and checks it is within the replay window of `now`.
 * Seconds, not ms, as in other signed-webhook schemes; a 13-digit value is refused by name so
 * the mistake is obvious.
 */
export function checkTimestamp(header: string | undefined | null, now: number, windowMs = REPLAY_WINDOW_MS): TimestampCheck {
  if (!header) return { ok: false, reason: "X-Kefu-Timestamp is required" };
  if (!/^\d{9,11}$/.test(header)) return { ok: false, reason: "X-Kefu-Timestamp must be Unix time in seconds" };
  const atMs = Number(header) * 1000;
  if (Math.abs(now - atMs) > windowMs) {
    return { ok: false, reason: `X-Kefu-Timestamp is outside the ${windowMs / 60_000}-minute window: check the clock, or re-sign the retry` };
  }
  return { ok: true, atMs };
}

/** The 32 bytes of `sha256=<64 hex>`, or null when the header is missing or malformed. */
export function parseSignature(header: string | undefined | null): Uint8Array | null {
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? "");
  if (!m) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(m[1]!.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Lower-case hex of bytes: what goes after `sha256=`. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}
