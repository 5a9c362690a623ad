/**
 * The shapes of an AgentQueue's state: agents, groups, waiting and active sessions, and what an
 * operation changed (the object persists exactly those keys).
 */
import type { EnqueueRequest } from "../../protocol";
import type { AgentCandidate, AssignmentPolicy } from "./pick-agent";

export interface AgentState extends AgentCandidate {
  name: string;
  connected: boolean;
  disconnectedAt: number | null;
}

export interface GroupConfig {
  key: string;
  name: string;
  nameEn: string;
  policy: AssignmentPolicy;
  fallbackKey: string | null;
  maxWaitSec: number;
  stickySec: number;
  onAgentOffline: "requeue" | "keep";
}

/** A waiting session: what the room asked for, plus the queue's own bookkeeping. */
export interface WaitingState extends Omit<EnqueueRequest, "previousAgentId"> {
  stickyAgentId: string | null;
  stickyUntil: number | null;
  enqueuedAt: number;
  overflowed: boolean;
  /** Transferred away from this agent: do not hand it straight back. */
  avoidAgentId?: string | null;
}

export interface ActiveState {
  sessionId: string;
  threadId: string;
  agentId: string;
  groupKey: string;
  customerId: string;
  customerName: string;
  level: string;
  preview: string;
  assignedAt: number;
}

export interface Assignment {
  session: ActiveState;
  via: "auto" | "pick" | "transfer" | "claim";
  waitedMs: number;
}

export interface Changes {
  agents: Set<string>;
  waiting: Set<string>;
  active: Set<string>;
}
