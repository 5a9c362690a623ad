/**
 * 工单 writes, and the facts a ticket's checks read. Every write is one D1 batch guarded by a
 * condition on the ticket as it was read, so a refused or raced write changes nothing: creation
 * takes the shop's next number in its own INSERT and (when it takes over a left message) only
 * while that message is still open; an action applies only while `updated_at` is what it read.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { runBatch, type RawStatement } from "./d1-batch";
import { leaveMessages, orders, sessions, shops, skillGroups, staff, ticketEvents, tickets } from "../schema";

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicket = Omit<TicketRow, "number">;
/** An event to append: the ticket, shop and id are filled in by the write. */
export type NewTicketEvent = Pick<typeof ticketEvents.$inferInsert, "at" | "actorId" | "actorName" | "kind" | "text" | "fromValue" | "toValue">;

const TICKET_COLUMNS = [
  "id", "shop_id", "thread_id", "customer_id", "session_id", "order_id", "leave_message_id", "title", "description", "category", "priority", "status",
  "department", "assignee_id", "created_by", "created_by_name", "created_at", "updated_at", "due_at", "resolved_at", "closed_at", "shown_to_customer",
] as const;
const TICKET_KEYS: (keyof NewTicket)[] = [
  "id", "shopId", "threadId", "customerId", "sessionId", "orderId", "leaveMessageId", "title", "description", "category", "priority", "status",
  "department", "assigneeId", "createdBy", "createdByName", "createdAt", "updatedAt", "dueAt", "resolvedAt", "closedAt", "shownToCustomer",
];

/** Appends an event to the ticket's log, only if `guard` (SQL over the tickets table) holds. */
function appendEvent(ticketId: string, shopId: string, e: NewTicketEvent, guard: RawStatement): RawStatement {
  return {
    sql: `INSERT INTO ticket_events (ticket_id, shop_id, at, actor_id, actor_name, kind, text, from_value, to_value)
          SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM tickets WHERE ${guard.sql})`,
    params: [ticketId, shopId, e.at, e.actorId, e.actorName, e.kind, e.text ?? null, e.fromValue ?? null, e.toValue ?? null, ...guard.params],
  };
}

/** What a new ticket's references are, looked up in one batch (ids that were not given match nothing). */
export async function loadCreateFacts(db: Database, f: { shopId: string; customerId: string; threadId: string; sessionId?: string; orderId?: string; leaveMessageId?: string; department: string | null; assigneeId: string | null }) {
  const [shop, session, order, leave, group, assignee] = await db.batch([
    db.select({ id: shops.id }).from(shops).where(eq(shops.id, f.shopId)).limit(1),
    db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.id, f.sessionId ?? ""), eq(sessions.threadId, f.threadId), eq(sessions.shopId, f.shopId))).limit(1),
    db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, f.orderId ?? ""), eq(orders.shopId, f.shopId), eq(orders.customerId, f.customerId))).limit(1),
    db.select({ status: leaveMessages.status }).from(leaveMessages).where(and(eq(leaveMessages.id, f.leaveMessageId ?? ""), eq(leaveMessages.shopId, f.shopId), eq(leaveMessages.customerId, f.customerId))).limit(1),
    groupQuery(db, f.shopId, f.department ?? ""),
    assigneeQuery(db, f.assigneeId ?? ""),
  ]);
  return { shopExists: shop.length > 0, sessionFound: session.length > 0, orderFound: order.length > 0, leaveStatus: leave[0]?.status ?? null, groupFound: group.length > 0, assignee: assignee[0] ?? null };
}

function groupQuery(db: Database, shopId: string, key: string) {
  return db.select({ key: skillGroups.key }).from(skillGroups).where(and(eq(skillGroups.shopId, shopId), eq(skillGroups.key, key))).limit(1);
}

function assigneeQuery(db: Database, id: string) {
  return db.select({ id: staff.id, shopId: staff.shopId, name: staff.name }).from(staff).where(and(eq(staff.id, id), isNull(staff.disabledAt))).limit(1);
}

/** Whether the shop has a skill group of this key. */
export async function groupExists(db: Database, shopId: string, key: string): Promise<boolean> {
  return (await groupQuery(db, shopId, key).all()).length > 0;
}

/** An enabled staff account by id (any shop: the caller checks which shops may take the ticket). */
export async function findEnabledStaff(db: Database, id: string): Promise<{ id: string; shopId: string; name: string } | null> {
  return (await assigneeQuery(db, id).all())[0] ?? null;
}

/**
 * Inserts the ticket with the shop's next number, its `created` event, and (with `handle`) marks
 * the left message it takes over handled, in one batch. Nothing is written unless that message
 * is still open. Returns the event's id, or null when the message was handled meanwhile.
 */
export async function insertTicket(db: Database, t: NewTicket, created: NewTicketEvent, handle: { leaveMessageId: string; by: string } | null): Promise<number | null> {
  const stillOpen = handle
    ? { sql: " WHERE EXISTS (SELECT 1 FROM leave_messages WHERE id = ? AND shop_id = ? AND customer_id = ? AND status = 'open')", params: [handle.leaveMessageId, t.shopId, t.customerId] }
    : { sql: "", params: [] };
  const insert: RawStatement = {
    // An aggregate always yields a row; the outer SELECT is what the guard can empty.
    sql: `INSERT INTO tickets (number, ${TICKET_COLUMNS.join(", ")})
          SELECT n, ${TICKET_COLUMNS.map(() => "?").join(", ")} FROM (SELECT coalesce(max(number), 0) + 1 AS n FROM tickets WHERE shop_id = ?)${stillOpen.sql}`,
    // Raw SQL: a boolean binds as 0/1, as drizzle writes it.
    params: [...TICKET_KEYS.map((k) => (typeof t[k] === "boolean" ? Number(t[k]) : (t[k] ?? null))), t.shopId, ...stillOpen.params],
  };
  const exists = { sql: "id = ?", params: [t.id] };
  const statements = [insert, appendEvent(t.id, t.shopId, created, exists)];
  if (handle) {
    statements.push({
      sql: "UPDATE leave_messages SET status = 'handled', handled_by = ?, handled_at = ? WHERE id = ? AND shop_id = ? AND status = 'open' AND EXISTS (SELECT 1 FROM tickets WHERE id = ?)",
      params: [handle.by, t.createdAt, handle.leaveMessageId, t.shopId, t.id],
    });
  }
  const results = await runBatch(db, statements);
  return results[0]!.meta.changes > 0 ? Number(results[1]!.meta.last_row_id) : null;
}

