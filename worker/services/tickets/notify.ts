/**
 * What the shopper hears of their ticket, in their chat: a system notice the widget translates
 * (`ticket.created`, `ticket.reply`, `ticket.resolved`). Posted after the ticket's D1 batch: the ticket stands even when the room cannot be reached
 * (the failure is logged; staff see the ticket, and the shopper can still be told by a reply).
 */
import { getServerByName } from "partyserver";
import type { Database } from "../../db/client";
import { findTokenRevocation } from "../../db/repos/customers";

/** Who ticket notices come from in the thread (their own sender id keeps their clientIds apart). */
export const TICKET_SENDER = { role: "system", id: "tickets", name: "system" } as const;

export type TicketNoticeCode = "ticket.created" | "ticket.reply" | "ticket.resolved";
export type TicketEnv = Pick<Env, "ConversationRoom" | "METRICS">;

/** The notice's clientId: one per ticket event, so posting it again returns the one already there. */
export function ticketNoticeClientId(ticketId: string, eventId: number): string {
  return `tk-${ticketId}-${eventId}`;
}

/** Posts the notice of one ticket event into the shopper's thread; never throws. */
export async function postTicketNotice(env: TicketEnv, db: Database, t: { id: string; threadId: string; customerId: string }, eventId: number, code: TicketNoticeCode, params: Record<string, string>): Promise<void> {
  try {
    const room = await getServerByName(env.ConversationRoom, t.threadId);
    // A thread that never had a session may hold a socket the mall's revocation could not reach (room.post).
    const revokedAt = await findTokenRevocation(db, t.customerId);
    if (revokedAt !== null) await room.tokensRevoked(revokedAt);
    await room.post({ clientId: ticketNoticeClientId(t.id, eventId), sender: { ...TICKET_SENDER }, kind: "system", body: { notice: { code, params } }, channel: "api", entry: null });
  } catch (err) {
    console.error("ticket notice not posted", t.id, code, (err as Error).message);
  }
}
