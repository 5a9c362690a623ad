/**
 * Who a connection is, set once when it joins (the Worker authenticates and passes this in the
 * `x-kefu-identity` header, which it always overwrites). Kept in the connection's attachment so
 * it survives hibernation; well under the 2 KB limit.
 */
import * as v from "valibot";
import { Channel, CustomerLevel, Entry, StaffRole } from "../../core/protocol";
import { decodeHeaderJson, encodeHeaderJson } from "../../worker/lib/header-json";

export const IDENTITY_HEADER = "x-kefu-identity";

export const ConnectionState = v.object({
  role: v.picklist(["customer", "agent"]),
  id: v.string(),
  name: v.string(),
  /** Staff only: their shop and role. */
  shopId: v.optional(v.string()),
  staffRole: v.optional(StaffRole),
  /** Staff only: the login session that opened the socket (ending the session closes it). */
  sessionId: v.optional(v.string()),
  /** Customers only. */
  level: v.optional(CustomerLevel),
  locale: v.optional(v.string()),
  /** Customers only: their token's `iat`, and the mall's latest revocation of their tokens when they connected (room.ts `closeRevoked`). */
  issuedAt: v.optional(v.number()),
  revokedAt: v.optional(v.number()),
  /** Customers only: the client address their messages count against (absent off the edge, e.g. in tests). */
  ip: v.optional(v.string()),
  channel: Channel,
  entry: v.nullable(Entry),
});
export type ConnectionState = v.InferOutput<typeof ConnectionState>;

/** Encodes a connection's identity for the header. */
export function encodeIdentity(state: ConnectionState): string {
  return encodeHeaderJson(state);
}

/** Reads the identity header; null when absent or not a valid identity. */
export function decodeIdentity(header: string | null): ConnectionState | null {
  return decodeHeaderJson(ConnectionState, header);
}
