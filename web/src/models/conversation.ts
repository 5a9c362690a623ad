/**
 * One open conversation: owns the room socket, the message log keyed by seq, pending sends keyed
 * by clientId (resent after every reconnect with the same clientId, so the room stores each once),
 * typing, read positions and the connection state the UI always shows.
 */
import { batch, computed, createModel, effect } from "@preact/signals";
import * as v from "valibot";
import { parseFrame } from "../common/socket-frame";
import { ChatMessage, LeaveMessageSubmit, ServerEvent, parseInput, type Channel, type Entry, type Side } from "../../../core/protocol";
import { ApiError, socketTicket, toApiError, type ApiClient } from "../common/api";
import type { HistoryPage } from "../common/api-types";
import { openRoomSocket } from "../common/room-socket";
import { addMessages, applyEvent, createConversationState, maxSeq } from "./conversation-state";
import { createBotActions } from "./conversation-bot";
import { createRatingActions } from "./conversation-rating";
import { createSender } from "./conversation-send";

export interface ConversationOptions {
  api: ApiClient;
  threadId: string;
  me: { id: string; side: Side };
  channel: Channel;
  entry?: Entry | null;
}

const HistoryMessages = v.array(ChatMessage);

/** How many pages of 50 `revealSession` reads back at most. */
const REVEAL_PAGES_MAX = 20;
/** Consecutive failed connects before the pill says 已断开 rather than 重连中 (it keeps retrying). */
const OFFLINE_AFTER_FAILURES = 3;
/** A peer whose "stopped typing" frame was lost stops showing as typing after this. */
const PEER_TYPING_MS = 8000;

