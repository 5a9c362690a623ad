/**
 * Customer satisfaction ratings (满意度评价): which sessions invite one, whether an invitation or
 * a shopper's rating may be accepted, and the words of each score. Pure: the room
 * (durable-objects/conversation/rating.ts) stores, posts and writes D1.
 *
 * A session a person took part in is invited once, when it is resolved (by staff or the idle
 * timeout) or earlier by staff. The shopper rates it once, 1 to 5 stars with an optional comment,
 * within 24 hours of the invitation and while it is still the thread's latest session. Sessions
 * only the bot served are not invited: its answers carry helpful / not helpful.
 */
import { fieldError, type DomainError } from "./errors";
import type { SessionState } from "./session";

/** How long an invitation stays open. */
export const RATING_WINDOW_MS = 24 * 60 * 60 * 1000;
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

/** What each score says, in both UI languages (the web's locales read these). */
export const RATING_WORDS: Record<RatingScore, { zh: string; en: string }> = {
  1: { zh: "非常不满意", en: "Very dissatisfied" },
  2: { zh: "不满意", en: "Dissatisfied" },
  3: { zh: "一般", en: "Neutral" },
  4: { zh: "满意", en: "Satisfied" },
  5: { zh: "非常满意", en: "Very satisfied" },
};

export function isRatingScore(n: unknown): n is RatingScore {
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 5;
}

/** The words of a score (`满意`), or "" for anything that is not one. */
export function ratingWords(score: number, lang: "zh" | "en"): string {
  return isRatingScore(score) ? RATING_WORDS[score][lang] : "";
}

/** `★★★★☆` for 4. */
export function ratingStars(score: number): string {
  const n = Math.max(0, Math.min(5, Math.round(score)));
  return "★".repeat(n) + "☆".repeat(5 - n);
}

/** A person took part: a staff member held the session or wrote in it (not only the bot). */
export function servedByPerson(s: SessionState): boolean {
  return s.agentId !== null || s.agentMessages > 0;
}

/** The session was already rated. */
export function isRated(s: SessionState): boolean {
  return s.rating !== null && s.rating !== undefined;
}

/** The shopper was already invited to rate the session. */
export function isInvited(s: SessionState): boolean {
  return s.ratingInvitedAt !== null && s.ratingInvitedAt !== undefined;
}

/** When the invitation lapses, or null when there is none. */
export function invitationExpiresAt(s: SessionState): number | null {
  return isInvited(s) ? s.ratingInvitedAt! + RATING_WINDOW_MS : null;
}

/** Resolving this session posts an invitation: a person served it and it was not invited or rated yet. */
export function invitesOnClose(s: SessionState): boolean {
  return servedByPerson(s) && !isInvited(s) && !isRated(s);
}

/** Why `current` (the thread's latest session) is not the session a frame names, or null when it is. */
function notLatest(current: SessionState | null, sessionId: string): DomainError | null {
  if (!current) return fieldError("invalid_input", "sessionId", "this thread has no session");
  if (current.id !== sessionId) return fieldError("invalid_input", "sessionId", "not the thread's latest session");
  return null;
}

/** Why staff may not invite the shopper to rate `sessionId` now, or null when they may. */
export function invitationRefusal(current: SessionState | null, sessionId: string): DomainError | null {
  const wrong = notLatest(current, sessionId);
  if (wrong || !current) return wrong;
  if (!servedByPerson(current)) return fieldError("conflict", "sessionId", "only the bot served this session; its answers are rated on their own");
  if (isRated(current)) return fieldError("conflict", "sessionId", "this session was already rated");
  if (isInvited(current)) return fieldError("conflict", "sessionId", "the shopper was already invited to rate this session");
  return null;
}

/** Why the shopper's rating of `sessionId` may not be accepted at `now`, or null when it may. */
export function ratingRefusal(current: SessionState | null, sessionId: string, now: number): DomainError | null {
  const wrong = notLatest(current, sessionId);
  if (wrong || !current) return wrong;
  if (isRated(current)) return fieldError("conflict", "sessionId", "this session was already rated");
  if (!isInvited(current)) return fieldError("conflict", "sessionId", "this session was not offered for rating");
  if (now > invitationExpiresAt(current)!) return fieldError("conflict", "sessionId", "the invitation to rate this session expired (24 hours)");
  return null;
}

/** The session with its invitation recorded. */
export function withInvitation(s: SessionState, now: number): SessionState {
  return { ...s, ratingInvitedAt: now };
}

/** The session rated: score, time and comment (an empty comment is none). */
export function withRating(s: SessionState, score: RatingScore, comment: string | undefined, now: number): SessionState {
  const text = comment?.trim() ?? "";
  return { ...s, rating: score, ratedAt: now, ratingComment: text ? text : null };
}
