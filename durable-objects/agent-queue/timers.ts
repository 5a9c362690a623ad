/**
 * The queue's alarm: one alarm for three kinds of due work, whichever comes first.
 * - presence: an agent whose last console closed more than the grace period ago goes offline;
 * - SLA: a session waiting past its group's limit overflows to the fallback group, or the room
 *   offers leave-a-message;
 * - positions: coalesced pushes of queue positions (at most one a second).
 */
import { getServerByName } from "partyserver";
import type { AgentQueue } from "./queue";
import { notifyAssignments, notifyRemoved } from "./notify";

/** How long a closed console keeps its agent online (a reload, a flaky network). */
export const PRESENCE_GRACE_MS = 60_000;

export function nextDueAt(queue: AgentQueue): number | null {
  const e = queue.engine;
  const times: number[] = [];
  for (const a of e.agents.values()) if (!a.connected && a.disconnectedAt !== null && a.status !== "offline") times.push(a.disconnectedAt + PRESENCE_GRACE_MS);
  for (const w of e.waiting.values()) if (!w.overflowed) times.push(w.enqueuedAt + (e.groups.get(w.groupKey)?.maxWaitSec ?? 120) * 1000);
  const positions = queue.store.getMeta("positions_due");
  if (positions !== null && e.waiting.size > 0) times.push(Number(positions));
  return times.length ? Math.min(...times) : null;
}

export async function runDueWork(queue: AgentQueue, now: number): Promise<void> {
  const e = queue.engine;
  for (const a of [...e.agents.values()]) {
    if (a.connected || a.disconnectedAt === null || a.status === "offline" || a.disconnectedAt + PRESENCE_GRACE_MS > now) continue;
    const { requeued, assignments } = e.dropAgent(a.id, now);
    queue.persist();
    for (const s of requeued) notifyRemoved(queue, a.id, s.sessionId, "agent_offline");
    for (const s of requeued) {
      const stillWaiting = e.waiting.has(s.sessionId);
      if (stillWaiting) await (await getServerByName(queue.bindings.ConversationRoom, s.threadId)).onRequeued({ sessionId: s.sessionId, reason: "agent_offline" }).catch(() => undefined);
    }
    await notifyAssignments(queue, assignments);
  }
  for (const w of e.overdue(now)) {
    const { movedTo, assignments } = e.overflow(w, now);
    queue.persist();
    if (!assignments.some((a) => a.session.sessionId === w.sessionId)) {
      await (await getServerByName(queue.bindings.ConversationRoom, w.threadId)).onOverflow({ sessionId: w.sessionId, movedTo }).catch(() => undefined);
    }
    await notifyAssignments(queue, assignments);
  }
  const due = queue.store.getMeta("positions_due");
  if (due !== null && Number(due) <= now) {
    queue.store.deleteMeta("positions_due");
    await queue.flushPositions();
  }
  queue.persist();
}
