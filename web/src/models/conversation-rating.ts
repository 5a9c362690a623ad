/**
 * Satisfaction ratings (满意度评价) in a conversation: the shopper rates the session a
 * `rating.invited` card asks about (`session.rate`, confirmed by `session.rating_saved` and the
 * `rating.rated` notice both sides get); staff invite with `session.invite_rating`. What a card
 * shows is derived from the stored messages and the session the room reports, so a reconnect or a
 * reload shows a rated card as rated.
 */
import type { ChatMessage, RatingBody, ServerEvent, SessionInfo } from "../../../core/protocol";
import { SessionRate, parseInput } from "../../../core/protocol";
import type { ConversationState, UiError } from "./conversation-state";

/** A rating on its way, stored (before its notice arrives) or refused, by session id. */
export type RatingSend =
  | { status: "sending" | "saved"; score: number; comment?: string }
  | { status: "failed"; score: number; comment?: string; error: UiError };

/** What an invitation card shows. */
export type RatingCardView =
  | { status: "open"; sending: boolean; error?: UiError }
  | { status: "rated"; score: number; comment?: string }
  /** 24 hours passed since the invitation. */
  | { status: "expired" }
  /** A newer session began: only the latest may be rated. */
  | { status: "closed" };

type Frame = object;

function setSend(state: ConversationState, sessionId: string, send: RatingSend): void {
  state.ratings.value = new Map(state.ratings.value).set(sessionId, send);
}

/** The `rating.rated` message of a session among `messages`, if one is loaded. */
export function ratedMessageOf(messages: readonly ChatMessage[], sessionId: string): ChatMessage | undefined {
  return messages.find((m) => m.kind === "system" && m.body.notice?.code === "rating.rated" && m.body.rating?.sessionId === sessionId);
}

/** The `rating.invited` card of a session among `messages`, if one is loaded. */
export function invitationOf(messages: readonly ChatMessage[], sessionId: string): ChatMessage | undefined {
  return messages.find((m) => m.kind === "system" && m.body.notice?.code === "rating.invited" && m.body.rating?.sessionId === sessionId);
}

/** What the card of `invite` shows, from what this client knows. */
export function ratingCardView(invite: RatingBody, known: { messages: readonly ChatMessage[]; session: SessionInfo | null; send: RatingSend | undefined; now: number }): RatingCardView {
  const rated = ratedMessageOf(known.messages, invite.sessionId)?.body.rating;
  if (rated?.score !== undefined) return { status: "rated", score: rated.score, ...(rated.comment ? { comment: rated.comment } : {}) };
  const send = known.send;
  if (send?.status === "saved") return { status: "rated", score: send.score, ...(send.comment ? { comment: send.comment } : {}) };
  const session = known.session;
  if (session?.id === invite.sessionId && typeof session.rating === "number") return { status: "rated", score: session.rating };
  if (session?.id !== invite.sessionId) return { status: "closed" };
  if (invite.expiresAt !== undefined && known.now > invite.expiresAt) return { status: "expired" };
  return { status: "open", sending: send?.status === "sending", ...(send?.status === "failed" ? { error: send.error } : {}) };
}

/** `session.rating_saved`: the room stored the rating. */
export function ratingSaved(state: ConversationState, e: Extract<ServerEvent, { type: "session.rating_saved" }>): void {
  setSend(state, e.sessionId, { status: "saved", score: e.score, ...(e.comment ? { comment: e.comment } : {}) });
}

/**
 * An error frame without a clientId while a rating is on its way is the room's answer to it (the
 * room handles one frame at a time). Returns whether it was.
 */
export function ratingRefused(state: ConversationState, error: UiError): boolean {
  const sending = [...state.ratings.value].find(([, r]) => r.status === "sending");
  if (!sending) return false;
  const [sessionId, r] = sending;
  setSend(state, sessionId, { status: "failed", score: r.score, ...(r.comment ? { comment: r.comment } : {}), error });
  return true;
}

export function createRatingActions(state: ConversationState, sendFrame: (frame: Frame) => boolean) {
  return {
    /** The shopper rates a session once; checked with the room's schema first, so a bad comment names its field. */
    rate(sessionId: string, score: number, comment: string) {
      const current = state.ratings.value.get(sessionId);
      if (current && current.status !== "failed") return;
      const text = comment.trim();
      const cmd = parseInput(SessionRate, { type: "session.rate", sessionId, score, ...(text ? { comment: text } : {}) });
      if (!cmd.ok) {
        setSend(state, sessionId, { status: "failed", score, error: { code: cmd.code, message: cmd.message, details: cmd.issues } });
        return;
      }
      if (sendFrame(cmd.value)) setSend(state, sessionId, { status: "sending", score, ...(text ? { comment: text } : {}) });
      else setSend(state, sessionId, { status: "failed", score, error: { code: "network", message: "not connected" } });
    },
    /** Staff invite the shopper to rate the latest session; the room answers with the card (or an error). */
    invite() {
      const session = state.session.value;
      if (!session) return;
      if (!sendFrame({ type: "session.invite_rating", sessionId: session.id })) state.error.value = { code: "network", message: "not connected" };
    },
  };
}
