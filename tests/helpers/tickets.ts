/** Calls of the 工单 API and reads of what it left behind, for the ticket tests. */
import { env } from "cloudflare:workers";
import { asc, eq } from "drizzle-orm";
import { getServerByName } from "partyserver";
import type { ChatMessage } from "../../core/protocol";
import type { TicketDetail, TicketPage } from "../../core/protocol/tickets";
import { database } from "../../worker/db/client";
import { ticketEvents } from "../../worker/db/schema";
import { TICKET_SENDER } from "../../worker/services/tickets/notify";
import { api } from "./fixtures";

export const db = database(env.DB);

const json = (token: string, method: string, body: unknown): RequestInit & { token: string } => ({ method, token, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

type Answer<T> = { status: number; body: T & { error?: { code: string; message: string; details?: { field: string }[] } } };
async function answer<T>(res: Response): Promise<Answer<T>> {
  return { status: res.status, body: (await res.json()) as Answer<T>["body"] };
}

export const createTicket = async (token: string, body: Record<string, unknown>) => answer<TicketDetail>(await api("/api/tickets", json(token, "POST", body)));
export const actOn = async (token: string, id: string, action: Record<string, unknown>) => answer<TicketDetail>(await api(`/api/tickets/${id}/actions`, json(token, "POST", action)));
export const ticketDetail = async (token: string, id: string) => answer<TicketDetail>(await api(`/api/tickets/${id}`, { token }));
export const ticketList = async (token: string, query = "") => answer<TicketPage>(await api(`/api/tickets${query ? `?${query}` : ""}`, { token }));

/** The fields an error names. */
export const fieldsOf = (a: Answer<unknown>) => (a.body.error?.details ?? []).map((d) => d.field);

/** The ticket notices in a thread, as the shopper sees them. */
export async function ticketNotices(threadId: string): Promise<ChatMessage[]> {
  const room = await getServerByName(env.ConversationRoom, threadId);
  const { messages } = await room.history(null, 200, "customer");
  return messages.filter((m) => m.sender.id === TICKET_SENDER.id);
}

/** A ticket's stored events, oldest first. */
export function storedEvents(ticketId: string) {
  return db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.id)).all();
}
