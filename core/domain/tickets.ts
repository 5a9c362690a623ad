/**
 * 工单 rules: which status changes are allowed, when a ticket falls due, and what counts as
 * active or overdue. Pure: the worker's ticket service stores and notifies.
 *
 * open (待处理) → in_progress (处理中) ⇄ pending (等待中: on the shopper or another party) →
 * resolved (已解决) → closed (已关闭). A resolved ticket may be reopened; a closed one is final.
 * The due time is the creation time plus the priority's SLA, recomputed from creation when the
 * priority changes; the clock does not stop while pending (the shopper waiting is still waiting).
 * For 7 days after a resolution the shopper may answer it (solved: closed; not solved: open
 * again); after that it closes itself.
 */
import { TICKET_SYSTEM_ACTOR_ID, type ShopperAnswer, type TicketActorRole, type TicketEventKind, type TicketPriority, type TicketStatus } from "../protocol/tickets";
import { fieldError, type DomainError } from "./errors";

const HOUR = 60 * 60 * 1000;

/** How long each priority may take to resolution. */
export const TICKET_SLA_MS: Record<TicketPriority, number> = {
  urgent: 4 * HOUR,
  high: 24 * HOUR,
  normal: 48 * HOUR,
  low: 72 * HOUR,
};

/** Where each status may go next. */
const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ["in_progress", "pending", "resolved", "closed"],
  in_progress: ["open", "pending", "resolved", "closed"],
  pending: ["in_progress", "open", "resolved", "closed"],
  resolved: ["open", "closed"],
  closed: [],
};

export const ACTIVE_TICKET_STATUSES: readonly TicketStatus[] = ["open", "in_progress", "pending"];

export function isActiveTicket(status: TicketStatus): boolean {
  return ACTIVE_TICKET_STATUSES.includes(status);
}

export function ticketDueAt(createdAt: number, priority: TicketPriority): number {
  return createdAt + TICKET_SLA_MS[priority];
}

export function isOverdue(t: { status: TicketStatus; dueAt: number }, now: number): boolean {
  return isActiveTicket(t.status) && now > t.dueAt;
}

/**
 * How far back the cron looks for tickets that fell due: it runs every 10 minutes, so a day
 * covers any outage worth naming; a ticket overdue for longer was overdue before anyone could
 * have been told, and its list already shows it late.
 */
export const OVERDUE_LOOKBACK_MS = 24 * HOUR;

/**
 * Who acted on a log entry. The shopper acts only by answering a resolution, logged as a `status`
 * event with their customer id as the actor (no marker column: only a customer whose id were a
 * staff id of their shop could be mistaken); the system closes resolutions nobody answered and
 * records due times passing.
 */
export function ticketActorRole(e: { kind: TicketEventKind; actorId: string }, customerId: string): TicketActorRole {
  if (e.kind === "status" && e.actorId === customerId) return "customer";
  return e.actorId === TICKET_SYSTEM_ACTOR_ID ? "system" : "staff";
}

/** Why `from → to` is refused, or null when allowed. */
export function statusChangeRefusal(from: TicketStatus, to: TicketStatus): DomainError | null {
  if (from === to) return fieldError("conflict", "status", `the ticket is already ${to}`);
  if (from === "closed") return fieldError("conflict", "status", "a closed ticket cannot change; open a new one");
  if (!NEXT[from].includes(to)) return fieldError("conflict", "status", `a ${from} ticket cannot become ${to}`);
  return null;
}

/** What a status change stamps: resolution and closing times; reopening clears them. */
export function statusStamps(to: TicketStatus, now: number, prev: { resolvedAt: number | null; closedAt: number | null }): { resolvedAt: number | null; closedAt: number | null } {
  if (to === "resolved") return { resolvedAt: now, closedAt: null };
  if (to === "closed") return { resolvedAt: prev.resolvedAt ?? now, closedAt: now };
  return { resolvedAt: null, closedAt: null };
}

/**
 * A taken ticket that is still only `open` moves to `in_progress` when someone is assigned; one
 * `in_progress` that loses its assignee (unassigned, or handed to another department) is nobody's
 * work any more and goes back to `open`, where the department's unassigned list shows it.
 */
export function statusOnAssign(status: TicketStatus, assigneeId: string | null): TicketStatus {
  if (assigneeId !== null) return status === "open" ? "in_progress" : status;
  return status === "in_progress" ? "open" : status;
}

/**
 * How long after its resolution the shopper may answer a ticket ("is your problem solved?"), and
 * after which the cron closes it: one constant, so a ticket never closes while it may be answered.
 */
export const TICKET_ANSWER_WINDOW_MS = 7 * 24 * HOUR;

/** The status the shopper's answer sets: solved closes the ticket, not solved reopens it. */
export function answerStatus(answer: ShopperAnswer): TicketStatus {
  return answer === "solved" ? "closed" : "open";
}

/** Why the shopper may not answer the ticket now (naming `answer`), or null when they may. */
export function answerRefusal(t: { status: TicketStatus; resolvedAt: number | null }, now: number): DomainError | null {
  if (t.status !== "resolved") return fieldError("conflict", "answer", `only a resolved ticket can be answered; this one is ${t.status}`);
  if (t.resolvedAt === null || now > t.resolvedAt + TICKET_ANSWER_WINDOW_MS) {
    return fieldError("conflict", "answer", "the time to answer this resolution has passed (7 days): ask in the chat and staff will reopen it");
  }
  return null;
}

/** Whether the shopper may still answer the ticket's resolution (the widget shows its buttons). */
export function mayAnswer(t: { status: TicketStatus; resolvedAt: number | null }, now: number): boolean {
  return answerRefusal(t, now) === null;
}

/** Resolved tickets whose resolution is older than this close themselves (the cron). */
export function autoCloseBefore(now: number): number {
  return now - TICKET_ANSWER_WINDOW_MS;
}

/** `#12`, `12` → 12; anything else null (then the search matches text only). */
export function ticketNumberOf(q: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}
