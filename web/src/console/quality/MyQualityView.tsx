import { QUALITY_CRITERIA } from "../../../../core/domain/quality";
import { formatTime, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { MyQualityReview } from "../../../../core/protocol/quality";
import { QUALITY_APPEAL_MAX } from "../../../../core/protocol/quality";
import { fieldErrorsOf } from "../../common/field-errors";
import type { QualityModel } from "../../models/quality";
import { AppealNote } from "./AppealNote";
import { GradeBadge } from "./GradeBadge";

/** 我的质检: the reviews of the consultations this agent held, with the reviewer's words. */
export function MyQualityView({ model, onOpenSession }: { model: QualityModel; onOpenSession: (threadId: string, sessionId: string) => void }) {
  const reviews = model.mine.value;
  const avg = reviews.length ? Math.round((reviews.reduce((n, r) => n + r.total, 0) / reviews.length) * 10) / 10 : 0;
  return (
    <main class="page quality-page" data-testid="quality-mine-view">
      <header class="page-head">
        <h1>{t("quality.mineTitle")}</h1>
        {reviews.length > 0 && <span class="muted" data-testid="quality-mine-average">{t("quality.mineAverage", { n: reviews.length, avg })}</span>}
      </header>
      {model.error.value && <ErrorNote error={model.error.value} />}
      {reviews.length === 0 && <p class="empty-hint">{t(model.loaded.value ? "quality.mineEmpty" : "quality.loading")}</p>}
      <ul class="qa-mine">
        {reviews.map((r) => (
          <li key={r.sessionId} class="qa-mine-item" data-testid="quality-mine-item" data-session-id={r.sessionId}>
            <div class="qa-mine-head">
              <strong>{r.customerName ?? r.threadId}</strong>
              {r.openedAt !== null && <time>{formatTime(r.openedAt)}</time>}
              <GradeBadge total={r.total} grade={r.grade} />
              <span class="page-head-spacer" />
              <button type="button" class="btn btn-outline btn-small" data-testid="quality-mine-open" onClick={() => onOpenSession(r.threadId, r.sessionId)}>
                {t("quality.openThread")}
              </button>
            </div>
            <ul class="qa-mine-scores">
              {QUALITY_CRITERIA.map((k) => (
                <li key={k}>{t("quality.scoreOf", { criterion: t(`quality.criterion.${k}`), n: r.scores[k] })}</li>
              ))}
            </ul>
            {r.comment && <p class="qa-mine-comment" data-testid="quality-mine-comment">{r.comment}</p>}
            <p class="muted">{t("quality.reviewedBy", { name: r.reviewerName ?? "", time: formatTime(r.updatedAt) })}</p>
            <Appeal model={model} review={r} />
          </li>
        ))}
      </ul>
    </main>
  );
}

/** 申诉: contest a review once, with a reason; then its state (under review, or the answer). */
function Appeal({ model, review: r }: { model: QualityModel; review: MyQualityReview }) {
  const a = r.appeal;
  if (a) return <AppealNote appeal={a} total={r.total} openText="quality.appealOpen" testId="quality-appeal" />;
  if (model.appealing.value !== r.sessionId) {
    return (
      <button type="button" class="btn btn-outline btn-small" data-testid="quality-appeal-start" onClick={() => model.startAppeal(r.sessionId)}>
        {t("quality.appeal")}
      </button>
    );
  }
  const errors = fieldErrorsOf(model.appealError.value);
  return (
    <form
      class="qa-appeal-form"
      data-testid="quality-appeal-form"
      onSubmit={(e) => {
        e.preventDefault();
        void model.sendAppeal();
      }}
    >
      <textarea
        data-testid="quality-appeal-reason"
        rows={2}
        maxLength={QUALITY_APPEAL_MAX}
        placeholder={t("quality.appealPlaceholder")}
        aria-label={t("quality.appealReason")}
        aria-invalid={errors.reason ? "true" : undefined}
        value={model.appealText.value}
        onInput={(e) => (model.appealText.value = e.currentTarget.value)}
      />
      {errors.reason && <span class="field-error">{errors.reason}</span>}
      {model.appealError.value && !errors.reason && <ErrorNote error={model.appealError.value} />}
      <div class="qa-appeal-actions">
        <button type="button" class="btn btn-ghost btn-small" onClick={() => model.startAppeal(null)}>
          {t("quality.appealCancel")}
        </button>
        <button type="submit" class="btn btn-primary btn-small" data-testid="quality-appeal-send" disabled={model.appealBusy.value || !model.appealText.value.trim()}>
          {t("quality.appealSend")}
        </button>
      </div>
    </form>
  );
}