/** A ticket's row by id within `shopId` (null: any shop, for platform staff). */
export async function findTicketRow(db: Database, shopId: string | null, id: string): Promise<TicketRow | undefined> {
  return db.select().from(tickets).where(and(eq(tickets.id, id), shopId === null ? undefined : eq(tickets.shopId, shopId))).get();
}

/**
 * A ticket of this thread its shopper was told of (in their 我的工单), by id; another thread's,
 * or one opened quietly and never told, is not found.
 */
export async function findShopperTicketRow(db: Database, th: { shopId: string; customerId: string; threadId: string }, id: string): Promise<TicketRow | undefined> {
  return db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), eq(tickets.shopId, th.shopId), eq(tickets.customerId, th.customerId), eq(tickets.threadId, th.threadId), eq(tickets.shownToCustomer, true)))
    .get();
}

/** The columns an action may change. */
export type TicketChange = Partial<Pick<TicketRow, "status" | "priority" | "department" | "assigneeId" | "dueAt" | "resolvedAt" | "closedAt" | "shownToCustomer">>;

/**
 * Appends the events and applies the change (and the new `updatedAt`) in one batch, only while
 * the ticket's `updated_at` is still `readAt`. Returns the events' ids, or null when the ticket
 * changed meanwhile (nothing was written).
 */
export async function applyTicketChange(db: Database, t: Pick<TicketRow, "id" | "shopId">, readAt: number, updatedAt: number, change: TicketChange, events: NewTicketEvent[]): Promise<number[] | null> {
  const unchanged = { sql: "id = ? AND updated_at = ?", params: [t.id, readAt] };
  const results = await runBatch(db, [
    // The events first, under the same guard as the update: they see the row the update will change.
    ...events.map((e) => appendEvent(t.id, t.shopId, e, unchanged)),
    db.update(tickets).set({ ...change, updatedAt }).where(and(eq(tickets.id, t.id), eq(tickets.updatedAt, readAt))),
  ]);
  if (results.at(-1)!.meta.changes === 0) return null;
  return results.slice(0, events.length).map((r) => Number(r.meta.last_row_id));
}

/**
 * Closes at most `limit` tickets resolved before `before` (oldest resolution first), each with a
 * `status` event by `actor`, in one batch: both statements pick the same tickets (the batch is
 * one transaction). `updated_at` grows, so a change read before this one gets its conflict. The
 * pick reads the (status, due) index's `resolved` part: resolved tickets are about a week's
 * worth, however many closed ones there are. Returns how many were closed.
 */
export async function closeResolvedBefore(db: Database, before: number, now: number, actor: { id: string; name: string }, limit: number): Promise<number> {
  // Pinned to the (status, due) index: by resolved_at alone the pick would walk every closed ticket too.
  const pick = { sql: "SELECT id FROM tickets INDEXED BY tickets_status_due WHERE status = 'resolved' AND resolved_at < ? ORDER BY resolved_at, id LIMIT ?", params: [before, limit] };
  const results = await runBatch(db, [
    {
      sql: `INSERT INTO ticket_events (ticket_id, shop_id, at, actor_id, actor_name, kind, text, from_value, to_value)
            SELECT id, shop_id, ?, ?, ?, 'status', NULL, 'resolved', 'closed' FROM tickets WHERE id IN (${pick.sql}) ORDER BY resolved_at, id`,
      params: [now, actor.id, actor.name, ...pick.params],
    },
    {
      sql: `UPDATE tickets SET status = 'closed', closed_at = ?, updated_at = max(updated_at + 1, ?) WHERE id IN (${pick.sql})`,
      params: [now, now, ...pick.params],
    },
  ]);
  return results[1]!.meta.changes;
}

/**
 * Logs an `overdue` event by `actor` on at most `limit` active tickets whose due time passed in
 * [since, now), each once per due time: the event holds the due time it passed, so a priority
 * change that moves it lets the new one be recorded too. Reads the (status, due) index's three
 * active parts; `updated_at` stays, as nobody changed the ticket. Returns how many were logged.
 */
export async function logOverdueSince(db: Database, since: number, now: number, actor: { id: string; name: string }, limit: number): Promise<number> {
  const [result] = await runBatch(db, [
    {
      sql: `INSERT INTO ticket_events (ticket_id, shop_id, at, actor_id, actor_name, kind, text, from_value, to_value)
            SELECT t.id, t.shop_id, ?, ?, ?, 'overdue', NULL, NULL, CAST(t.due_at AS TEXT)
            FROM tickets t INDEXED BY tickets_status_due
            WHERE t.status IN ('open', 'in_progress', 'pending') AND t.due_at >= ? AND t.due_at < ?
              AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'overdue' AND e.to_value = CAST(t.due_at AS TEXT))
            ORDER BY t.due_at, t.id LIMIT ?`,
      params: [now, actor.id, actor.name, since, now, limit],
    },
  ]);
  return result!.meta.changes;
}
