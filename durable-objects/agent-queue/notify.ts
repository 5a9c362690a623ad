/**
 * What the queue tells others: rooms (assignment, position, overflow, transfer) by awaited RPC,
 * agents' consoles (their new assignments, and a snapshot of the queue) by socket.
 */
import { getServerByName, type Connection } from "partyserver";
import type { QueueEvent, QueueSnapshot } from "../../core/protocol";
import { positionsByGroup } from "../../core/domain/assignment";
import { agentTag, type QueueConnectionState } from "./connection-state";
import type { Assignment } from "../../core/domain/assignment";
import type { AgentQueue } from "./queue";

function room(queue: AgentQueue, threadId: string) {
  return getServerByName(queue.bindings.ConversationRoom, threadId);
}

function send(conn: Connection, event: QueueEvent): void {
  try {
    conn.send(JSON.stringify(event));
  } catch {
    // closing socket; the console resyncs from the next snapshot
  }
}

/** Sends each assigned agent the news, and each room its agent (but the one that asked: it has the answer). */
export async function notifyAssignments(queue: AgentQueue, assignments: Assignment[], exceptSessionId?: string, note?: string): Promise<void> {
  for (const a of assignments) {
    const event: QueueEvent = {
      type: "assignment.created", sessionId: a.session.sessionId, threadId: a.session.threadId, customerName: a.session.customerName,
      groupKey: a.session.groupKey, via: a.via, ...(note ? { note } : {}),
    };
    for (const conn of queue.getConnections(agentTag(a.session.agentId))) send(conn, event);
    queue.pushed.delete(a.session.sessionId);
  }
  await Promise.all(
    assignments
      .filter((a) => a.session.sessionId !== exceptSessionId)
      .map(async (a) => {
        const agent = queue.engine.agents.get(a.session.agentId);
        try {
          await (await room(queue, a.session.threadId)).onAssigned({ sessionId: a.session.sessionId, agentId: a.session.agentId, agentName: agent?.name ?? "", via: a.via });
        } catch (err) {
          console.error("room assignment notice failed", a.session.threadId, (err as Error).message);
        }
      }),
  );
}

/** Tells an agent's consoles a session is no longer theirs (closed, transferred, requeued). */
export function notifyRemoved(queue: AgentQueue, agentId: string, sessionId: string, reason: string): void {
  for (const conn of queue.getConnections(agentTag(agentId))) send(conn, { type: "assignment.removed", sessionId, reason });
}

/** Pushes each waiting shopper's position and estimated wait when it changed since the last push. */
export async function pushPositions(queue: AgentQueue): Promise<void> {
  const positions = positionsByGroup([...queue.engine.waiting.values()]);
  const updates: Promise<unknown>[] = [];
  for (const w of queue.engine.waiting.values()) {
    const pos = queue.engine.positionOf(w.sessionId, positions);
    if (!pos) continue;
    const last = queue.pushed.get(w.sessionId);
    if (last && last.position === pos.position && last.etaSec === pos.etaSec) continue;
    queue.pushed.set(w.sessionId, pos);
    updates.push(room(queue, w.threadId).then((r) => r.onQueueUpdate({ sessionId: w.sessionId, ...pos })).catch(() => queue.pushed.delete(w.sessionId)));
  }
  await Promise.all(updates);
}

/** The queue as one agent's console shows it. */
export function snapshotFor(queue: AgentQueue, staffId: string | null): QueueSnapshot {
  const e = queue.engine;
  const positions = positionsByGroup([...e.waiting.values()]);
  const agents = [...e.agents.values()].map((a) => ({
    id: a.id, name: a.name, status: a.status, connected: a.connected, load: a.load, capacity: a.capacity, seniority: a.seniority, groups: [...a.groups],
  }));
  return {
    type: "queue.snapshot",
    shopId: queue.name,
    me: agents.find((a) => a.id === staffId) ?? null,
    agents,
    waiting: [...e.waiting.values()]
      .map((w) => ({
        sessionId: w.sessionId, threadId: w.threadId, customerId: w.customerId, customerName: w.customerName, level: w.level, groupKey: w.groupKey,
        priority: w.priority, enqueuedAt: w.enqueuedAt, position: positions.get(w.sessionId) ?? 0, overflowed: w.overflowed, preview: w.preview,
      }))
      .sort((a, b) => b.priority - a.priority || a.enqueuedAt - b.enqueuedAt)
      .slice(0, 200),
    active: [...e.active.values()].map((a) => ({ sessionId: a.sessionId, threadId: a.threadId, agentId: a.agentId, groupKey: a.groupKey, customerName: a.customerName, assignedAt: a.assignedAt })),
    groups: [...e.groups.values()].map((g) => ({
      key: g.key, name: g.name, nameEn: g.nameEn, policy: g.policy,
      online: agents.filter((a) => a.status === "online" && a.groups.includes(g.key)).length,
      waiting: [...e.waiting.values()].filter((w) => w.groupKey === g.key).length,
    })),
  };
}

export function sendSnapshot(queue: AgentQueue, conn: Connection<QueueConnectionState>): void {
  send(conn, snapshotFor(queue, conn.state?.staffId ?? null));
}

/** Every console gets a fresh snapshot. */
export function broadcastSnapshot(queue: AgentQueue): void {
  for (const conn of queue.getConnections<QueueConnectionState>()) sendSnapshot(queue, conn);
}
