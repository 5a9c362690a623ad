/** Rows to the shapes the console reads (core/protocol/tickets.ts). */
import { isOverdue, ticketActorRole } from "../../../core/domain/tickets";
import type { Ticket, TicketCategory, TicketEvent, TicketEventKind, TicketLatest, TicketPriority, TicketStatus } from "../../../core/protocol/tickets";
import type { TicketEventRow, TicketViewRow } from "../../db/repos/ticket-reads";

/** A ticket with its names; an unknown customer is named by its id, at level normal. */
export function toTicket(r: TicketViewRow, now: number): Ticket {
  const t = r.ticket;
  const status = t.status as TicketStatus;
  return {
    id: t.id,
    number: t.number,
    shopId: t.shopId,
    threadId: t.threadId,
    customer: { id: t.customerId, name: r.customerName ?? t.customerId, level: r.customerLevel ?? "normal" },
    sessionId: t.sessionId,
    orderId: t.orderId,
    leaveMessageId: t.leaveMessageId,
    title: t.title,
    description: t.description,
    category: t.category as TicketCategory,
    priority: t.priority as TicketPriority,
    status,
    department: t.department === null ? null : { key: t.department, name: r.departmentName ?? t.department, nameEn: r.departmentNameEn ?? t.department },
    assignee: t.assigneeId === null ? null : { id: t.assigneeId, name: r.assigneeName ?? t.assigneeId },
    createdBy: { id: t.createdBy, name: t.createdByName },
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    dueAt: t.dueAt,
    overdue: isOverdue({ status, dueAt: t.dueAt }, now),
    resolvedAt: t.resolvedAt,
    closedAt: t.closedAt,
    latest: latestOf(r.latestEvent, t.customerId),
  };
}

/** The newest log entry from its JSON triple [kind, at, actor id]. */
function latestOf(json: string | null, customerId: string): TicketLatest | null {
  if (json === null) return null;
  const [kind, at, actorId] = JSON.parse(json) as [TicketEventKind, number, string];
  return { kind, at, actorId, by: ticketActorRole({ kind, actorId }, customerId) };
}

/** One log entry; assignments carry the names of both sides (an unknown account by its id). */
export function toTicketEvent(r: TicketEventRow): TicketEvent {
  const e = r.event;
  const event: TicketEvent = { id: e.id, kind: e.kind as TicketEventKind, at: e.at, actor: { id: e.actorId, name: e.actorName }, text: e.text, from: e.fromValue, to: e.toValue };
  if (e.kind === "assign") {
    event.fromName = e.fromValue === null ? null : (r.fromName ?? e.fromValue);
    event.toName = e.toValue === null ? null : (r.toName ?? e.toValue);
  }
  return event;
}
