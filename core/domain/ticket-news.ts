/**
 * What is news to a staff member in their own active tickets since they last looked (the 工单
 * badge's poll): a ticket someone else gave them, one the shopper reopened by saying it is not
 * solved, and one of theirs whose due time passed. Pure: the console's badge model asks, this
 * answers which toasts to show.
 */
import type { Ticket } from "../protocol/tickets";

export type TicketNewsKind = "assigned" | "reopened" | "overdue";
export interface TicketNews {
  kind: TicketNewsKind;
  ticket: Ticket;
}

/** What the previous look saw: each ticket's id and whether it was overdue then. */
export type TicketSighting = ReadonlyMap<string, boolean>;

export function sightingOf(tickets: readonly Ticket[]): TicketSighting {
  return new Map(tickets.map((t) => [t.id, t.overdue]));
}

/**
 * The news in `current` against `previous` (null: the first look, which only learns what is
 * there). `quiet`: tickets the staff member acted on themself since, which are no news to them.
 * A ticket new to the list is theirs either because the shopper reopened it (the newest log entry
 * is the shopper's) or because someone gave it to them; one already listed is news once, when it
 * turns overdue. A ticket new to the list and overdue already is told of once, as what brought it.
 */
export function ticketNews(previous: TicketSighting | null, current: readonly Ticket[], quiet: ReadonlySet<string>): TicketNews[] {
  if (!previous) return [];
  const news: TicketNews[] = [];
  for (const ticket of current) {
    if (quiet.has(ticket.id)) continue;
    const seen = previous.get(ticket.id);
    if (seen === undefined) news.push({ kind: ticket.latest?.by === "customer" ? "reopened" : "assigned", ticket });
    else if (!seen && ticket.overdue) news.push({ kind: "overdue", ticket });
  }
  return news;
}
