/**
 * A thread's tickets as its shopper sees them (`GET /api/threads/:threadId/tickets`, the widget's
 * 我的工单): number, title, category, status and the history they were part of. The repo reads
 * only the shopper's kinds of events and never a staff status note or an actor (only whether an
 * event was the shopper's own answer); this shape keeps to
 * `ShopperTicket` field by field, so nothing staff-only rides along. The thread's staff may read
 * it too (to see what the shopper sees).
 */
import { DomainError } from "../../../core/domain/errors";
import { parseThreadId } from "../../../core/protocol";
import { SHOPPER_TICKET_LIMIT, TICKET_STATUSES, type ShopperTicket, type ShopperTicketEntry, type ShopperTicketList, type TicketCategory, type TicketStatus } from "../../../core/protocol/tickets";
import type { Database } from "../../db/client";
import { loadThreadTickets, type ThreadTicketRows } from "../../db/repos/ticket-reads";
import { canAccessThread, type Identity } from "../identity";

const isStatus = (s: string | null): s is TicketStatus => (TICKET_STATUSES as readonly (string | null)[]).includes(s);

/** One stored event as the shopper's entry, or null for what they do not see. */
function entryOf(e: ThreadTicketRows["events"][number]): ShopperTicketEntry | null {
  if (e.kind === "created") return { kind: "created", at: e.at };
  if (e.kind === "reply" && e.text) return { kind: "reply", at: e.at, text: e.text };
  // Their own answer to a resolution: closed is "solved", open again "not solved", with their reason.
  if (e.kind === "status" && Number(e.byCustomer) === 1 && (e.toValue === "closed" || e.toValue === "open")) {
    return { kind: "answer", at: e.at, answer: e.toValue === "closed" ? "solved" : "unsolved", reason: e.text || null };
  }
  if (e.kind === "status" && isStatus(e.toValue)) return { kind: "status", at: e.at, status: e.toValue };
  return null;
}

/** The rows of a thread's tickets as the shopper's list, newest ticket first, each history oldest first. */
export function toShopperTickets({ rows, events }: ThreadTicketRows): ShopperTicket[] {
  const timelines = new Map<string, ShopperTicketEntry[]>(rows.map((r) => [r.id, []]));
  for (const e of events) {
    const entry = entryOf(e);
    if (entry) timelines.get(e.ticketId)?.push(entry);
  }
  return rows.map((r) => {
    const timeline = timelines.get(r.id)!;
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      category: r.category as TicketCategory,
      status: r.status as TicketStatus,
      orderId: r.orderId,
      createdAt: r.createdAt,
      updatedAt: Math.max(r.createdAt, ...timeline.map((x) => x.at)),
      resolvedAt: r.resolvedAt,
      closedAt: r.closedAt,
      timeline,
    };
  });
}

/** The thread's tickets for its shopper (or its staff); anyone else is refused. */
export async function threadTickets(db: Database, identity: Identity, threadId: string): Promise<ShopperTicketList> {
  if (!canAccessThread(identity, threadId)) throw new DomainError("forbidden", "you may not access this thread");
  const { shopId, customerId } = parseThreadId(threadId);
  return { tickets: toShopperTickets(await loadThreadTickets(db, { shopId, customerId, threadId }, SHOPPER_TICKET_LIMIT)) };
}
