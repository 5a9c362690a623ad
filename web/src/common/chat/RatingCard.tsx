import { useState } from "preact/hooks";
import type { ChatMessage } from "../../../../core/protocol";
import { LIMITS } from "../../../../core/protocol/limits";
import { isRatingScore, ratingStars, RATING_SCORES } from "../../../../core/domain/rating";
import { invitationOf, ratingCardView, type RatingCardView } from "../../models/conversation-rating";
import { errorText, formatTime, t, type MessageKey } from "../i18n";
import { useChat } from "./context";

/** The words of a score in the UI language (满意); nothing for a value that is not a score. */
function wordsOf(score: number): string {
  return isRatingScore(score) ? t(`rating.score.${score}` as MessageKey) : "";
}

/**
 * A satisfaction rating message (满意度评价): to the shopper, the invitation is a card with five
 * stars and a comment that turns into thanks once rated; to staff, both the invitation and the
 * rating are notices (the rating with its stars and comment).
 */
export function RatingItem({ message: m }: { message: ChatMessage }) {
  const { conversation: c, perspective } = useChat();
  const rating = m.body.rating!;
  const code = m.body.notice?.code;
  const time = <time dateTime={new Date(m.createdAt).toISOString()}>{formatTime(m.createdAt)}</time>;
  if (code === "rating.invited" && perspective === "customer") {
    const view = ratingCardView(rating, { messages: c.messages.value, session: c.session.value, send: c.ratings.value.get(rating.sessionId), now: Date.now() });
    return (
      <li class="msg msg-rating" data-testid="message" data-seq={m.seq} data-role="system" data-notice={code}>
        <RatingCard sessionId={rating.sessionId} view={view} />
        {time}
      </li>
    );
  }
  let text: string;
  if (code === "rating.rated") {
    // The shopper sees their rating on the card itself when the card is loaded.
    if (perspective === "customer" && invitationOf(c.messages.value, rating.sessionId)) return null;
    const score = rating.score ?? 0;
    text = t(perspective === "customer" ? "rating.ratedMine" : "rating.ratedStaff", { stars: ratingStars(score), words: wordsOf(score) });
    if (rating.comment) text += ` ${t("rating.comment", { comment: rating.comment })}`;
  } else {
    const by = m.body.notice?.params?.by;
    text = perspective === "customer" ? t("rating.ask") : by ? t("rating.invitedBy", { by }) : t("rating.invitedStaff");
  }
  return (
    <li class="msg msg-system msg-system-rating" data-testid="message" data-seq={m.seq} data-role="system" data-notice={code} data-score={rating.score}>
      <span class="msg-notice" data-testid="rating-notice">
        {text}
      </span>
      {time}
    </li>
  );
}

function RatingCard({ sessionId, view }: { sessionId: string; view: RatingCardView }) {
  const { conversation: c } = useChat();
  const [score, setScore] = useState(0);
  const [hover, setHover] = useState(0);
  const [comment, setComment] = useState("");
  if (view.status === "rated") {
    return (
      <div class="rating-card rating-card-done" data-testid="rating-card" data-state="rated" data-score={view.score} role="status">
        <div class="rating-stars-done" aria-label={t("rating.star", { n: view.score, words: wordsOf(view.score) })}>
          <span class="rating-stars-glyphs" aria-hidden="true">
            {ratingStars(view.score)}
          </span>
          <span class="rating-words">{wordsOf(view.score)}</span>
        </div>
        <p class="rating-thanks" data-testid="rating-thanks">
          {t("rating.thanks")}
        </p>
        {view.comment && <p class="rating-comment-done">{t("rating.comment", { comment: view.comment })}</p>}
      </div>
    );
  }
  if (view.status === "expired" || view.status === "closed") {
    return (
      <div class="rating-card rating-card-done" data-testid="rating-card" data-state={view.status}>
        <p class="rating-ask">{t("rating.ask")}</p>
        <p class="rating-lapsed">{t(view.status === "expired" ? "rating.expired" : "rating.closed")}</p>
      </div>
    );
  }
  const shown = hover || score;
  const sending = view.sending;
  const connected = c.connection.value === "open";
  return (
    <form
      class="rating-card"
      data-testid="rating-card"
      data-state="open"
      onSubmit={(e) => {
        e.preventDefault();
        if (score) c.rateSession(sessionId, score, comment);
      }}
    >
      <p class="rating-ask">{t("rating.ask")}</p>
      <div class="rating-stars" role="radiogroup" aria-label={t("rating.starsLabel")} onMouseLeave={() => setHover(0)}>
        {RATING_SCORES.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            class={`rating-star${n <= shown ? " rating-star-on" : ""}`}
            data-testid="rating-star"
            data-score={n}
            aria-checked={score === n}
            aria-label={t("rating.star", { n, words: wordsOf(n) })}
            title={wordsOf(n)}
            disabled={sending}
            onMouseEnter={() => setHover(n)}
            onClick={() => setScore(n)}
          >
            ★
          </button>
        ))}
        <span class="rating-words" data-testid="rating-words">
          {shown ? wordsOf(shown) : ""}
        </span>
      </div>
      <label class="rating-comment">
        <span class="visually-hidden">{t("rating.commentLabel")}</span>
        <textarea
          data-testid="rating-comment"
          rows={2}
          maxLength={LIMITS.ratingCommentMaxChars}
          placeholder={t("rating.commentPlaceholder", { max: LIMITS.ratingCommentMaxChars })}
          value={comment}
          disabled={sending}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
        <span class="rating-count">{`${comment.length}/${LIMITS.ratingCommentMaxChars}`}</span>
      </label>
      <div class="rating-actions">
        {view.error && (
          <span class="msg-error" role="alert" data-testid="rating-error">
            {t("rating.failed")}: {errorText(view.error.code)}
          </span>
        )}
        <button type="submit" class="btn btn-primary btn-small" data-testid="rating-submit" disabled={!score || sending || !connected}>
          {t(sending ? "rating.sending" : "rating.submit")}
        </button>
      </div>
    </form>
  );
}
