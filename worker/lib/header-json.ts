/**
 * JSON in a request header, for identity the Worker hands to a Durable Object. Headers must be
 * ASCII, so the value is base64 of the UTF-8 JSON; reading validates it with a schema.
 */
import * as v from "valibot";

export function encodeHeaderJson(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** The decoded value, or null when absent, malformed or not of the schema. */
export function decodeHeaderJson<S extends v.GenericSchema>(schema: S, header: string | null): v.InferOutput<S> | null {
  if (!header) return null;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(header), (c) => c.charCodeAt(0)));
    const parsed = v.safeParse(schema, JSON.parse(json));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}
