/**
 * A session (一次咨询) is a span of a thread: opened by a customer message when none is open,
 * closed when resolved by staff or after an idle timeout. These pure transitions say what
 * changed; the room persists the result and decides what to broadcast and write to D1.
 */
import type { Channel, Entry } from "../protocol/common";
import type { SenderRole } from "../protocol/message";
import type { Intent } from "./intent";

export type SessionStatus = "bot" | "queued" | "assigned" | "resolved";

export interface SessionState {
  id: string;
  status: SessionStatus;
  channel: Channel;
  entry: Entry | null;
  /** What the opening message was about (its detected intent; null when it had no text): analytics' hot topics. */
  topic: Intent | null;
  openedAt: number;
  handedOffAt: number | null;
  assignedAt: number | null;
  agentId: string | null;
  agentName: string | null;
  /** The skill group key routing chose (stored in D1's `group_id`). */
  groupId: string | null;
  firstResponseAt: number | null;
  lastMessageAt: number;
  lastCustomerMessageAt: number | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  closeReason: string | null;
  customerMessages: number;
  agentMessages: number;
  botMessages: number;
  rating: number | null;
  ratedAt: number | null;
  /** The shopper's comment with their rating (满意度评价; core/domain/rating.ts). Absent in sessions stored before ratings. */
  ratingComment?: string | null;
  /** When the shopper was invited to rate the session, once they were. */
  ratingInvitedAt?: number | null;
}

/** Transitions worth a D1 write and a metrics event (the rest stay in the room). */
export type SessionEvent = "opened" | "handed_off" | "assigned" | "first_response" | "resolved" | "rated";

export function isOpen(s: SessionState | null): s is SessionState {
  return s !== null && s.status !== "resolved";
}

/** A new session, opened by a customer's message; it starts with the bot. */
export function openSession(id: string, channel: Channel, entry: Entry | null, now: number, topic: Intent | null = null): SessionState {
  return {
    id, status: "bot", channel, entry, topic, openedAt: now, handedOffAt: null, assignedAt: null, agentId: null, agentName: null, groupId: null,
    firstResponseAt: null, lastMessageAt: now, lastCustomerMessageAt: null, resolvedAt: null, resolvedBy: null, closeReason: null,
    customerMessages: 0, agentMessages: 0, botMessages: 0, rating: null, ratedAt: null, ratingComment: null, ratingInvitedAt: null,
  };
}

/**
 * Records a message in an open session. An agent's first message takes the session (when no one
 * was assigned) and sets the first response time.
 */
export function recordMessage(s: SessionState, role: SenderRole, senderId: string, now: number, senderName = "", mayAssign = true): { session: SessionState; events: SessionEvent[] } {
  const next = { ...s, lastMessageAt: now };
  const events: SessionEvent[] = [];
  if (role === "customer") {
    next.customerMessages++;
    next.lastCustomerMessageAt = now;
  } else if (role === "bot") {
    next.botMessages++;
  } else if (role === "agent") {
    next.agentMessages++;
    if (next.agentId === null && mayAssign) {
      // A person stepping into a session the bot held is a hand-off too.
      if (next.handedOffAt === null) {
        next.handedOffAt = now;
        events.push("handed_off");
      }
      next.agentId = senderId;
      next.agentName = senderName;
      next.assignedAt ??= now;
      next.status = "assigned";
      events.push("assigned");
    }
    if (next.firstResponseAt === null) {
      next.firstResponseAt = now;
      events.push("first_response");
    }
  }
  return { session: next, events };
}

/** What a session's messages say about it: per sender role, how many and the latest time (a plain row, as SQL returns it). */
export type SessionActivity = {
  role: string;
  count: number;
  lastAt: number;
};

/**
 * The session with its counters and times rebuilt from its messages, exactly as `recordMessage`
 * built them one message at a time. The room persists a session only at transitions; after a
 * restart, this restores what the messages since then changed.
 */
export function withActivity(s: SessionState, activity: readonly SessionActivity[]): SessionState {
  const of = (role: string) => activity.find((a) => a.role === role);
  return {
    ...s,
    customerMessages: of("customer")?.count ?? 0,
    agentMessages: of("agent")?.count ?? 0,
    botMessages: of("bot")?.count ?? 0,
    lastCustomerMessageAt: of("customer")?.lastAt ?? s.lastCustomerMessageAt,
    lastMessageAt: Math.max(s.lastMessageAt, ...activity.map((a) => a.lastAt)),
  };
}

/** The bot hands the session to people: it waits for an agent from now on. */
export function handOffSession(s: SessionState, groupKey: string, now: number): { session: SessionState; events: SessionEvent[] } {
  const first = s.handedOffAt === null;
  return { session: { ...s, status: s.agentId ? s.status : "queued", groupId: groupKey, handedOffAt: first ? now : s.handedOffAt }, events: first ? ["handed_off"] : [] };
}

/** The queue gave the session to an agent (or moved it to another by transfer). */
export function assignSession(s: SessionState, agentId: string, agentName: string, now: number): { session: SessionState; events: SessionEvent[] } {
  const first = s.assignedAt === null;
  return { session: { ...s, status: "assigned", agentId, agentName, assignedAt: first ? now : s.assignedAt }, events: first ? ["assigned"] : [] };
}

/** The session went back to the waiting list (its agent went offline, or a transfer to a group). */
export function requeueSession(s: SessionState, groupKey: string | null): SessionState {
  return { ...s, status: "queued", agentId: null, agentName: null, groupId: groupKey ?? s.groupId };
}

/** Closes a session. `by` is a staff id, or `system` for the idle timeout. */
export function resolveSession(s: SessionState, by: string, reason: "resolved" | "idle", now: number): SessionState {
  return { ...s, status: "resolved", resolvedAt: now, resolvedBy: by, closeReason: reason };
}

/** When an idle open session should close. */
export function idleDeadline(s: SessionState, idleMs: number): number {
  return s.lastMessageAt + idleMs;
}
