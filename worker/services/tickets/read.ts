/**
 * Reading tickets: a page of a list with its counts (`GET /api/tickets`), and one ticket with its
 * log (`GET /api/tickets/:id`). The cursor names the last ticket shown, in the list's order;
 * clients treat it as opaque and pass back `next`.
 */
import { ACTIVE_TICKET_STATUSES, ticketNumberOf } from "../../../core/domain/tickets";
import { DomainError, fieldError } from "../../../core/domain/errors";
import { TICKET_STATUSES, type TicketDetail, type TicketListQuery, type TicketPage, type TicketStatus } from "../../../core/protocol/tickets";
import type { Database } from "../../db/client";
import { loadTicketDetail, loadTicketPage, type TicketFilter, type TicketOrder, type TicketPosition } from "../../db/repos/ticket-reads";
import type { Identity } from "../identity";
import { ticketListShop, ticketShopScope, ticketStaff } from "./scope";
import { toTicket, toTicketEvent } from "./shape";

export const TICKET_PAGE_SIZE = 50;

const CURSOR = /^(due|updated)\.(\d{1,15})\.(\d{1,9})\.(tkt_[A-Za-z0-9]{8,32})$/;

function cursorOf(order: TicketOrder, p: TicketPosition): string {
  return `${order}.${p.at}.${p.number}.${p.id}`;
}

function positionOf(order: TicketOrder, cursor: string | undefined): TicketPosition | null {
  if (cursor === undefined) return null;
  const m = CURSOR.exec(cursor);
  if (!m || m[1] !== order) throw fieldError("invalid_input", "cursor", "must be the `next` of an earlier page of this list");
  return { at: Number(m[2]), number: Number(m[3]), id: m[4]! };
}

/** The filter a list query means for this caller (`shop` checked, `me` resolved, `q` read as a number or text). */
export function ticketFilter(identity: Identity, q: Omit<TicketListQuery, "cursor">, now: number): TicketFilter {
  const staff = ticketStaff(identity);
  const view = q.status;
  const statuses: readonly TicketStatus[] | null = view === "all" ? null : view === "active" ? ACTIVE_TICKET_STATUSES : [view];
  const search = q.q ?? "";
  const number = search ? ticketNumberOf(search) : null;
  return {
    shopId: ticketListShop(staff, q.shop),
    statuses,
    ...(q.assignee === undefined ? {} : { assignee: q.assignee === "none" ? "none" : { id: q.assignee === "me" ? staff.staffId : q.assignee } }),
    ...(q.department === undefined ? {} : { department: q.department }),
    ...(q.overdue === "true" ? { overdueBefore: now } : {}),
    ...(q.customer === undefined ? {} : { customerId: q.customer }),
    ...(number !== null ? { number } : search ? { text: search } : {}),
  };
}

/** A page of tickets: active views most urgent first (due time, then number), the others most recently changed first. */
export async function listTickets(db: Database, identity: Identity, q: TicketListQuery, now: number): Promise<TicketPage> {
  const filter = ticketFilter(identity, q, now);
  const order = ticketListOrder(q.status);
  const page = await loadTicketPage(db, filter, order, positionOf(order, q.cursor), TICKET_PAGE_SIZE, now);
  const counts = { ...Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])), overdue: 0 } as TicketPage["counts"];
  for (const c of page.counts) {
    if ((TICKET_STATUSES as readonly string[]).includes(c.status)) counts[c.status as TicketStatus] = c.n;
    counts.overdue += Number(c.overdue ?? 0);
  }
  const last = page.rows.at(-1)?.ticket;
  return {
    tickets: page.rows.map((r) => toTicket(r, now)),
    counts,
    next: page.more && last ? cursorOf(order, { at: order === "due" ? last.dueAt : last.updatedAt, number: last.number, id: last.id }) : null,
  };
}

/** Active views most urgent first; the finished and `all` most recently changed first. */
export function ticketListOrder(view: TicketListQuery["status"]): TicketOrder {
  return view === "active" || (ACTIVE_TICKET_STATUSES as readonly string[]).includes(view) ? "due" : "updated";
}

/** One ticket the caller may see, with its log oldest first; another shop's is not found. */
export async function getTicket(db: Database, identity: Identity, id: string, now: number): Promise<TicketDetail> {
  const found = await loadTicketDetail(db, ticketShopScope(ticketStaff(identity)), id);
  if (!found) throw new DomainError("not_found", "no such ticket");
  return { ticket: toTicket(found.row, now), events: found.events.map(toTicketEvent) };
}
