/**
 * The shopper's answer to a resolution (`POST /api/threads/:threadId/tickets/:id/answer`), "is
 * your problem solved?": solved closes the ticket, not solved reopens it with their reason. Only
 * the thread's shopper answers (staff change a ticket through its actions), only a ticket they
 * were told of, only while it is resolved and within the answer window (core/domain/tickets.ts).
 * One `status` event whose actor is the customer, written by the same guarded batch as staff
 * actions: a change made meanwhile (staff, the cron's auto-close) makes this one a conflict. A
 * reopened ticket keeps its due time: it is likely overdue, and staff should see that.
 */
import { DomainError } from "../../../core/domain/errors";
import { answerRefusal, answerStatus, statusStamps } from "../../../core/domain/tickets";
import { parseThreadId } from "../../../core/protocol";
import { type ShopperTicket, type TicketAnswerBody, type TicketStatus } from "../../../core/protocol/tickets";
import type { Database } from "../../db/client";
import { findCustomer } from "../../db/repos/customers";
import { loadThreadTickets } from "../../db/repos/ticket-reads";
import { applyTicketChange, findShopperTicketRow } from "../../db/repos/tickets";
import { canAccessThread, type Identity } from "../identity";
import { toShopperTickets } from "./shopper";

/** Applies the shopper's answer and returns the ticket as they now see it. */
export async function answerTicket(db: Database, identity: Identity, threadId: string, id: string, body: TicketAnswerBody, now: number): Promise<{ ticket: ShopperTicket }> {
  if (identity.kind !== "customer") throw new DomainError("forbidden", "only the shopper answers a resolution; staff change a ticket through its actions");
  if (!canAccessThread(identity, threadId)) throw new DomainError("forbidden", "you may not access this thread");
  const { shopId, customerId } = parseThreadId(threadId);
  const t = await findShopperTicketRow(db, { shopId, customerId, threadId }, id);
  if (!t) throw new DomainError("not_found", "no such ticket");
  const from = t.status as TicketStatus;
  const refusal = answerRefusal({ status: from, resolvedAt: t.resolvedAt }, now);
  if (refusal) throw refusal;
  const to = answerStatus(body.answer);
  const name = (await findCustomer(db, customerId))?.name || customerId;
  const text = body.answer === "unsolved" && body.reason ? body.reason : null;
  const event = { kind: "status", at: now, actorId: customerId, actorName: name, text, fromValue: from, toValue: to };
  // updated_at only grows, even within one millisecond: it is the guard of the next change.
  const ids = await applyTicketChange(db, t, t.updatedAt, Math.max(now, t.updatedAt + 1), { status: to, ...statusStamps(to, now, t) }, [event]);
  if (!ids) throw new DomainError("conflict", "the ticket changed meanwhile: reload it and try again");
  const [ticket] = toShopperTickets(await loadThreadTickets(db, { shopId, customerId, threadId, ticketId: id }, 1));
  if (!ticket) throw new DomainError("not_found", "no such ticket");
  return { ticket };
}
