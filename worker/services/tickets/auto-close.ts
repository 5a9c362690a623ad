/**
 * Resolved tickets close themselves: once the shopper's answer window (7 days,
 * core/domain/tickets.ts) has passed without an answer, the cron closes them with a `status`
 * event by the system. A bounded batch a run keeps each run cheap; a backlog drains over the
 * next runs (every 10 minutes). Closing what is closed already is not possible, so a run repeated
 * changes nothing.
 */
import { autoCloseBefore } from "../../../core/domain/tickets";
import { TICKET_SYSTEM_ACTOR_ID } from "../../../core/protocol/tickets";
import type { Database } from "../../db/client";
import { closeResolvedBefore } from "../../db/repos/tickets";

/** Who the log names for what the platform did on its own. */
export const TICKET_SYSTEM_ACTOR = { id: TICKET_SYSTEM_ACTOR_ID, name: "系统" } as const;

/** At most this many tickets close in one run. */
export const AUTO_CLOSE_BATCH = 500;

/** Closes up to `AUTO_CLOSE_BATCH` tickets resolved before the answer window; returns how many. */
export function autoCloseTickets(db: Database, now: number): Promise<number> {
  return closeResolvedBefore(db, autoCloseBefore(now), now, TICKET_SYSTEM_ACTOR, AUTO_CLOSE_BATCH);
}
