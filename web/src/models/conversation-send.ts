/**
 * Sending: text, internal notes, images (upload first, then send the key), product and order cards; retries,
 * and the typing signal to the other side. Every command is checked with the protocol's own
 * `MessageSend` schema before it leaves, so a bad one fails here with the same message the room
 * would give.
 */
import { LIMITS, MessageSend, parseInput } from "../../../core/protocol";
import { toApiError, type ApiClient } from "../common/api";
import type { UploadResult } from "../common/api-types";
import { newClientId } from "../common/ids";
import { updatePending, type ConversationState, type PendingMessage } from "./conversation-state";

/** Our side counts as typing until this long after the last keystroke. */
const TYPING_IDLE_MS = 4000;

type Card = { kind: "product_card"; productId: string } | { kind: "order_card"; orderId: string };

export function createSender(state: ConversationState, opts: { api: ApiClient; threadId: string }, sendFrame: (frame: object) => boolean) {
  let typingSent = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  function stopTyping() {
    clearTimeout(typingTimer);
    if (typingSent) sendFrame({ type: "typing.set", typing: false });
    typingSent = false;
  }

  function add(p: PendingMessage) {
    state.pending.value = new Map(state.pending.value).set(p.clientId, p);
  }

  /** Sends now if connected; either way the message stays pending until the room confirms it. */
  function dispatch(clientId: string, command: unknown): boolean {
    const parsed = parseInput(MessageSend, command);
    if (!parsed.ok) {
      updatePending(state, clientId, { status: "failed", error: { code: parsed.code, message: parsed.message } });
      return false;
    }
    updatePending(state, clientId, { status: "sending", command: parsed.value, error: undefined });
    sendFrame(parsed.value);
    return true;
  }

  async function upload(clientId: string, file: Blob) {
    updatePending(state, clientId, { status: "uploading", error: undefined });
    try {
      const up = await opts.api.upload<UploadResult>(`/threads/${opts.threadId}/uploads`, file);
      dispatch(clientId, { type: "message.send", clientId, kind: "image", key: up.key });
    } catch (err) {
      const e = toApiError(err);
      updatePending(state, clientId, { status: "failed", error: { code: e.code, message: e.message } });
    }
  }

  function sendWords(kind: "text" | "note", raw: string): boolean {
    const text = raw.trim();
    if (!text || text.length > LIMITS.textMaxChars) return false;
    if (kind === "text") stopTyping();
    const clientId = newClientId();
    add({ clientId, kind, text, command: null, status: "sending", createdAt: Date.now() });
    return dispatch(clientId, { type: "message.send", clientId, kind, text });
  }

  return {
    /** Returns false when the text is empty or too long (nothing is queued then). */
    sendText(raw: string): boolean {
      return sendWords("text", raw);
    },
    /** An internal note: staff only, never shown to the shopper, and not a reply (no typing). */
    sendNote(raw: string): boolean {
      return sendWords("note", raw);
    },
    /** Checks type and size locally (the server checks again), shows a preview, uploads, sends. */
    async sendImage(file: File) {
      if (!(LIMITS.imageTypes as readonly string[]).includes(file.type)) {
        state.error.value = { code: "file_type", message: file.type || file.name };
        return;
      }
      if (file.size > LIMITS.imageMaxBytes) {
        state.error.value = { code: "file_size", message: `${file.size} bytes` };
        return;
      }
      const clientId = newClientId();
      add({ clientId, kind: "image", localUrl: URL.createObjectURL(file), file, command: null, status: "uploading", createdAt: Date.now() });
      await upload(clientId, file);
    },
    sendCard(card: Card, label: string) {
      const clientId = newClientId();
      add({ clientId, kind: card.kind, text: label, command: null, status: "sending", createdAt: Date.now() });
      dispatch(clientId, { type: "message.send", clientId, ...card });
    },
    async retry(clientId: string) {
      const p = state.pending.value.get(clientId);
      if (!p) return;
      if (p.command) dispatch(clientId, p.command);
      else if (p.file) await upload(clientId, p.file);
    },
    discard(clientId: string) {
      const p = state.pending.value.get(clientId);
      if (p?.localUrl) URL.revokeObjectURL(p.localUrl);
      const next = new Map(state.pending.value);
      next.delete(clientId);
      state.pending.value = next;
    },
    /** Called on every keystroke; tells the other side once, and again when we stop. */
    typing() {
      if (!typingSent) typingSent = sendFrame({ type: "typing.set", typing: true });
      clearTimeout(typingTimer);
      typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
    },
    /** After a (re)join: the same clientIds again, so anything the room already stored is acked, not duplicated. */
    resendAll() {
      typingSent = false;
      for (const p of state.pending.value.values()) if (p.status === "sending" && p.command) sendFrame(p.command);
    },
    dispose() {
      clearTimeout(typingTimer);
      for (const p of state.pending.value.values()) if (p.localUrl) URL.revokeObjectURL(p.localUrl);
    },
  };
}
