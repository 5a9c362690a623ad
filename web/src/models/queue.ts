/**
 * The console's AgentQueue socket (one per shop): presence and the status switch, the live
 * queue (waiting sessions, agents, groups), this agent's chats and the commands pick and
 * transfer. Every frame is validated with the protocol's `QueueEvent`; commands with
 * `QueueCommand` before they leave.
 */
import { batch, computed, createModel, effect, signal } from "@preact/signals";
import { parseFrame } from "../common/socket-frame";
import { QueueCommand, QueueEvent, parseInput, type AccountLogin, type QueueSnapshot } from "../../../core/protocol";
import { socketTicket, type ApiClient } from "../common/api";
import { openQueueSocket } from "../common/queue-socket";
import type { ConnectionStatus, UiError } from "./conversation-state";
import { createCommandTracker } from "./queue-commands";

export type AgentStatus = "online" | "busy" | "away" | "offline";
export type Assigned = Extract<QueueEvent, { type: "assignment.created" }>;

/** One of this agent's chats; `fresh` until opened, when it arrived by itself (auto, transfer). */
export interface MyChat {
  sessionId: string;
  threadId: string;
  customerName: string;
  groupKey: string;
  via: Assigned["via"] | "existing";
  note?: string;
  at: number;
  fresh: boolean;
}

export interface QueueOptions {
  api: ApiClient;
  shopId: string;
  staffId: string;
  /** A new chat was given to this agent (not one they picked or claimed themselves). */
  onAssigned?: (a: Assigned) => void;
  onLeaveMessage?: (m: Extract<QueueEvent, { type: "leave_message.created" }>) => void;
  /** The account logged in from a browser it had not used. */
  onAccountLogin?: (l: AccountLogin) => void;
}

const OFFLINE_AFTER_FAILURES = 3;

