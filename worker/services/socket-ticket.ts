/**
 * Socket tickets: browsers cannot set headers on a WebSocket, so a socket's credential travels in
 * its URL, where proxies and access logs may keep it. Instead of the bearer token (valid for hours
 * or days), our clients put a ticket there: the token sealed (AES-GCM) for one socket target
 * (`conversation-room/<threadId>` or `agent-queue/<shopId>`) for TICKET_TTL_MS, under a random id.
 * A logged ticket opens nothing else, nothing once its owner has used it (the target object
 * spends the id, durable-objects/shared/spent-tickets.ts) and nothing a minute later; admission
 * opens it and checks the token inside as every token is checked (so a token revoked meanwhile
 * is refused). The token itself is not accepted in a socket URL.
 *
 * The key is derived (HKDF) from GUEST_TOKEN_SECRET, the secret of the tokens we sign ourselves,
 * so there is nothing new to configure and rotating that secret voids every ticket too.
 */
import { DomainError } from "../../core/domain/errors";
import { randomId } from "../lib/crypto";
import { seal, unseal } from "../lib/sealing";
import type { SocketTicketBody } from "../../core/protocol";
import { IDENTITY_HEADER } from "../../durable-objects/conversation/connection-state";
import { encodeTicketHeader, TICKET_HEADER } from "../../durable-objects/shared/spent-tickets";
import { assertMayJoinQueue, canAccessThread, guestSecret, type Identity } from "./identity";

export const TICKET_TTL_MS = 60_000;
export const TICKET_PREFIX = "tk_";
export type SocketParty = SocketTicketBody["party"];

/** The HKDF label of the tickets' key: changing it voids every ticket out. */
const TICKET_KEY_LABEL = "kefu-edge socket ticket v1";

/** The target a ticket opens, as it is sealed in: party and object name. */
function targetOf(party: SocketParty, name: string): string {
  return `${party}/${name}`;
}

/** Seals `token` for one socket target until `now + TICKET_TTL_MS`. */
export async function sealTicket(env: Env, token: string, party: SocketParty, name: string, now: number): Promise<{ ticket: string; expiresAt: number }> {
  const expiresAt = now + TICKET_TTL_MS;
  const plain = new TextEncoder().encode(JSON.stringify({ t: token, x: expiresAt, j: randomId("tkt") }));
  // The target is the AES-GCM associated data: a ticket sealed for one thread fails to open for another.
  const sealed = await seal(guestSecret(env), TICKET_KEY_LABEL, plain, targetOf(party, name));
  return { ticket: `${TICKET_PREFIX}${sealed}`, expiresAt };
}

/** What a ticket carries: the token, and the id and expiry its target spends it under. */
export interface OpenedTicket {
  token: string;
  id: string;
  expiresAt: number;
}

/** The ticket's contents for this target, or `unauthorized` (forged, for another target, or expired). */
export async function openTicket(env: Env, ticket: string, party: SocketParty, name: string, now: number): Promise<OpenedTicket> {
  const refused = new DomainError("unauthorized", "socket ticket is invalid, for another socket, or expired: ask POST /api/socket-tickets for a new one");
  const plain = ticket.startsWith(TICKET_PREFIX) ? await unseal(guestSecret(env), TICKET_KEY_LABEL, ticket.slice(TICKET_PREFIX.length), targetOf(party, name)) : null;
  if (!plain) throw refused;
  const { t, x, j } = JSON.parse(new TextDecoder().decode(plain)) as { t: string; x: number; j: string };
  // A ticket without an id (sealed before tickets were single-use) could not be spent: refused.
  if (!(x > now) || typeof j !== "string") throw refused;
  return { token: t, id: j, expiresAt: x };
}

/**
 * A ticket for the caller's token to open one socket, refused up front (not at the upgrade, where
 * a browser learns nothing of why) when the caller may not join it.
 */
export async function issueTicket(env: Env, token: string, identity: Identity, target: SocketTicketBody, now = Date.now()): Promise<{ ticket: string; expiresAt: number }> {
  if (target.party === "conversation-room") {
    if (!canAccessThread(identity, target.name)) throw new DomainError("forbidden", "you may not join this thread");
  } else assertMayJoinQueue(identity, target.name);
  return sealTicket(env, token, target.party, target.name, now);
}

/**
 * The ticket of a socket upgrade (query parameter `ticket`), opened for its target. A bearer
 * token in the URL is refused: proxies and access logs keep URLs, and a token lives for hours.
 */
export async function socketTicket(env: Env, params: URLSearchParams, party: SocketParty, name: string, now = Date.now()): Promise<OpenedTicket> {
  const ticket = params.get("ticket");
  if (ticket) return openTicket(env, ticket, party, name, now);
  const why = params.has("token") ? "tokens are not accepted in socket URLs, where logs keep them: " : "";
  throw new DomainError("unauthorized", `${why}a socket ticket is required (query parameter \`ticket\`, from POST /api/socket-tickets)`);
}

/**
 * The admitted upgrade as the object receives it: the credential dropped from the URL, the
 * identity (encoded for the header) and the ticket to spend in headers the Worker always sets.
 */
export function forwardAdmitted(req: Request, url: URL, identity: string, ticket: OpenedTicket): Request {
  url.searchParams.delete("ticket");
  url.searchParams.delete("token");
  const forwarded = new Request(url, req);
  forwarded.headers.set(IDENTITY_HEADER, identity);
  forwarded.headers.set(TICKET_HEADER, encodeTicketHeader(ticket.id, ticket.expiresAt));
  return forwarded;
}
