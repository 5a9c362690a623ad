/**
 * Satisfaction ratings (满意度评价), the room's half: the invitation (posted when a session a
 * person served is resolved, see `closeSession`, or when staff ask with `session.invite_rating`)
 * and the shopper's `session.rate`. What may be accepted is decided in core/domain/rating.ts; the
 * state lives on the session (the room's SQLite), the score and comment in its D1 row.
 *
 * Both are stored system messages with `body.rating`: `rating.invited` (the shopper's widget shows
 * it as a card with stars; staff see a notice) and `rating.rated` (the card turns into thanks on
 * the shopper's side; staff see the stars and the comment). History replays both, so a reconnect
 * or a reload shows the card as rated.
 */
import type { Connection } from "partyserver";
import type { ChatMessage } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import { invitationExpiresAt, invitationRefusal, ratingRefusal, withInvitation, withRating, type RatingScore } from "../../core/domain/rating";
import type { SessionState } from "../../core/domain/session";
import type { ConnectionState } from "./connection-state";
import { sendEvent } from "./audience";
import { postSystem, sessionInfo, writeTransition } from "./post";
import type { ConversationRoom } from "./room";

/** Posts the invitation card of a session whose invitation is recorded (`withInvitation`). */
export function postRatingInvitation(room: ConversationRoom, s: SessionState, now: number, by?: string): ChatMessage {
  return postSystem(room, s, {
    notice: { code: "rating.invited", ...(by ? { params: { by } } : {}) },
    rating: { sessionId: s.id, expiresAt: invitationExpiresAt(s) ?? now },
  }, now);
}

/** `session.invite_rating`: staff invite the shopper to rate the latest session, once. */
export async function inviteRating(room: ConversationRoom, state: ConnectionState, sessionId: string): Promise<void> {
  if (state.role !== "agent") throw new DomainError("forbidden", "only staff invite a rating");
  const now = Date.now();
  const current = room.store.session();
  const refusal = invitationRefusal(current, sessionId);
  if (refusal) throw refusal;
  if (!current) return; // invitationRefusal refuses a thread without a session
  const invited = withInvitation(current, now);
  room.store.saveSession(invited);
  postRatingInvitation(room, invited, now, state.name);
  room.broadcastEvent({ type: "session.changed", session: sessionInfo(invited) });
}

/**
 * `session.rate`: the shopper's rating, checked and stored before anything is awaited (a second
 * one is refused, never overwrites the first), then written to D1 with a `rated` metrics event;
 * then the sender's `session.rating_saved` and the `rating.rated` notice to both sides.
 */
export async function rateSession(room: ConversationRoom, conn: Connection<ConnectionState>, state: ConnectionState, cmd: { sessionId: string; score: number; comment?: string | undefined }): Promise<void> {
  if (state.role !== "customer") throw new DomainError("forbidden", "only the shopper rates a session");
  const now = Date.now();
  const current = room.store.session();
  const refusal = ratingRefusal(current, cmd.sessionId, now);
  if (refusal) throw refusal;
  if (!current) return; // ratingRefusal refuses a thread without a session
  const rated = withRating(current, cmd.score as RatingScore, cmd.comment, now);
  room.store.saveSession(rated);
  // The row carries the rating before anyone is told: a panel that reloads on the notice shows it.
  await writeTransition(room, ["rated"], now);
  const comment = rated.ratingComment ?? undefined;
  sendEvent(conn, { type: "session.rating_saved", sessionId: rated.id, score: cmd.score, ...(comment ? { comment } : {}) });
  postSystem(room, rated, {
    notice: { code: "rating.rated", params: { score: String(cmd.score), ...(comment ? { comment } : {}) } },
    rating: { sessionId: rated.id, score: cmd.score, ...(comment ? { comment } : {}) },
  }, now);
  room.broadcastEvent({ type: "session.changed", session: sessionInfo(room.store.session() ?? rated) });
}