export const QueueModel = createModel((opts: QueueOptions) => {
  const connection = signal<ConnectionStatus>("connecting");
  const snapshot = signal<QueueSnapshot | null>(null);
  const mine = signal<ReadonlyMap<string, MyChat>>(new Map());
  const busy = signal<ReadonlySet<string>>(new Set());
  const error = signal<UiError | null>(null);
  const now = signal(Date.now());
  const shopId = signal(opts.shopId);
  const me = computed(() => snapshot.value?.me ?? null);
  /** What the status switch shows: offline whenever the socket is not open. */
  const status = computed<AgentStatus>(() => (connection.value === "open" ? (me.value?.status ?? "offline") : "offline"));
  const myChats = computed(() => [...mine.value.values()].sort((a, b) => b.at - a.at));
  const tracker = createCommandTracker((keys) => (busy.value = keys));
  let socket: ReturnType<typeof openQueueSocket> | null = null;
  let failures = 0;

  /** The server's list of active sessions is the truth; keep what we know about each (fresh, note). */
  function reconcile(s: QueueSnapshot) {
    const next = new Map<string, MyChat>();
    for (const a of s.active) {
      if (a.agentId !== opts.staffId) continue;
      const known = mine.value.get(a.sessionId);
      next.set(a.sessionId, known ?? { sessionId: a.sessionId, threadId: a.threadId, customerName: a.customerName, groupKey: a.groupKey, via: "existing", at: a.assignedAt, fresh: false });
    }
    mine.value = next;
  }

  function onFrame(ev: MessageEvent) {
    const e = parseFrame(QueueEvent, ev.data);
    if (!e) return;
    batch(() => {
      if (e.type === "queue.snapshot") {
        snapshot.value = e;
        connection.value = "open";
        failures = 0;
        reconcile(e);
      } else if (e.type === "assignment.created") {
        const fresh = e.via === "auto" || e.via === "transfer";
        const chat: MyChat = { sessionId: e.sessionId, threadId: e.threadId, customerName: e.customerName, groupKey: e.groupKey, via: e.via, at: Date.now(), fresh, ...(e.note ? { note: e.note } : {}) };
        mine.value = new Map(mine.value).set(e.sessionId, chat);
        if (fresh) opts.onAssigned?.(e);
      } else if (e.type === "leave_message.created") {
        opts.onLeaveMessage?.(e);
      } else if (e.type === "account.login") {
        opts.onAccountLogin?.(e);
      } else if (e.type === "assignment.removed") {
        const next = new Map(mine.value);
        next.delete(e.sessionId);
        mine.value = next;
      }
      if (!tracker.onEvent(e) && e.type === "error") error.value = { code: e.error.code, message: e.error.message };
    });
  }

  function onClose() {
    failures++;
    connection.value = failures >= OFFLINE_AFTER_FAILURES ? "offline" : "reconnecting";
    tracker.failAll({ code: "network", message: "the queue connection closed" });
  }

  effect(() => {
    const ws = openQueueSocket({ shopId: opts.shopId, ticket: () => socketTicket(opts.api, "agent-queue", opts.shopId) });
    socket = ws;
    ws.addEventListener("message", onFrame);
    ws.addEventListener("close", onClose);
    const online = () => ws.reconnect();
    window.addEventListener("online", online);
    const tick = setInterval(() => (now.value = Date.now()), 1000);
    return () => {
      clearInterval(tick);
      window.removeEventListener("online", online);
      ws.removeEventListener("close", onClose);
      ws.close();
      socket = null;
      tracker.dispose();
    };
  });

  /** Validates and sends a command, then waits for its effect or its error. */
  function command(key: string, frame: unknown, settles: (e: QueueEvent) => boolean): Promise<UiError | null> {
    const cmd = parseInput(QueueCommand, frame);
    if (!cmd.ok) return Promise.resolve({ code: cmd.code, message: cmd.message, details: cmd.issues });
    if (!socket || connection.peek() !== "open" || socket.readyState !== WebSocket.OPEN) return Promise.resolve({ code: "network", message: "not connected to the queue" });
    socket.send(JSON.stringify(cmd.value));
    return tracker.add(key, settles);
  }

  return {
    shopId,
    connection,
    snapshot,
    me,
    status,
    myChats,
    busy,
    error,
    now,
    async setStatus(next: Exclude<AgentStatus, "offline">) {
      const err = await command("status", { type: "agent.status.set", status: next }, (e) => e.type === "queue.snapshot" && e.me?.status === next);
      if (err) error.value = err;
    },
    /** Takes a waiting session by hand; the error (capacity reached, gone already) is shown. */
    async pick(sessionId: string) {
      error.value = null;
      const err = await command(`pick:${sessionId}`, { type: "queue.pick", sessionId }, (e) => e.type === "assignment.created" && e.sessionId === sessionId);
      if (err) error.value = err;
    },
    /** Hands an assigned session to an agent or a group; resolves with the error, if any. */
    transfer(t: { sessionId: string; toAgentId?: string; toGroupKey?: string; note?: string }): Promise<UiError | null> {
      const from = snapshot.peek()?.active.find((a) => a.sessionId === t.sessionId)?.agentId;
      const moved = (e: QueueEvent) =>
        (e.type === "assignment.removed" && e.sessionId === t.sessionId) ||
        (e.type === "queue.snapshot" && from !== undefined && !e.active.some((a) => a.sessionId === t.sessionId && a.agentId === from));
      return command(`transfer:${t.sessionId}`, { type: "session.transfer", ...t }, moved);
    },
    /** The agent opened the chat: it is no longer new. */
    markSeen(threadId: string) {
      const entry = [...mine.value.values()].find((c) => c.threadId === threadId && c.fresh);
      if (entry) mine.value = new Map(mine.value).set(entry.sessionId, { ...entry, fresh: false });
    },
    dismissError() {
      error.value = null;
    },
  };
});
export type QueueModel = InstanceType<typeof QueueModel>;
