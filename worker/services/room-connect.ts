/**
 * Admission to a room's socket: the credential (query `ticket`: browsers cannot set headers on a
 * WebSocket; see socket-ticket.ts), the thread, the tenancy check, channel and entry. On success
 * the Worker passes the identity and the ticket's id (the room spends it) to the room in headers
 * it always overwrites, and drops the credential from the URL.
 */
import * as v from "valibot";
import { Channel, EntryType, ThreadId, parseInput } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import { encodeIdentity, type ConnectionState } from "../../durable-objects/conversation/connection-state";
import { canAccessThread, identify } from "./identity";
import { forwardAdmitted, socketTicket } from "./socket-ticket";
import { clientAddress } from "../lib/client-address";
import { database } from "../db/client";
import { recordStaffVisit } from "../db/repos/staff";

const ConnectQuery = v.object({
  channel: v.optional(Channel, "pc"),
  entryType: v.optional(EntryType),
  entryId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  since: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"))),
});

/** Checks a socket upgrade for `threadId`; returns the request to forward to the room. */
export async function admitToRoom(env: Env, req: Request, threadId: string): Promise<Request> {
  const thread = parseInput(ThreadId, threadId);
  if (!thread.ok) throw new DomainError("invalid_input", `thread: ${thread.message}`);
  const url = new URL(req.url);
  const ticket = await socketTicket(env, url.searchParams, "conversation-room", threadId);
  const q = parseInput(ConnectQuery, Object.fromEntries(url.searchParams));
  if (!q.ok) throw new DomainError("invalid_input", q.message, q.issues);
  const identity = await identify(env, ticket.token);
  if (!canAccessThread(identity, threadId)) throw new DomainError("forbidden", "you may not join this thread");
  // Before the socket opens: disabling the account closes its sockets in every thread it is in.
  if (identity.kind === "staff") await recordStaffVisit(database(env.DB), identity.staffId, threadId, Date.now());

  const address = clientAddress(req);
  const entry = q.value.entryType ? { type: q.value.entryType, ...(q.value.entryId ? { id: q.value.entryId } : {}) } : null;
  const state: ConnectionState =
    identity.kind === "staff"
      ? { role: "agent", id: identity.staffId, name: identity.name, shopId: identity.shopId, staffRole: identity.role, sessionId: identity.sessionId, channel: q.value.channel, entry }
      : {
          role: "customer", id: identity.customerId, name: identity.name, level: identity.level, locale: identity.locale, channel: q.value.channel, entry,
          ...(address ? { ip: address } : {}),
          ...(identity.issuedAt !== undefined ? { issuedAt: identity.issuedAt } : {}),
          ...(identity.revokedAt !== undefined ? { revokedAt: identity.revokedAt } : {}),
        };

  return forwardAdmitted(req, url, encodeIdentity(state), ticket);
}
