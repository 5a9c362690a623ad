/**
 * 工单 past their due time are recorded in their logs: the cron writes one `overdue` event by the
 * system per ticket and due time, so the log says when the promise was broken and who held the
 * ticket then, and the assignee's badge turns red and tells them (core/domain/ticket-news.ts).
 * Bounded a run like the auto-close; a backlog drains over the next runs.
 */
import { OVERDUE_LOOKBACK_MS } from "../../../core/domain/tickets";
import type { Database } from "../../db/client";
import { logOverdueSince } from "../../db/repos/tickets";
import { TICKET_SYSTEM_ACTOR } from "./auto-close";

/** At most this many tickets are recorded overdue in one run. */
export const OVERDUE_BATCH = 500;

/** Records the tickets that fell due since the lookback; returns how many. */
export function recordOverdueTickets(db: Database, now: number): Promise<number> {
  return logOverdueSince(db, now - OVERDUE_LOOKBACK_MS, now, TICKET_SYSTEM_ACTOR, OVERDUE_BATCH);
}
