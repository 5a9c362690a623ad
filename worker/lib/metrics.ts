/**
 * Analytics Engine: one data point per session or ticket event, written when it happens. Locally the
 * binding accepts writes and keeps nothing; dashboards read D1 there.
 */
import type { SessionState } from "../../core/domain/session";

/**
 * Writes `session.<event>` with the session's shop, channel and agent; never throws. Doubles: the
 * time, first response and duration (ms from opening), and the satisfaction score (0 until rated).
 */
export function writeSessionEvent(metrics: AnalyticsEngineDataset | undefined, event: string, shopId: string, s: SessionState, now: number): void {
  try {
    metrics?.writeDataPoint({
      indexes: [shopId],
      blobs: [`session.${event}`, shopId, s.id, s.channel, s.agentId ?? "", s.groupId ?? "", s.entry?.type ?? ""],
      doubles: [now, s.firstResponseAt ? s.firstResponseAt - s.openedAt : 0, s.resolvedAt ? s.resolvedAt - s.openedAt : 0, s.rating ?? 0],
    });
  } catch {
    // Metrics must never break a conversation.
  }
}

/**
 * Writes `ticket.created` or `ticket.resolved` (named like the session events) with the ticket's
 * shop, category, priority and department; never throws. Doubles: the time, and for a resolution
 * how long it took from creation.
 */
export function writeTicketEvent(metrics: AnalyticsEngineDataset | undefined, event: "created" | "resolved", t: { id: string; shopId: string; category: string; priority: string; department: string | null; createdAt: number }, now: number): void {
  try {
    metrics?.writeDataPoint({
      indexes: [t.shopId],
      blobs: [`ticket.${event}`, t.shopId, t.id, t.category, t.priority, t.department ?? ""],
      doubles: [now, event === "resolved" ? now - t.createdAt : 0],
    });
  } catch {
    // Metrics must never break a ticket.
  }
}
