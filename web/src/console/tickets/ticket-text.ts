/**
 * Words of the 工单 page that come from data: statuses, priorities, categories, departments, who
 * holds a ticket and how its due time stands, in the UI language.
 */
import { ticketActorRole } from "../../../../core/domain/tickets";
import type { Ticket, TicketActorRole, TicketCategory, TicketEvent, TicketPriority, TicketStatus } from "../../../../core/protocol/tickets";
import { formatTime, t } from "../../common/i18n";
import { departmentName, type TicketDirectory } from "../../models/ticket-directory";

export const statusName = (s: TicketStatus): string => t(`tickets.status.${s}`);
export const priorityName = (p: TicketPriority): string => t(`tickets.priority.${p}`);
export const categoryText = (c: TicketCategory): string => t(`tickets.category.${c}`);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A span as people say it: minutes under an hour, hours under two days, then days. */
export function spanText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return t("tickets.span.minutes", { n: Math.max(1, Math.round(abs / MINUTE)) });
  if (abs < 48 * HOUR) return t("tickets.span.hours", { n: Math.round(abs / HOUR) });
  return t("tickets.span.days", { n: Math.round(abs / (24 * HOUR)) });
}

/** How the due time stands: due in…, overdue by…, or when it was resolved or closed. */
export function dueText(ticket: Ticket, now = Date.now()): string {
  if (ticket.status === "closed" && ticket.closedAt) return t("tickets.closedAt", { time: formatTime(ticket.closedAt, now) });
  if (ticket.status === "resolved" && ticket.resolvedAt) return t("tickets.resolvedAt", { time: formatTime(ticket.resolvedAt, now) });
  return ticket.overdue || ticket.dueAt < now ? t("tickets.overdueBy", { span: spanText(now - ticket.dueAt) }) : t("tickets.dueIn", { span: spanText(ticket.dueAt - now) });
}

/** Whether the due time has passed on a ticket still being worked on. */
export function isLate(ticket: Ticket, now = Date.now()): boolean {
  return ticket.overdue || (ticket.status !== "resolved" && ticket.status !== "closed" && ticket.dueAt < now);
}

export function ticketDepartment(ticket: Ticket): string {
  return ticket.department ? departmentName(ticket.department) : t("tickets.noDepartment");
}

/** A department key of the log as its name (the directory knows it), or the key itself. */
function deptByKey(key: string | null, dir: TicketDirectory | null): string {
  if (!key) return t("tickets.nobody");
  const g = dir?.groups.find((x) => x.key === key);
  return g ? departmentName(g) : key;
}

/** Who acted on a log entry: staff, the shopper answering a resolution, or the system. */
export function eventActor(e: TicketEvent, customerId: string): TicketActorRole {
  return ticketActorRole({ kind: e.kind, actorId: e.actor.id }, customerId);
}

/** The shopper's answer to a resolution: solved (closed), or not (open again) with their reason. */
function customerAnswerText(e: TicketEvent): string {
  if (e.to === "closed") return t("tickets.event.customerSolved");
  return e.text ? t("tickets.event.customerUnsolvedWhy", { reason: e.text }) : t("tickets.event.customerUnsolved");
}

/** One line of the log: who did what, with a change's before and after. */
export function eventText(e: TicketEvent, dir: TicketDirectory | null, customerId: string): string {
  const actor = eventActor(e, customerId);
  if (actor === "customer") return customerAnswerText(e);
  const who = actor === "system" ? t("tickets.actor.system") : e.actor.name;
  switch (e.kind) {
    case "status":
      return t("tickets.event.status", { who, from: e.from ? statusName(e.from as TicketStatus) : t("tickets.nobody"), to: e.to ? statusName(e.to as TicketStatus) : t("tickets.nobody") });
    case "priority":
      return t("tickets.event.priority", { who, from: e.from ? priorityName(e.from as TicketPriority) : t("tickets.nobody"), to: e.to ? priorityName(e.to as TicketPriority) : t("tickets.nobody") });
    case "assign":
      return t("tickets.event.assign", { who, from: e.fromName ?? e.from ?? t("tickets.unassigned"), to: e.toName ?? e.to ?? t("tickets.unassigned") });
    case "department":
      return t("tickets.event.department", { who, from: deptByKey(e.from, dir), to: deptByKey(e.to, dir) });
    case "overdue":
      // The due time it passed (a priority change since may have moved the ticket's own).
      return t("tickets.event.overdue", { who, due: e.to ? formatTime(Number(e.to)) : "" });
    default:
      return t(`tickets.event.${e.kind}`, { who });
  }
}
