/**
 * The signals of one conversation and how each validated server event changes them. Kept apart
 * from the socket so the rules (messages keyed by seq, pending sends confirmed by clientId,
 * read positions only moving forward) read in one place.
 */
import { signal } from "@preact/signals";
import type { ChatMessage, ContextPart, MessageSend, ServerEvent, SessionInfo, Side } from "../../../core/protocol";
import { feedbackRefused, feedbackSaved, type FeedbackState } from "./conversation-bot";
import { ratingRefused, ratingSaved, type RatingSend } from "./conversation-rating";

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "offline";

export interface UiError {
  code: string;
  message: string;
  /** The server's field issues, when it named them (`[{ field, message }]`). */
  details?: unknown;
}

/** A message sent but not yet stored by the room; confirmed when its clientId comes back. */
export interface PendingMessage {
  clientId: string;
  kind: "text" | "note" | "image" | "product_card" | "order_card";
  text?: string;
  /** Object URL of the chosen image, shown until the stored message replaces it. */
  localUrl?: string;
  /** The chosen image, kept so a failed upload can be retried. */
  file?: Blob;
  /** The command to (re)send; null while its upload is still running. */
  command: MessageSend | null;
  status: "uploading" | "sending" | "failed";
  error?: UiError;
  createdAt: number;
}

export type SidePair = { customer: number; agent: number };

/** Where a waiting shopper stands, as the room last told them; null once an agent has the chat. */
export type QueueInfo = Omit<Extract<ServerEvent, { type: "queue.updated" }>, "type">;

/** The shopper's leave-a-message (留言) form: sent, stored (with its id) or refused. */
export type LeftMessage = { status: "sending" } | { status: "saved"; id: string } | { status: "failed"; error: UiError };

export function createConversationState() {
  return {
    messages: signal<ReadonlyMap<number, ChatMessage>>(new Map()),
    pending: signal<ReadonlyMap<string, PendingMessage>>(new Map()),
    connection: signal<ConnectionStatus>("connecting"),
    session: signal<SessionInfo | null>(null),
    /** Staff: the shopper wrote by e-mail, so unread answers are mailed to this address. */
    email: signal<{ address: string; subject: string } | null>(null),
    readSeq: signal<SidePair>({ customer: 0, agent: 0 }),
    unread: signal<SidePair>({ customer: 0, agent: 0 }),
    peerTyping: signal(false),
    hasOlder: signal(false),
    loadingOlder: signal(false),
    error: signal<UiError | null>(null),
    queue: signal<QueueInfo | null>(null),
    leftMessage: signal<LeftMessage | null>(null),
    /** Ratings of bot answers by message seq. */
    feedback: signal<ReadonlyMap<number, FeedbackState>>(new Map()),
    /** The shopper's satisfaction ratings (满意度评价) on their way or refused, by session id. */
    ratings: signal<ReadonlyMap<string, RatingSend>>(new Map()),
    /** The shopper tapped 转人工 and the room has not moved the session yet. */
    humanRequested: signal(false),
    /** Staff: the message to bring into view, a past session's first (a new object each time, so a second click scrolls again). */
    focus: signal<{ seq: number } | null>(null),
    /** Staff: the latest `context.changed` (a new object each time, so every push is seen). */
    contextChanged: signal<{ parts: readonly ContextPart[] } | null>(null),
  };
}
export type ConversationState = ReturnType<typeof createConversationState>;

/** What the socket owner must do after an event. */
export interface FollowUp {
  /** The room accepted us: resend every pending message. */
  resend?: boolean;
  /** Ask the room for the messages after this seq. */
  syncAfter?: number;
}

export function maxSeq(messages: ReadonlyMap<number, ChatMessage>): number {
  let max = 0;
  for (const seq of messages.keys()) if (seq > max) max = seq;
  return max;
}

