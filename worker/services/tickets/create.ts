/**
 * Opening a ticket on a thread (`POST /api/tickets`). Every reference is checked against the
 * thread's shop and customer first, each refusal naming its field; then one batch writes the
 * ticket, its `created` event and (for a left message it takes over) the message's handling.
 */
import { DomainError, fieldError } from "../../../core/domain/errors";
import { statusOnAssign, ticketDueAt } from "../../../core/domain/tickets";
import { parseThreadId } from "../../../core/protocol";
import type { TicketCreateBody, TicketDetail } from "../../../core/protocol/tickets";
import type { Database } from "../../db/client";
import { insertTicket, loadCreateFacts, type NewTicket } from "../../db/repos/tickets";
import { writeTicketEvent } from "../../lib/metrics";
import { canAccessThread, type Identity } from "../identity";
import { postTicketNotice, type TicketEnv } from "./notify";
import { getTicket } from "./read";
import { mayBeAssigned, ticketStaff } from "./scope";

/** A new ticket id: `tkt_` and 32 random hex digits. */
export function newTicketId(): string {
  return `tkt_${crypto.randomUUID().replace(/-/g, "")}`;
}

/** Checks the body's references; throws the first refusal, naming its field. */
async function checkReferences(db: Database, body: TicketCreateBody, shopId: string, customerId: string) {
  const facts = await loadCreateFacts(db, { shopId, customerId, threadId: body.threadId, sessionId: body.sessionId, orderId: body.orderId, leaveMessageId: body.leaveMessageId, department: body.department, assigneeId: body.assigneeId });
  if (!facts.shopExists) throw fieldError("invalid_input", "threadId", "no such shop");
  if (body.sessionId !== undefined && !facts.sessionFound) throw fieldError("invalid_input", "sessionId", "is not a session of this thread");
  if (body.orderId !== undefined && !facts.orderFound) throw fieldError("invalid_input", "orderId", "is not this customer's order in this shop");
  if (body.leaveMessageId !== undefined) {
    if (facts.leaveStatus === null) throw fieldError("invalid_input", "leaveMessageId", "is not a message this customer left with this shop");
    if (facts.leaveStatus !== "open") throw fieldError("conflict", "leaveMessageId", "was handled already");
  }
  if (body.department !== null && !facts.groupFound) throw fieldError("invalid_input", "department", "is not a skill group of this shop");
  if (body.assigneeId !== null) {
    const why = mayBeAssigned(facts.assignee, shopId);
    if (why) throw fieldError("invalid_input", "assigneeId", why);
  }
}

/** Opens the ticket; tells the shopper in their chat when `notifyCustomer`. */
export async function createTicket(env: TicketEnv, db: Database, identity: Identity, body: TicketCreateBody, now: number): Promise<TicketDetail> {
  const staff = ticketStaff(identity);
  if (!canAccessThread(staff, body.threadId)) throw new DomainError("forbidden", "you may not open tickets on this thread");
  const { shopId, customerId } = parseThreadId(body.threadId);
  await checkReferences(db, body, shopId, customerId);
  const status = statusOnAssign("open", body.assigneeId);
  const row: NewTicket = {
    id: newTicketId(), shopId, threadId: body.threadId, customerId, sessionId: body.sessionId ?? null, orderId: body.orderId ?? null,
    leaveMessageId: body.leaveMessageId ?? null, title: body.title, description: body.description, category: body.category, priority: body.priority,
    status, department: body.department, assigneeId: body.assigneeId, createdBy: staff.staffId, createdByName: staff.name,
    createdAt: now, updatedAt: now, dueAt: ticketDueAt(now, body.priority), resolvedAt: null, closedAt: null,
    shownToCustomer: body.notifyCustomer,
  };
  const created = { at: now, actorId: staff.staffId, actorName: staff.name, kind: "created", text: null, fromValue: null, toValue: status };
  const eventId = await insertTicket(db, row, created, body.leaveMessageId ? { leaveMessageId: body.leaveMessageId, by: staff.staffId } : null);
  if (eventId === null) throw fieldError("conflict", "leaveMessageId", "was handled meanwhile");
  writeTicketEvent(env.METRICS, "created", row, now);
  const detail = await getTicket(db, staff, row.id, now);
  if (body.notifyCustomer) {
    await postTicketNotice(env, db, row, eventId, "ticket.created", { number: String(detail.ticket.number), title: row.title });
  }
  return detail;
}
