/** Small WebCrypto helpers. */

/** URL-safe base64 of bytes, without padding. */
export function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A random opaque token with a readable prefix. */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}_${base64url(crypto.getRandomValues(new Uint8Array(bytes)))}`;
}

/**
 * A random id for rows and objects (122 random bits). One native call: the room makes one for
 * each session and each bot reply, and building one from bytes made six strings.
 */
export function randomId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID()}`;
}

/** Hex SHA-256 of a string: tokens are stored hashed, never as given. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
