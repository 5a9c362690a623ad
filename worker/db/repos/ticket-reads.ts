/**
 * 工单 reads: pages of a shop's (or every shop's) tickets with their counts, and one ticket with
 * its log. Names come from joins (customer, department, assignee), each under its own alias:
 * drizzle maps a batch's rows by column name, and three `name` columns would shift values.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { TicketStatus } from "../../../core/protocol/tickets";
import type { Database } from "../client";
import { customers, skillGroups, staff, ticketEvents, tickets } from "../schema";

/** Which tickets a list shows. Absent fields do not filter. */
export interface TicketFilter {
  /** null: every shop (platform staff). */
  shopId: string | null;
  /** null: every status. */
  statuses: readonly TicketStatus[] | null;
  assignee?: { id: string } | "none";
  department?: string;
  /** Only active tickets due before this instant. */
  overdueBefore?: number;
  customerId?: string;
  number?: number;
  /** Matched anywhere in the title or description. */
  text?: string;
}

/**
 * How a list is ordered: by due time (most urgent first), or most recently changed first; ties
 * by number (unique in a shop), then by id (across shops).
 */
export type TicketOrder = "due" | "updated";
/** Where a page starts: strictly after this ticket in the list's order. */
export interface TicketPosition {
  at: number;
  number: number;
  id: string;
}

const ACTIVE: TicketStatus[] = ["open", "in_progress", "pending"];
const view = {
  ticket: tickets,
  customerName: sql<string | null>`${customers.name}`.as("customer_name"),
  customerLevel: sql<string | null>`${customers.level}`.as("customer_level"),
  departmentName: sql<string | null>`${skillGroups.name}`.as("department_name"),
  departmentNameEn: sql<string | null>`${skillGroups.nameEn}`.as("department_name_en"),
  assigneeName: sql<string | null>`${staff.name}`.as("assignee_name"),
  // The newest log entry, [kind, at, actor id] as JSON: one step down the (ticket, id) index per row.
  latestEvent: sql<string | null>`(SELECT json_array(e.kind, e.at, e.actor_id) FROM ticket_events e WHERE e.ticket_id = ${tickets.id} ORDER BY e.id DESC LIMIT 1)`.as("latest_event"),
};

function joined(db: Database) {
  return db
    .select(view)
    .from(tickets)
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(skillGroups, and(eq(skillGroups.shopId, tickets.shopId), eq(skillGroups.key, tickets.department)))
    .leftJoin(staff, eq(staff.id, tickets.assigneeId));
}
export type TicketViewRow = Awaited<ReturnType<ReturnType<typeof joined>["all"]>>[number];

/** `%`, `_` and the escape itself match literally. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterSql(f: TicketFilter, withStatus: boolean): SQL | undefined {
  const like = f.text === undefined ? undefined : likeText(f.text);
  return and(
    f.shopId === null ? undefined : eq(tickets.shopId, f.shopId),
    withStatus && f.statuses ? inArray(tickets.status, [...f.statuses]) : undefined,
    f.assignee === undefined ? undefined : f.assignee === "none" ? isNull(tickets.assigneeId) : eq(tickets.assigneeId, f.assignee.id),
    f.department === undefined ? undefined : eq(tickets.department, f.department),
    f.overdueBefore === undefined ? undefined : and(inArray(tickets.status, ACTIVE), lt(tickets.dueAt, f.overdueBefore)),
    f.customerId === undefined ? undefined : eq(tickets.customerId, f.customerId),
    f.number === undefined ? undefined : eq(tickets.number, f.number),
    like === undefined ? undefined : or(sql`${tickets.title} LIKE ${like} ESCAPE '\\'`, sql`${tickets.description} LIKE ${like} ESCAPE '\\'`),
  );
}

function after(order: TicketOrder, p: TicketPosition | null): SQL | undefined {
  if (!p) return undefined;
  if (order === "due") {
    return or(gt(tickets.dueAt, p.at), and(eq(tickets.dueAt, p.at), or(gt(tickets.number, p.number), and(eq(tickets.number, p.number), gt(tickets.id, p.id)))));
  }
  return or(lt(tickets.updatedAt, p.at), and(eq(tickets.updatedAt, p.at), or(lt(tickets.number, p.number), and(eq(tickets.number, p.number), lt(tickets.id, p.id)))));
}

const ORDER_BY = {
  due: [asc(tickets.dueAt), asc(tickets.number), asc(tickets.id)],
  updated: [desc(tickets.updatedAt), desc(tickets.number), desc(tickets.id)],
} as const;

/**
 * A page of tickets (one row more than `limit`, to tell whether another follows) and the counts
 * per status under every filter but the status, with how many are overdue at `now`, in one batch.
 */
