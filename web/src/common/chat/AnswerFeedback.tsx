import { errorText, t } from "../i18n";
import { useChat } from "./context";

/**
 * 有帮助 / 没帮助 under a bot answer, for the shopper. The result stays in place of the buttons;
 * after 没帮助 the room follows up with an offer of a person (转人工).
 */
export function AnswerFeedback({ seq }: { seq: number }) {
  const { conversation: c } = useChat();
  const f = c.feedback.value.get(seq);
  if (f?.status === "saved" || f?.status === "rated") {
    const text = f.status === "rated" ? t("bot.alreadyRated") : t(f.helpful ? "bot.thanks" : "bot.sorryNoted");
    return (
      <div class="feedback feedback-done" role="status" data-testid="feedback-result" data-helpful={f.status === "saved" ? String(f.helpful) : undefined}>
        {text}
      </div>
    );
  }
  const sending = f?.status === "sending";
  return (
    <div class="feedback" role="group" aria-label={t("bot.feedbackAsk")}>
      <span class="feedback-ask">{t("bot.feedbackAsk")}</span>
      <button type="button" class="feedback-btn" data-testid="feedback-helpful" disabled={sending} aria-pressed={sending && f.helpful} onClick={() => c.rateAnswer(seq, true)}>
        {t("bot.helpful")}
      </button>
      <button type="button" class="feedback-btn" data-testid="feedback-unhelpful" disabled={sending} aria-pressed={sending && !f.helpful} onClick={() => c.rateAnswer(seq, false)}>
        {t("bot.unhelpful")}
      </button>
      {f?.status === "failed" && (
        <span class="msg-error" role="alert">
          {t("bot.feedbackFailed")}: {errorText(f.error.code)}
        </span>
      )}
    </div>
  );
}
