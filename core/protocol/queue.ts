/**
 * The AgentQueue's socket protocol (agents' consoles) and the shapes it exchanges with rooms.
 */
import * as v from "valibot";
import { ErrorBody } from "./common";

export const AgentStatusSchema = v.picklist(["online", "busy", "away", "offline"], "status must be one of online, busy, away, offline");

export const AgentView = v.object({
  id: v.string(),
  name: v.string(),
  status: AgentStatusSchema,
  connected: v.boolean(),
  load: v.number(),
  capacity: v.number(),
  seniority: v.number(),
  groups: v.array(v.string()),
});
export type AgentView = v.InferOutput<typeof AgentView>;

export const WaitingView = v.object({
  sessionId: v.string(),
  threadId: v.string(),
  customerId: v.string(),
  customerName: v.string(),
  level: v.string(),
  groupKey: v.string(),
  priority: v.number(),
  enqueuedAt: v.number(),
  position: v.number(),
  overflowed: v.boolean(),
  preview: v.string(),
});
export type WaitingView = v.InferOutput<typeof WaitingView>;

export const ActiveView = v.object({
  sessionId: v.string(),
  threadId: v.string(),
  agentId: v.string(),
  groupKey: v.string(),
  customerName: v.string(),
  assignedAt: v.number(),
});
export type ActiveView = v.InferOutput<typeof ActiveView>;

export const GroupView = v.object({
  key: v.string(),
  name: v.string(),
  nameEn: v.string(),
  policy: v.string(),
  online: v.number(),
  waiting: v.number(),
});

// ---- console → queue ----
export const QueueCommand = v.variant(
  "type",
  [
    v.object({ type: v.literal("agent.status.set"), status: AgentStatusSchema }),
    v.object({ type: v.literal("queue.pick"), sessionId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
    v.object({
      type: v.literal("session.transfer"),
      sessionId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
      toAgentId: v.optional(v.pipe(v.string(), v.maxLength(64))),
      toGroupKey: v.optional(v.pipe(v.string(), v.maxLength(32))),
      note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500, "must be at most 500 characters"))),
    }),
    v.object({ type: v.literal("ping") }),
  ],
  "type must be one of agent.status.set, queue.pick, session.transfer, ping",
);
export type QueueCommand = v.InferOutput<typeof QueueCommand>;

// ---- queue → console ----
export const QueueSnapshot = v.object({
  type: v.literal("queue.snapshot"),
  shopId: v.string(),
  me: v.nullable(AgentView),
  agents: v.array(AgentView),
  waiting: v.array(WaitingView),
  active: v.array(ActiveView),
  groups: v.array(GroupView),
});
export type QueueSnapshot = v.InferOutput<typeof QueueSnapshot>;
export const AssignmentCreated = v.object({
  type: v.literal("assignment.created"),
  sessionId: v.string(),
  threadId: v.string(),
  customerName: v.string(),
  groupKey: v.string(),
  via: v.picklist(["auto", "pick", "transfer", "claim"]),
  note: v.optional(v.string()),
});
/** A shopper left a message (留言) because nobody could take the chat: every console hears of it. */
export const LeaveMessageCreated = v.object({ type: v.literal("leave_message.created"), id: v.string(), threadId: v.string(), customerName: v.string(), text: v.string() });
export const AssignmentRemoved = v.object({ type: v.literal("assignment.removed"), sessionId: v.string(), reason: v.string() });
/**
 * The account logged in from a browser it had not used (no device token it knows): each of its
 * consoles hears of it, so a stranger's login does not go unnoticed (账号安全 → 登录设备 ends it).
 */
export const AccountLogin = v.object({
  type: v.literal("account.login"),
  sessionId: v.string(),
  userAgent: v.nullable(v.string()),
  address: v.nullable(v.string()),
  at: v.number(),
});
export type AccountLogin = v.InferOutput<typeof AccountLogin>;
export const QueuePong = v.object({ type: v.literal("pong"), at: v.number() });
export const QueueError = v.object({ type: v.literal("error"), ...ErrorBody.entries });

export const QueueEvent = v.variant("type", [QueueSnapshot, AssignmentCreated, AssignmentRemoved, LeaveMessageCreated, AccountLogin, QueuePong, QueueError]);
export type QueueEvent = v.InferOutput<typeof QueueEvent>;

// ---- room ↔ queue (RPC) ----
export interface EnqueueRequest {
  sessionId: string;
  threadId: string;
  customerId: string;
  customerName: string;
  level: string;
  groupKey: string;
  priority: number;
  seniorOnly: boolean;
  previousAgentId: string | null;
  preview: string;
}

export type EnqueueResult =
  | { status: "assigned"; agentId: string; agentName: string }
  | { status: "queued"; position: number; etaSec: number; groupKey: string }
  | { status: "unavailable"; groupKey: string };