export const ConversationModel = createModel((opts: ConversationOptions) => {
  const state = createConversationState();
  const lastSeq = computed(() => maxSeq(state.messages.value));
  const messages = computed(() => [...state.messages.value.values()].sort((a, b) => a.seq - b.seq));
  const pending = computed(() => [...state.pending.value.values()].sort((a, b) => a.createdAt - b.createdAt));
  const peerSide: Side = opts.me.side === "agent" ? "customer" : "agent";
  const peerReadSeq = computed(() => state.readSeq.value[peerSide]);

  let socket: ReturnType<typeof openRoomSocket> | null = null;
  let joined = false;
  let failures = 0;
  let lastMarked = 0;
  let peerTypingTimer: ReturnType<typeof setTimeout> | undefined;

  /** Sends a command only to a room that has admitted us; otherwise the caller keeps it pending. */
  function sendFrame(frame: object): boolean {
    if (!socket || !joined || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  const sender = createSender(state, opts, sendFrame);
  const bot = createBotActions(state, opts.threadId, sendFrame);
  const rating = createRatingActions(state, sendFrame);
  effect(bot.persist);

  function onFrame(ev: MessageEvent) {
    const event = parseFrame(ServerEvent, ev.data);
    if (!event) return;
    batch(() => {
      if (event.type === "room.joined") {
        joined = true;
        failures = 0;
      }
      const follow = applyEvent(state, event, opts.me);
      if (event.type === "typing.changed") {
        clearTimeout(peerTypingTimer);
        if (event.typing) peerTypingTimer = setTimeout(() => (state.peerTyping.value = false), PEER_TYPING_MS);
      }
      if (follow.resend) sender.resendAll();
      if (follow.syncAfter !== undefined) sendFrame({ type: "history.sync", afterSeq: follow.syncAfter });
    });
  }

  function onClose() {
    joined = false;
    failures++;
    batch(() => {
      state.connection.value = failures >= OFFLINE_AFTER_FAILURES ? "offline" : "reconnecting";
      state.peerTyping.value = false;
    });
  }

  effect(() => {
    const ws = openRoomSocket({ threadId: opts.threadId, ticket: () => socketTicket(opts.api, "conversation-room", opts.threadId), channel: opts.channel, entry: opts.entry, lastSeq: () => lastSeq.peek() });
    socket = ws;
    ws.addEventListener("message", onFrame);
    ws.addEventListener("close", onClose);
    // Coming back online should not wait for the back-off timer.
    const online = () => ws.reconnect();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      ws.removeEventListener("close", onClose);
      ws.close();
      socket = null;
      clearTimeout(peerTypingTimer);
      sender.dispose();
    };
  });

  /** Pages older history over HTTP (the socket only replays what follows our last seq). */
  async function loadEarlier(): Promise<void> {
    const first = messages.value[0]?.seq;
    if (state.loadingOlder.value || !state.hasOlder.value || first === undefined) return;
    state.loadingOlder.value = true;
    try {
      const page = await opts.api.get<HistoryPage>(`/threads/${opts.threadId}/messages?before=${first}&limit=50`);
      const older = v.safeParse(HistoryMessages, page.messages);
      if (!older.success) throw new ApiError(0, "internal", "history page did not match the message schema");
      batch(() => {
        addMessages(state, older.output, opts.me.id);
        state.hasOlder.value = page.hasOlder;
      });
    } catch (err) {
      const e = toApiError(err);
      state.error.value = { code: e.code, message: e.message };
    } finally {
      state.loadingOlder.value = false;
    }
  }

  return {
    /** The thread this model is the chat of. */
    threadId: computed(() => opts.threadId),
    messages,
    pending,
    connection: state.connection,
    session: state.session,
    email: state.email,
    unread: state.unread,
    peerTyping: state.peerTyping,
    hasOlder: state.hasOlder,
    loadingOlder: state.loadingOlder,
    error: state.error,
    queue: state.queue,
    leftMessage: state.leftMessage,
    feedback: state.feedback,
    humanRequested: state.humanRequested,
    /** Staff: the mall changed the customer's data; the context panel reloads on it. */
    contextChanged: state.contextChanged,
    /** Satisfaction ratings on their way, stored or refused, by session id (conversation-rating.ts). */
    ratings: state.ratings,
    rateAnswer: bot.rate,
    /** The shopper rates a session they were invited to rate (满意度评价). */
    rateSession: rating.rate,
    /** Staff invite the shopper to rate the latest session, once. */
    inviteRating: rating.invite,
    requestHuman: bot.requestHuman,
    sendText: sender.sendText,
    sendNote: sender.sendNote,
    sendImage: sender.sendImage,
    sendCard: sender.sendCard,
    retry: sender.retry,
    discard: sender.discard,
    typing: sender.typing,
    /** How far the other side has read: our messages up to here show 已读. */
    peerReadSeq,
    /** Marks everything up to the last message read; called when the latest messages are on screen. */
    markRead() {
      const seq = lastSeq.value;
      if (seq <= lastMarked || seq <= state.readSeq.value[opts.me.side]) return;
      if (sendFrame({ type: "read.mark", seq })) lastMarked = seq;
    },
    /** Staff: the message `MessageList` should bring into view. */
    focus: state.focus,
    /**
     * Staff (历史会话 → 查看聊天记录): pages back until a past session's first message is loaded
     * and asks the list to show it. False when the session has no message within the last
     * `REVEAL_PAGES_MAX` pages (it was held in another thread, or is older than that).
     */
    async revealSession(sessionId: string): Promise<boolean> {
      for (let page = 0; ; page++) {
        const loaded = messages.value;
        const first = loaded.findIndex((m) => m.sessionId === sessionId);
        // The session starts at `first` unless it runs on into history not loaded yet.
        if (first > 0 || (first === 0 && !state.hasOlder.value)) {
          state.focus.value = { seq: loaded[first]!.seq };
          return true;
        }
        if (!state.hasOlder.value || page === REVEAL_PAGES_MAX || state.error.value) return false;
        // A page the reader asked for may be on its way: wait for it rather than skip a page.
        while (state.loadingOlder.value) await new Promise((done) => setTimeout(done, 50));
        await loadEarlier();
      }
    },
    loadEarlier,
    resolve() {
      if (!sendFrame({ type: "session.resolve" })) state.error.value = { code: "network", message: "not connected" };
    },
    /** Platform staff step into a shop's thread (平台介入); the room announces it to both sides. */
    intervene() {
      if (!sendFrame({ type: "platform.intervene" })) state.error.value = { code: "network", message: "not connected" };
    },
    /** The shopper leaves a message (留言) when nobody can take the chat; confirmed by `leave_message.saved`. */
    leaveMessage(text: string, contact: string) {
      const cmd = parseInput(LeaveMessageSubmit, { type: "leave_message.submit", text, ...(contact.trim() ? { contact } : {}) });
      if (!cmd.ok) {
        state.leftMessage.value = { status: "failed", error: { code: cmd.code, message: cmd.message } };
        return;
      }
      state.leftMessage.value = { status: "sending" };
      if (!sendFrame(cmd.value)) state.leftMessage.value = { status: "failed", error: { code: "network", message: "not connected" } };
    },
    dismissError() {
      state.error.value = null;
    },
  };
});
export type ConversationModel = InstanceType<typeof ConversationModel>;
