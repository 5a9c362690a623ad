/**
 * Choosing an agent for a waiting session: a filter → select pipeline (as in Chatwoot's
 * auto-assignment). Pure: the queue loads a snapshot, calls this, and persists the result.
 */

export const AGENT_STATUSES = ["online", "busy", "away", "offline"] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export const ASSIGNMENT_POLICIES = ["least_loaded", "round_robin", "sticky"] as const;
export type AssignmentPolicy = (typeof ASSIGNMENT_POLICIES)[number];

/** Seniority at or above which an agent counts as senior (for senior-only sessions). */
export const SENIOR_LEVEL = 3;

export interface AgentCandidate {
  id: string;
  status: AgentStatus;
  groups: readonly string[];
  load: number;
  capacity: number;
  seniority: number;
  /** When this agent was last given a session (round robin goes to the longest idle). */
  lastAssignedAt: number;
}

export interface AssignmentRequest {
  groupKey: string;
  seniorOnly: boolean;
  /** The agent who last served this customer, and until when to hold the session for them. */
  stickyAgentId?: string | null;
  stickyUntil?: number | null;
}

/** Agents who may take a session of this request now: online, in the group, with room. */
export function eligibleAgents(candidates: readonly AgentCandidate[], req: AssignmentRequest): AgentCandidate[] {
  return candidates.filter(
    (a) => a.status === "online" && a.groups.includes(req.groupKey) && a.load < a.capacity && (!req.seniorOnly || a.seniority >= SENIOR_LEVEL),
  );
}

/**
 * Picks the agent for a request under a policy, or null when nobody can take it now.
 * Sticky: the previous agent if eligible; while the hold lasts, nobody else; then least loaded.
 */
export function pickAgent(candidates: readonly AgentCandidate[], req: AssignmentRequest, policy: AssignmentPolicy, now: number): AgentCandidate | null {
  const eligible = eligibleAgents(candidates, req);
  if (policy === "sticky" && req.stickyAgentId) {
    const previous = eligible.find((a) => a.id === req.stickyAgentId);
    if (previous) return previous;
    if ((req.stickyUntil ?? 0) > now && candidates.some((a) => a.id === req.stickyAgentId && a.status !== "offline")) return null;
  }
  if (eligible.length === 0) return null;
  if (policy === "round_robin") return minBy(eligible, (a) => [a.lastAssignedAt, a.id]);
  // Least loaded by share of capacity, then the longest idle, then id for determinism.
  return minBy(eligible, (a) => [a.load / a.capacity, a.lastAssignedAt, a.id]);
}

function minBy<T>(items: readonly T[], key: (t: T) => (number | string)[]): T {
  let best: T = items[0] as T;
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    if (compareKeys(k, bestKey) < 0) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}
