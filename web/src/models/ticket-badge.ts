/**
 * The 工单 nav item's badge: how many active tickets are assigned to me and how many of them are
 * overdue (`GET /api/tickets?assignee=me`, its counts), asked once a minute and after each of my
 * own ticket actions. What changed among mine since the previous answer, other than by my own
 * hand (core/domain/ticket-news.ts: given to me, reopened by the shopper, overdue), `onNews` tells.
 */
import { createModel, effect, signal, untracked } from "@preact/signals";
import { sightingOf, ticketNews, type TicketNews, type TicketSighting } from "../../../core/domain/ticket-news";
import type { TicketPage } from "../../../core/protocol/tickets";
import type { ApiClient } from "../common/api";

const POLL_MS = 60_000;

export interface TicketBadgeOptions {
  api: ApiClient;
  /** A ticket of mine that is news to me. */
  onNews: (news: TicketNews) => void;
}

export const TicketBadgeModel = createModel((opts: TicketBadgeOptions) => {
  const active = signal(0);
  const overdue = signal(0);
  /** The previous answer's tickets (its first page, the most urgent); null before the first. */
  let known: TicketSighting | null = null;
  /** Tickets I acted on since they were last asked about: theirs is no news to me. */
  const actedOn = new Set<string>();
  let generation = 0;

  async function poll() {
    const mine = ++generation;
    const quiet = new Set(actedOn);
    try {
      const page = await opts.api.get<TicketPage>("/tickets?assignee=me");
      if (mine !== generation) return;
      const c = page.counts;
      active.value = c.open + c.in_progress + c.pending;
      overdue.value = c.overdue;
      for (const news of ticketNews(known, page.tickets, quiet)) opts.onNews(news);
      known = sightingOf(page.tickets);
      for (const id of quiet) actedOn.delete(id);
    } catch {
      // The badge keeps its last numbers; the next minute asks again.
    }
  }

  effect(() => {
    void untracked(poll);
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => clearInterval(timer);
  });

  return {
    active,
    overdue,
    /** Asks again now, after I did something to this ticket (created, assigned, changed it). */
    refresh(ticketId?: string) {
      if (ticketId) actedOn.add(ticketId);
      void poll();
    },
  };
});
export type TicketBadgeModel = InstanceType<typeof TicketBadgeModel>;