export async function loadTicketPage(db: Database, f: TicketFilter, order: TicketOrder, start: TicketPosition | null, limit: number, now: number) {
  const overdue = sql<number>`sum(CASE WHEN ${inArray(tickets.status, ACTIVE)} AND ${tickets.dueAt} < ${now} THEN 1 ELSE 0 END)`;
  const [rows, counts] = await db.batch([
    joined(db).where(and(filterSql(f, true), after(order, start))).orderBy(...ORDER_BY[order]).limit(limit + 1),
    db.select({ status: tickets.status, n: count(), overdue }).from(tickets).where(filterSql(f, false)).groupBy(tickets.status),
  ]);
  return { rows: rows.slice(0, limit), more: rows.length > limit, counts };
}

/** Every ticket of a list (any status the filter takes) in the list's order, at most `limit`: the CSV export. */
export async function loadTicketRows(db: Database, f: TicketFilter, order: TicketOrder, limit: number) {
  return joined(db).where(filterSql(f, true)).orderBy(...ORDER_BY[order]).limit(limit).all();
}

const fromStaff = alias(staff, "from_staff");
const toStaff = alias(staff, "to_staff");

/**
 * The ticket with its names, and its log oldest first with the names of assignments' staff; one
 * batch. `shopId` null: any shop (platform staff); a ticket of another shop is not found.
 */
export async function loadTicketDetail(db: Database, shopId: string | null, id: string) {
  const isAssign = eq(ticketEvents.kind, "assign");
  const [rows, events] = await db.batch([
    joined(db).where(and(eq(tickets.id, id), shopId === null ? undefined : eq(tickets.shopId, shopId))).limit(1),
    db
      .select({ event: ticketEvents, fromName: sql<string | null>`${fromStaff.name}`.as("from_name"), toName: sql<string | null>`${toStaff.name}`.as("to_name") })
      .from(ticketEvents)
      .leftJoin(fromStaff, and(isAssign, eq(fromStaff.id, ticketEvents.fromValue)))
      .leftJoin(toStaff, and(isAssign, eq(toStaff.id, ticketEvents.toValue)))
      .where(eq(ticketEvents.ticketId, id))
      .orderBy(asc(ticketEvents.id)),
  ]);
  return rows[0] ? { row: rows[0], events } : null;
}
export type TicketEventRow = NonNullable<Awaited<ReturnType<typeof loadTicketDetail>>>["events"][number];

/**
 * A thread's newest tickets (at most `limit`) and what their shopper may see of their logs, in
 * one batch: only `created`, `reply` and `status` events, a status event without its note (the
 * note is internal), and never who acted, only whether it was the shopper themself (their answer
 * to a resolution, with their reason). `shopId` and `customerId` are the thread's; `ticketId`: that one ticket only.
 */
export async function loadThreadTickets(db: Database, t: { shopId: string; customerId: string; threadId: string; ticketId?: string }, limit: number) {
  // A ticket opened without telling the shopper (an internal follow-up) stays out until they are told of it.
  const ofThread = and(
    eq(tickets.shopId, t.shopId),
    eq(tickets.customerId, t.customerId),
    eq(tickets.threadId, t.threadId),
    eq(tickets.shownToCustomer, true),
    t.ticketId === undefined ? undefined : eq(tickets.id, t.ticketId),
  );
  const newest = db.select({ id: tickets.id }).from(tickets).where(ofThread).orderBy(desc(tickets.createdAt), desc(tickets.number)).limit(limit);
  const [rows, events] = await db.batch([
    db
      .select({ id: tickets.id, number: tickets.number, title: tickets.title, category: tickets.category, status: tickets.status, orderId: tickets.orderId, createdAt: tickets.createdAt, resolvedAt: tickets.resolvedAt, closedAt: tickets.closedAt })
      .from(tickets)
      .where(ofThread)
      .orderBy(desc(tickets.createdAt), desc(tickets.number))
      .limit(limit),
    db
      .select({
        ticketId: ticketEvents.ticketId,
        at: ticketEvents.at,
        kind: ticketEvents.kind,
        // The shopper's own status events (their answer to a resolution) carry their own words; staff's never.
        byCustomer: sql<number>`${ticketEvents.kind} = 'status' AND ${ticketEvents.actorId} = ${t.customerId}`.as("by_customer"),
        text: sql<string | null>`CASE WHEN ${ticketEvents.kind} = 'reply' OR (${ticketEvents.kind} = 'status' AND ${ticketEvents.actorId} = ${t.customerId}) THEN ${ticketEvents.text} END`.as("shown_text"),
        toValue: ticketEvents.toValue,
      })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.shopId, t.shopId), inArray(ticketEvents.ticketId, newest), inArray(ticketEvents.kind, ["created", "reply", "status"])))
      .orderBy(asc(ticketEvents.id)),
  ]);
  return { rows, events };
}
export type ThreadTicketRows = Awaited<ReturnType<typeof loadThreadTickets>>;
