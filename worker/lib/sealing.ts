/**
 * AES-GCM sealing under a key derived (HKDF-SHA-256) from one of our secrets, for a purpose named
 * by `label`: the same secret gives unrelated keys for different purposes. The associated data
 * binds a sealed value to where it belongs (a socket target, a staff account), so it opens
 * nowhere else. Sealed form: base64url of the 12-byte IV and the ciphertext with its tag.
 */
import { base64url } from "./crypto";

const keys = new Map<string, Promise<CryptoKey>>();

/** The AES key for a secret and a purpose, derived once per isolate. */
function keyFor(secret: string, label: string): Promise<CryptoKey> {
  const id = `${label}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new TextEncoder().encode(label) }, base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]),
      );
    keys.set(id, key);
  }
  return key;
}

function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Seals `plain` for `associated` (base64url). */
export async function seal(secret: string, label: string, plain: Uint8Array, associated: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(associated) }, await keyFor(secret, label), plain);
  const bytes = new Uint8Array(12 + sealed.byteLength);
  bytes.set(iv);
  bytes.set(new Uint8Array(sealed), 12);
  return base64url(bytes);
}

/** What `seal` sealed, or null when `sealed` is malformed, forged, or sealed with another key or for other data. */
export async function unseal(secret: string, label: string, sealed: string, associated: string): Promise<Uint8Array | null> {
  const bytes = fromBase64url(sealed);
  if (!bytes || bytes.length < 12 + 16) return null;
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.subarray(0, 12), additionalData: new TextEncoder().encode(associated) }, await keyFor(secret, label), bytes.subarray(12)));
  } catch {
    return null;
  }
}
