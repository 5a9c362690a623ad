/**
 * The queue's state and decisions, in memory and free of bindings: the AgentQueue object loads
 * it from its SQLite, runs an operation, and writes back what changed (`takeChanges`). The
 * queue benchmark drives this same class in Node, where clocks advance during synchronous code.
 */
import { DomainError } from "../errors";
import { pickAgent, type AgentStatus, type AssignmentPolicy } from "./pick-agent";
import { compareWaiting, estimateWaitSec, ewma, positionsByGroup } from "./waiting-list";
import type { ActiveState, AgentState, Assignment, Changes, GroupConfig, WaitingState } from "./queue-state";

export type { ActiveState, AgentState, Assignment, Changes, GroupConfig, WaitingState } from "./queue-state";

const DEFAULT_HANDLE_SEC = 180;

export class QueueEngine {
  readonly agents = new Map<string, AgentState>();
  readonly groups = new Map<string, GroupConfig>();
  readonly waiting = new Map<string, WaitingState>();
  readonly active = new Map<string, ActiveState>();
  avgHandleSec = DEFAULT_HANDLE_SEC;
  private changes: Changes = { agents: new Set(), waiting: new Set(), active: new Set() };

  /** What changed since the last call; the object persists exactly these keys. */
  takeChanges(): Changes {
    const c = this.changes;
    this.changes = { agents: new Set(), waiting: new Set(), active: new Set() };
    return c;
  }

  /** Records that an agent changed outside an operation (directory reload, presence). */
  markAgent(agentId: string): void {
    this.changes.agents.add(agentId);
  }

  policyOf(groupKey: string): AssignmentPolicy {
    return this.groups.get(groupKey)?.policy ?? "least_loaded";
  }

  /** Adds a session to the waiting list and assigns whatever can be assigned. */
  enqueue(entry: WaitingState, now: number): Assignment[] {
    if (this.active.has(entry.sessionId)) return [];
    this.waiting.set(entry.sessionId, entry);
    this.changes.waiting.add(entry.sessionId);
    return this.drain(now);
  }

  /** Assigns waiting sessions in queue order while agents have room. */
  drain(now: number): Assignment[] {
    const out: Assignment[] = [];
    const candidates = [...this.agents.values()];
    const blocked = new Set<string>();
    for (const w of [...this.waiting.values()].sort(compareWaiting)) {
      const key = `${w.groupKey}|${w.seniorOnly}`;
      const special = w.stickyAgentId || w.avoidAgentId;
      if (!special && blocked.has(key)) continue;
      const pool = w.avoidAgentId ? candidates.filter((a) => a.id !== w.avoidAgentId) : candidates;
      const agent = pickAgent(pool, w, this.policyOf(w.groupKey), now);
      if (!agent) {
        if (!special) blocked.add(key);
        continue;
      }
      out.push(this.assign(w, agent.id, "auto", now));
    }
    return out;
  }

  /** An agent takes a waiting session by hand. */
  pick(agentId: string, sessionId: string, now: number): Assignment {
    const w = this.waiting.get(sessionId);
    if (!w) throw new DomainError("conflict", "this session is no longer waiting");
    const agent = this.requireAgent(agentId);
    if (agent.load >= agent.capacity) throw new DomainError("conflict", `you already have ${agent.load} of ${agent.capacity} chats`);
    return this.assign(w, agentId, "pick", now);
  }

  /**
   * A staff member answered a session directly: they take it, even over capacity. A session the
   * queue never saw (the bot still held it) is entered from `entry` first.
   */
  claim(agentId: string, sessionId: string, now: number, entry?: WaitingState): Assignment | null {
    const w = this.waiting.get(sessionId) ?? (entry && !this.active.has(sessionId) ? entry : undefined);
    if (!w || !this.agents.has(agentId)) return null;
    return this.assign(w, agentId, "claim", now);
  }

  /** Moves an assigned session to another agent or back to the waiting list of another group. */
  transfer(sessionId: string, to: { agentId?: string; groupKey?: string }, now: number): { assignment: Assignment | null; from: ActiveState } {
    const current = this.active.get(sessionId);
    if (!current) throw new DomainError("conflict", "this session is not assigned");
    if (to.agentId) {
      const target = this.requireAgent(to.agentId);
      if (target.status === "offline") throw new DomainError("conflict", `${target.name} is offline`);
      if (target.id === current.agentId) throw new DomainError("invalid_input", "toAgentId: the session is already theirs");
    } else if (!to.groupKey || !this.groups.has(to.groupKey)) {
      throw new DomainError("invalid_input", "toAgentId or toGroupKey (a known group) is required");
    }
    this.releaseActive(current);
    const entry = { ...requeued(current, to.groupKey ?? current.groupKey, now), avoidAgentId: current.agentId };
    if (to.agentId) return { assignment: this.assign(entry, to.agentId, "transfer", now), from: current };
    this.waiting.set(sessionId, entry);
    this.changes.waiting.add(sessionId);
    const assigned = this.drain(now).find((a) => a.session.sessionId === sessionId) ?? null;
    return { assignment: assigned ? { ...assigned, via: "transfer" } : null, from: current };
  }