/** Adds messages by seq and confirms the pending sends they answer. */
export function addMessages(state: ConversationState, list: readonly ChatMessage[], meId: string): void {
  if (!list.length) return;
  const next = new Map(state.messages.value);
  for (const m of list) next.set(m.seq, m);
  state.messages.value = next;
  const mine = list.filter((m) => m.sender.id === meId && state.pending.value.has(m.clientId));
  if (mine.length) {
    const pending = new Map(state.pending.value);
    for (const m of mine) {
      const localUrl = pending.get(m.clientId)?.localUrl;
      if (localUrl) URL.revokeObjectURL(localUrl);
      pending.delete(m.clientId);
    }
    state.pending.value = pending;
  }
}

export function updatePending(state: ConversationState, clientId: string, patch: Partial<PendingMessage>): void {
  const current = state.pending.value.get(clientId);
  if (!current) return;
  state.pending.value = new Map(state.pending.value).set(clientId, { ...current, ...patch });
}

/** Applies one server event; `me` is who this client is in the room. */
export function applyEvent(state: ConversationState, e: ServerEvent, me: { id: string; side: Side }): FollowUp {
  switch (e.type) {
    case "room.joined":
      state.connection.value = "open";
      state.session.value = e.session;
      state.email.value = e.email ?? null;
      state.readSeq.value = e.readSeq;
      state.unread.value = e.unread;
      return { resend: true };
    case "messages.synced": {
      const first = state.messages.value.size === 0;
      addMessages(state, e.messages, me.id);
      if (first) state.hasOlder.value = (e.messages[0]?.seq ?? 1) > 1;
      const last = e.messages.at(-1)?.seq;
      return e.more && last !== undefined ? { syncAfter: last } : {};
    }
    case "message.created":
      addMessages(state, [e.message], me.id);
      if (e.unread) state.unread.value = e.unread;
      if (e.message.sender.role !== "system" && sideOf(e.message.sender.role) !== me.side) state.peerTyping.value = false;
      return {};
    case "message.acked":
      // The ack carries the stored message (this connection gets no `message.created` for it):
      // the pending bubble turns into the stored one.
      addMessages(state, [e.message], me.id);
      if (e.unread) state.unread.value = e.unread;
      return {};
    case "typing.changed":
      state.peerTyping.value = e.typing;
      return {};
    case "read.updated": {
      const prev = state.readSeq.value;
      if (e.seq > prev[e.side]) state.readSeq.value = { ...prev, [e.side]: e.seq };
      return {};
    }
    case "unread.changed":
      state.unread.value = e.unread;
      return {};
    case "session.changed":
      state.session.value = e.session;
      if (e.session.status !== "queued") state.queue.value = null;
      if (e.session.status !== "bot") state.humanRequested.value = false;
      return {};
    case "queue.updated": {
      const { type: _type, ...queue } = e;
      state.queue.value = queue;
      state.humanRequested.value = false;
      return {};
    }
    case "error":
      if (e.clientId && state.pending.value.has(e.clientId)) updatePending(state, e.clientId, { status: "failed", error: e.error });
      else if (!e.clientId && state.leftMessage.value?.status === "sending") state.leftMessage.value = { status: "failed", error: e.error };
      else if (!e.clientId && feedbackRefused(state, e.error)) return {};
      else if (!e.clientId && ratingRefused(state, e.error)) return {};
      else state.error.value = e.error;
      return {};
    case "leave_message.saved":
      state.leftMessage.value = { status: "saved", id: e.id };
      return {};
    case "bot.feedback_saved":
      feedbackSaved(state, e);
      return {};
    case "session.rating_saved":
      ratingSaved(state, e);
      return {};
    case "context.changed":
      state.contextChanged.value = { parts: e.parts };
      return {};
    case "pong":
      return {};
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
}

/** Bots speak for the shop, so they are on the agent side. */
export function sideOf(role: ChatMessage["sender"]["role"]): Side {
  return role === "customer" ? "customer" : "agent";
}
