import type { QualityAppeal } from "../../../../core/protocol/quality";
import { formatTime, t, type MessageKey } from "../../common/i18n";

/**
 * An appeal's state as text: open (each side has its own words for it) or answered, with the
 * total before and after, and the agent's reason.
 */
export function AppealNote({ appeal: a, total, openText, testId }: { appeal: QualityAppeal; total: number; openText: MessageKey; testId: string }) {
  return (
    <div class={`qa-appeal qa-appeal-${a.status}`} data-testid={testId} data-status={a.status}>
      <strong>{t(a.status === "open" ? openText : "quality.appealAnswered", { before: a.totalBefore ?? total, after: total })}</strong>
      <span>
        {t("quality.appealReason")}: {a.reason}
      </span>
      <time class="muted">{formatTime(a.at)}</time>
    </div>
  );
}