  /** The session ended (resolved, closed or abandoned): free the seat or leave the list. */
  release(sessionId: string, now: number): { wasWaiting: boolean; assignments: Assignment[] } {
    const w = this.waiting.get(sessionId);
    if (w) {
      this.waiting.delete(sessionId);
      this.changes.waiting.add(sessionId);
      return { wasWaiting: true, assignments: [] };
    }
    const a = this.active.get(sessionId);
    if (a) {
      this.avgHandleSec = ewma(this.avgHandleSec, (now - a.assignedAt) / 1000);
      this.releaseActive(a);
    }
    return { wasWaiting: false, assignments: this.drain(now) };
  }

  setStatus(agentId: string, status: AgentStatus, now: number): Assignment[] {
    const agent = this.requireAgent(agentId);
    agent.status = status;
    this.changes.agents.add(agentId);
    return status === "online" ? this.drain(now) : [];
  }

  /**
   * An agent gone for good: offline, and their chats requeued at top priority where the group says
   * so, or all of them when the account was disabled (`everyChat`: nobody is coming back for them).
   */
  dropAgent(agentId: string, now: number, everyChat = false): { requeued: ActiveState[]; assignments: Assignment[] } {
    const agent = this.agents.get(agentId);
    if (!agent) return { requeued: [], assignments: [] };
    agent.status = "offline";
    this.changes.agents.add(agentId);
    const moved = [...this.active.values()].filter((a) => a.agentId === agentId && (everyChat || this.groups.get(a.groupKey)?.onAgentOffline !== "keep"));
    for (const a of moved) {
      this.releaseActive(a);
      this.waiting.set(a.sessionId, requeued(a, a.groupKey, a.assignedAt));
      this.changes.waiting.add(a.sessionId);
    }
    return { requeued: moved, assignments: this.drain(now) };
  }

  /** Queue position and estimated wait of a waiting session. */
  positionOf(sessionId: string, positions = positionsByGroup([...this.waiting.values()])): { position: number; etaSec: number } | null {
    const w = this.waiting.get(sessionId);
    const position = positions.get(sessionId);
    if (!w || position === undefined) return null;
    const servers = [...this.agents.values()].filter((a) => a.status === "online" && a.groups.includes(w.groupKey)).reduce((n, a) => n + a.capacity, 0);
    return { position, etaSec: estimateWaitSec(position, servers, this.avgHandleSec) };
  }

  /** Waiting sessions past their group's limit that have not overflowed yet. */
  overdue(now: number): WaitingState[] {
    return [...this.waiting.values()].filter((w) => !w.overflowed && now - w.enqueuedAt >= (this.groups.get(w.groupKey)?.maxWaitSec ?? 120) * 1000);
  }

  /** Moves an overdue session to its group's fallback (if anyone there is online) or marks it overflowed. */
  overflow(w: WaitingState, now: number): { movedTo: string | null; assignments: Assignment[] } {
    const fallback = this.groups.get(w.groupKey)?.fallbackKey ?? null;
    const anyoneThere = fallback !== null && [...this.agents.values()].some((a) => a.status === "online" && a.groups.includes(fallback));
    w.overflowed = true;
    if (anyoneThere) w.groupKey = fallback!;
    this.changes.waiting.add(w.sessionId);
    return { movedTo: anyoneThere ? fallback : null, assignments: anyoneThere ? this.drain(now) : [] };
  }

  private assign(w: WaitingState, agentId: string, via: Assignment["via"], now: number): Assignment {
    const agent = this.requireAgent(agentId);
    this.waiting.delete(w.sessionId);
    this.changes.waiting.add(w.sessionId);
    const session: ActiveState = {
      sessionId: w.sessionId, threadId: w.threadId, agentId, groupKey: w.groupKey, customerId: w.customerId, customerName: w.customerName, level: w.level, preview: w.preview, assignedAt: now,
    };
    this.active.set(w.sessionId, session);
    this.changes.active.add(w.sessionId);
    agent.load++;
    agent.lastAssignedAt = now;
    this.changes.agents.add(agentId);
    return { session, via, waitedMs: now - w.enqueuedAt };
  }

  private releaseActive(a: ActiveState): void {
    this.active.delete(a.sessionId);
    this.changes.active.add(a.sessionId);
    const agent = this.agents.get(a.agentId);
    if (agent) {
      agent.load = Math.max(0, agent.load - 1);
      this.changes.agents.add(agent.id);
    }
  }

  private requireAgent(agentId: string): AgentState {
    const agent = this.agents.get(agentId);
    if (!agent) throw new DomainError("not_found", `no agent ${agentId} in this shop`);
    return agent;
  }
}

/** A session going back to the waiting list (transfer to a group, agent gone): first in line. */
function requeued(a: ActiveState, groupKey: string, enqueuedAt: number): WaitingState {
  return {
    sessionId: a.sessionId, threadId: a.threadId, customerId: a.customerId, customerName: a.customerName, level: a.level, groupKey,
    priority: 10, seniorOnly: false, stickyAgentId: null, stickyUntil: null, enqueuedAt, overflowed: false, preview: a.preview ?? "",
  };
}
