/**
 * One change to a ticket (`POST /api/tickets/:id/actions`): the pure rules decide, then one batch
 * appends the change's event and updates the ticket, guarded by the `updated_at` it read (a
 * concurrent change makes this one a conflict, never a lost update). An assignment that moves
 * the status (open → in progress, or back to open when the assignee leaves) records that as a
 * second `status` event in the same batch. A resolution whose note the shopper is told records
 * that note as a `reply` after the `status` event: the log itself says what the shopper was sent
 * (`GET /api/threads/:id/tickets` shows replies, never a status change's note). A closed ticket
 * takes comments only.
 */
import { DomainError, fieldError } from "../../../core/domain/errors";
import { statusChangeRefusal, statusOnAssign, statusStamps, ticketDueAt } from "../../../core/domain/tickets";
import type { TicketAction, TicketDetail, TicketStatus } from "../../../core/protocol/tickets";
import type { Database } from "../../db/client";
import { applyTicketChange, findEnabledStaff, findTicketRow, groupExists, type NewTicketEvent, type TicketChange, type TicketRow } from "../../db/repos/tickets";
import { writeTicketEvent } from "../../lib/metrics";
import type { Identity, StaffIdentity } from "../identity";
import { postTicketNotice, type TicketEnv } from "./notify";
import { getTicket } from "./read";
import { mayBeAssigned, ticketShopScope, ticketStaff } from "./scope";

interface Plan {
  change: TicketChange;
  events: NewTicketEvent[];
}

type Event = Omit<NewTicketEvent, "at" | "actorId" | "actorName">;
const statusEvent = (from: string, to: TicketStatus): Event => ({ kind: "status", text: null, fromValue: from, toValue: to });

/** The change and its events, or the refusal (naming the field) that leaves the ticket as it is. */
async function plan(db: Database, t: TicketRow, a: TicketAction, now: number): Promise<{ change: TicketChange; events: Event[] }> {
  if (a.type === "comment") return { change: a.toCustomer ? { shownToCustomer: true } : {}, events: [{ kind: a.toCustomer ? "reply" : "comment", text: a.text, fromValue: null, toValue: null }] };
  const from = t.status as TicketStatus;
  if (from === "closed") throw fieldError("conflict", a.type === "assign" ? "assigneeId" : a.type, "a closed ticket cannot change; open a new one");
  if (a.type === "status") {
    const refusal = statusChangeRefusal(from, a.status);
    if (refusal) throw refusal;
    const told = a.status === "resolved" && a.notifyCustomer;
    const change = { status: a.status, ...statusStamps(a.status, now, t), ...(told ? { shownToCustomer: true } : {}) };
    // A resolution's note the shopper is told is a reply to them (shown in 我的工单); any other note stays internal.
    if (told && a.note) return { change, events: [statusEvent(from, a.status), { kind: "reply", text: a.note, fromValue: null, toValue: null }] };
    return { change, events: [{ ...statusEvent(from, a.status), text: a.note || null }] };
  }
  if (a.type === "priority") {
    if (a.priority === t.priority) throw fieldError("conflict", "priority", `the ticket is already ${a.priority}`);
    return { change: { priority: a.priority, dueAt: ticketDueAt(t.createdAt, a.priority) }, events: [{ kind: "priority", text: null, fromValue: t.priority, toValue: a.priority }] };
  }
  if (a.type === "assign") {
    if (a.assigneeId === t.assigneeId) throw fieldError("conflict", "assigneeId", a.assigneeId === null ? "the ticket is unassigned already" : "the ticket is assigned to them already");
    if (a.assigneeId !== null) {
      const why = mayBeAssigned(await findEnabledStaff(db, a.assigneeId), t.shopId);
      if (why) throw fieldError("invalid_input", "assigneeId", why);
    }
    return withStatus({ assigneeId: a.assigneeId }, { kind: "assign", text: null, fromValue: t.assigneeId, toValue: a.assigneeId }, from, statusOnAssign(from, a.assigneeId));
  }
  if (a.department === t.department) throw fieldError("conflict", "department", a.department === null ? "the ticket has no department already" : `the ticket is with ${a.department} already`);
  if (a.department !== null && !(await groupExists(db, t.shopId, a.department))) throw fieldError("invalid_input", "department", "is not a skill group of this shop");
  // The new department decides who takes it: the assignee is left behind.
  return withStatus({ department: a.department, assigneeId: null }, { kind: "department", text: a.note || null, fromValue: t.department, toValue: a.department }, from, statusOnAssign(from, null));
}

function withStatus(change: TicketChange, event: Event, from: TicketStatus, to: TicketStatus): { change: TicketChange; events: Event[] } {
  return from === to ? { change, events: [event] } : { change: { ...change, status: to }, events: [event, statusEvent(from, to)] };
}

/** Applies one action to a ticket the caller may see; tells the shopper of replies and resolutions. */
export async function actOnTicket(env: TicketEnv, db: Database, identity: Identity, id: string, action: TicketAction, now: number): Promise<TicketDetail> {
  const staff = ticketStaff(identity);
  const t = await findTicketRow(db, ticketShopScope(staff), id);
  if (!t) throw new DomainError("not_found", "no such ticket");
  const p = await plan(db, t, action, now);
  const full: Plan = { change: p.change, events: p.events.map((e) => ({ ...e, at: now, actorId: staff.staffId, actorName: staff.name })) };
  // updated_at only grows, even within one millisecond: it is the guard of the next change.
  const ids = await applyTicketChange(db, t, t.updatedAt, Math.max(now, t.updatedAt + 1), full.change, full.events);
  if (!ids) throw new DomainError("conflict", "the ticket changed meanwhile: reload it and try again");
  const detail = await getTicket(db, staff, id, now);
  await tell(env, db, t, action, ids[0]!, detail, now);
  return detail;
}

async function tell(env: TicketEnv, db: Database, t: TicketRow, a: TicketAction, eventId: number, detail: TicketDetail, now: number): Promise<void> {
  const number = String(detail.ticket.number);
  if (a.type === "comment" && a.toCustomer) await postTicketNotice(env, db, t, eventId, "ticket.reply", { number, text: a.text });
  if (a.type === "status" && a.status === "resolved") {
    writeTicketEvent(env.METRICS, "resolved", t, now);
    if (a.notifyCustomer) await postTicketNotice(env, db, t, eventId, "ticket.resolved", { number, title: t.title, note: a.note });
  }
}
