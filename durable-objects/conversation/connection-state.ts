/**
 * Who a connection is, set once when it joins (the Worker authenticates and passes this in the
 * `x-kefu-identity` header, which it always overwrites). Kept in the connection's attachment so
 * it survives hibernation; well under the 2 KB limit.
 */
import * as v from "valibot";
import { Channel, CustomerLevel, Entry, StaffRole } from "../../core/protocol";

export const IDENTITY_HEADER = "x-kefu-identity";

export const ConnectionState = v.object({
  role: v.picklist(["customer", "agent"]),
  id: v.string(),
  name: v.string(),
  /** Staff only: their shop and role. */
  shopId: v.optional(v.string()),
  staffRole: v.optional(StaffRole),
  /** Customers only. */
  level: v.optional(CustomerLevel),
  locale: v.optional(v.string()),
  channel: Channel,
  entry: v.nullable(Entry),
});
export type ConnectionState = v.InferOutput<typeof ConnectionState>;

/** Headers must be ASCII: the identity travels as base64 of its UTF-8 JSON. */
export function encodeIdentity(state: ConnectionState): string {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Reads the identity header; null when absent or not a valid identity. */
export function decodeIdentity(header: string | null): ConnectionState | null {
  if (!header) return null;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(header), (c) => c.charCodeAt(0)));
    const parsed = v.safeParse(ConnectionState, JSON.parse(json));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}
