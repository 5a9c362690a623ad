/**
 * The shopper's side of the bot: rating an answer (有帮助 / 没帮助, confirmed by
 * `bot.feedback_saved`) and asking for a person (转人工). Ratings are remembered per thread in
 * sessionStorage, since the room does not say on a reconnect which answers were rated.
 */
import type { ServerEvent } from "../../../core/protocol";
import { storage } from "../common/storage";
import type { ConversationState, UiError } from "./conversation-state";

/** Where the rating of one bot answer stands. `rated`: the room says it was rated before. */
export type FeedbackState =
  | { status: "sending" | "saved"; helpful: boolean }
  | { status: "failed"; helpful: boolean; error: UiError }
  | { status: "rated" };

type Frame = object;

function setFeedback(state: ConversationState, seq: number, f: FeedbackState): void {
  state.feedback.value = new Map(state.feedback.value).set(seq, f);
}

/** `bot.feedback_saved`: the room stored the rating. */
export function feedbackSaved(state: ConversationState, e: Extract<ServerEvent, { type: "bot.feedback_saved" }>): void {
  setFeedback(state, e.seq, { status: "saved", helpful: e.helpful });
}

/**
 * An error frame without a clientId while a rating is on its way is the room's answer to it
 * (the room handles one frame at a time). Returns whether it was.
 */
export function feedbackRefused(state: ConversationState, error: UiError): boolean {
  const sending = [...state.feedback.value].find(([, f]) => f.status === "sending");
  if (!sending) return false;
  const [seq, f] = sending;
  setFeedback(state, seq, error.code === "conflict" ? { status: "rated" } : { status: "failed", helpful: f.status === "sending" && f.helpful, error });
  return true;
}

export function createBotActions(state: ConversationState, threadId: string, sendFrame: (frame: Frame) => boolean) {
  const key = `kefu.feedback.${threadId}`;
  try {
    const saved = JSON.parse(storage.session.get(key) ?? "{}") as Record<string, boolean>;
    state.feedback.value = new Map(Object.entries(saved).map(([seq, helpful]) => [Number(seq), { status: "saved", helpful }]));
  } catch {
    // A corrupt entry only means the buttons show again.
  }
  return {
    /** Rates a bot answer once; a second tap while the first is on its way does nothing. */
    rate(seq: number, helpful: boolean) {
      const current = state.feedback.value.get(seq);
      if (current && current.status !== "failed") return;
      if (sendFrame({ type: "bot.feedback", seq, helpful })) setFeedback(state, seq, { status: "sending", helpful });
      else setFeedback(state, seq, { status: "failed", helpful, error: { code: "network", message: "not connected" } });
    },
    /** 转人工 from the button; the room answers with `session.changed` (or an outside-hours notice). */
    requestHuman() {
      if (sendFrame({ type: "human.request" })) state.humanRequested.value = true;
      else state.error.value = { code: "network", message: "not connected" };
    },
    /** Writes the saved ratings; run in an effect. */
    persist() {
      const saved: Record<number, boolean> = {};
      for (const [seq, f] of state.feedback.value) if (f.status === "saved") saved[seq] = f.helpful;
      if (Object.keys(saved).length) storage.session.set(key, JSON.stringify(saved));
    },
  };
}
