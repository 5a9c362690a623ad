import { QUALITY_CRITERIA, QUALITY_FLAGS, QUALITY_SCORE_MAX, qualityGrade } from "../../../../core/domain/quality";
import type { QualitySessionRow } from "../../../../core/protocol/quality";
import { fieldErrorsOf } from "../../common/field-errors";
import { channelName, formatTime, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { Icon } from "../../common/ui/Icon";
import { QUALITY_DAY_CHOICES, type QualityFlagFilter, type QualityModel, type ReviewedFilter } from "../../models/quality";
import { ShopPicker } from "../ShopPicker";
import { AppealNote } from "./AppealNote";
import { GradeBadge } from "./GradeBadge";
import { MyQualityView } from "./MyQualityView";
import { Transcript } from "./Transcript";

const SCORES = Array.from({ length: QUALITY_SCORE_MAX }, (_, i) => i + 1);

/** 质检: admins review finished consultations; agents read the reviews of theirs. */
export function QualityView({ model, onOpenSession }: { model: QualityModel; onOpenSession: (threadId: string, sessionId: string) => void }) {
  if (!model.isAdmin.value) return <MyQualityView model={model} onOpenSession={onOpenSession} />;
  return (
    <main class="page tickets-page quality-page" data-testid="quality-view">
      <header class="page-head">
        <h1>{t("quality.title")}</h1>
        <span class="page-head-spacer" />
        {model.canPickShop.value && <ShopPicker value={model.shopId.value} shops={model.shops.value} onChange={(id) => model.setShop(id)} testId="quality-shop" allLabel={t("quality.allShops")} />}
        <button type="button" class="btn btn-ghost btn-icon" title={t("leaveList.refresh")} aria-label={t("leaveList.refresh")} onClick={() => void model.refresh()}>
          <Icon name="refresh" size={16} />
        </button>
      </header>
      <Filters model={model} />
      <Summary model={model} />
      {model.error.value && <ErrorNote error={model.error.value} />}
      <div class="tickets-body">
        <section class="ticket-list-pane" aria-label={t("quality.title")}>
          <SessionList model={model} />
        </section>
        <section class="ticket-pane qa-pane">
          <Detail model={model} onOpenSession={onOpenSession} />
        </section>
      </div>
    </main>
  );
}

function Filters({ model }: { model: QualityModel }) {
  return (
    <div class="kb-toolbar tickets-filters qa-filters" role="group" aria-label={t("quality.flagFilter")}>
      <select aria-label={t("quality.days")} data-testid="quality-days" value={String(model.days.value)} onChange={(e) => (model.days.value = Number(e.currentTarget.value))}>
        {QUALITY_DAY_CHOICES.map((d) => (
          <option key={d} value={String(d)}>
            {t(`quality.days.${d}`)}
          </option>
        ))}
      </select>
      <select aria-label={t("quality.flagFilter")} data-testid="quality-flag" value={model.flag.value} onChange={(e) => (model.flag.value = e.currentTarget.value as QualityFlagFilter)}>
        <option value="">{t("quality.flag.all")}</option>
        <option value="flagged">{t("quality.flag.flagged")}</option>
        {QUALITY_FLAGS.map((f) => (
          <option key={f} value={f}>
            {t(`quality.flag.${f}`)}
          </option>
        ))}
      </select>
      <span class="ticket-views" role="group" aria-label={t("quality.reviewedFilter")}>
        {(["no", "yes", "appealed", "all"] as ReviewedFilter[]).map((r) => (
          <button key={r} type="button" class={`btn btn-outline btn-small${model.reviewed.value === r ? " on" : ""}`} aria-pressed={model.reviewed.value === r} data-testid={`quality-reviewed-${r}`} onClick={() => (model.reviewed.value = r)}>
            {t(`quality.reviewed.${r}`)}
          </button>
        ))}
      </span>
      {model.agents.value.length > 0 && (
        <select aria-label={t("quality.agentFilter")} data-testid="quality-agent" value={model.agentId.value} onChange={(e) => (model.agentId.value = e.currentTarget.value)}>
          <option value="">{t("quality.agent.all")}</option>
          {model.agents.value.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** Each agent's reviews in the period: how many, the average, how many failed. */
function Summary({ model }: { model: QualityModel }) {
  const agents = model.summary.value;
  return (
    <div class="qa-summary" data-testid="quality-summary">
      <span class="qa-summary-title">{t("quality.summary")}</span>
      {agents.length === 0 && <span class="muted">{t("quality.summaryEmpty")}</span>}
      {agents.map((a) => (
        <span key={a.agentId} class="qa-summary-agent" data-testid="quality-summary-agent" data-agent-id={a.agentId}>
          <strong>{a.agentName ?? a.agentId}</strong> {t("quality.summaryRow", { n: a.reviews, avg: a.averageTotal })}
          {a.failed > 0 && <span class="qa-failed"> · {t("quality.summaryFailed", { n: a.failed })}</span>}
        </span>
      ))}
    </div>
  );
}

function FlagChips({ flags }: { flags: QualitySessionRow["flags"] }) {
  return (
    <>
      {flags.map((f) => (
        <span key={f} class="chip qa-flag" data-testid="quality-flag-chip" data-flag={f}>
          {t(`quality.flag.${f}`)}
        </span>
      ))}
    </>
  );
}

function SessionList({ model }: { model: QualityModel }) {
  const rows = model.rows.value;
  if (rows.length === 0) {
    return (
      <div class="empty-hint">
        <p>{t(model.loaded.value ? "quality.empty" : "quality.loading")}</p>
        {model.loaded.value && model.flag.value !== "" && (
          <button type="button" class="btn btn-outline btn-small" data-testid="quality-show-all" onClick={() => (model.flag.value = "")}>
            {t("quality.showAll")}
          </button>
        )}
      </div>
    );
  }
  return (
    <>
      <ul class="ticket-list" data-testid="quality-list">
        {rows.map((r) => (
          <li key={r.sessionId}>
            <button type="button" class={`ticket-row${model.selectedId.value === r.sessionId ? " selected" : ""}`} data-testid="quality-row" data-session-id={r.sessionId} onClick={() => void model.open(r.sessionId)}>
              <span class="ticket-row-top">
                <span class="ticket-row-title">{r.customerName ?? r.customerId}</span>
                {r.review?.appealStatus === "open" && <span class="qa-pending" data-testid="quality-row-appealed">{t("quality.reviewed.appealed")}</span>}
                {r.review ? <GradeBadge total={r.review.total} grade={r.review.grade} /> : <span class="qa-pending">{t("quality.unreviewed")}</span>}
              </span>
              <span class="ticket-row-sub">
                <span>{r.agentName ?? r.agentId}</span>
                <time>{formatTime(r.openedAt)}</time>
                {r.rating !== null && <span>{t("quality.stars", { n: r.rating })}</span>}
                <FlagChips flags={r.flags} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {model.nextBefore.value !== null && (
        <button type="button" class="btn btn-outline btn-small btn-block" data-testid="quality-more" disabled={model.loadingMore.value} onClick={() => void model.loadMore()}>
          {t("quality.more")}
        </button>
      )}
    </>
  );
}

function Detail({ model, onOpenSession }: { model: QualityModel; onOpenSession: (threadId: string, sessionId: string) => void }) {
  if (model.detailError.value) return <ErrorNote error={model.detailError.value} />;
  const d = model.detail.value;
  if (!model.selectedId.value) return <p class="empty-hint">{t("quality.pick")}</p>;
  if (!d) return <p class="empty-hint">{t("quality.loading")}</p>;
  const s = d.session;
  return (
    <div class="qa-detail" data-testid="quality-detail" data-session-id={s.sessionId}>
      <header class="qa-detail-head">
        <h2>{s.customerName ?? s.customerId}</h2>
        <FlagChips flags={s.flags} />
        <span class="page-head-spacer" />
        <button type="button" class="btn btn-outline btn-small" data-testid="quality-open-thread" onClick={() => onOpenSession(s.threadId, s.sessionId)}>
          {t("quality.openThread")}
        </button>
      </header>
      <dl class="qa-facts">
        <dt>{t("quality.agent")}</dt>
        <dd>{s.agentName ?? s.agentId}</dd>
        <dt>{t("quality.openedAt")}</dt>
        <dd>
          {formatTime(s.openedAt)} · {channelName(s.channel)}
        </dd>
        <dt>{t("quality.firstResponse")}</dt>
        <dd>{s.firstResponseSeconds === null ? t("quality.none") : t("quality.seconds", { n: s.firstResponseSeconds })}</dd>
        <dt>{t("quality.rating")}</dt>
        <dd data-testid="quality-rating">
          {s.rating === null ? t("quality.notRated") : t("quality.stars", { n: s.rating })}
          {s.ratingComment && <q class="qa-rating-comment">{s.ratingComment}</q>}
        </dd>
        <dt>{t("quality.messagesLabel")}</dt>
        <dd>{t("quality.messages", { customer: s.customerMessages, agent: s.agentMessages })}</dd>
        {(s.closeReason === "idle" || s.closeReason === "resolved") && (
          <>
            <dt>{t("quality.ended")}</dt>
            <dd>{t(`quality.closeReason.${s.closeReason}`)}</dd>
          </>
        )}
      </dl>
      <h3>{t("quality.transcript")}</h3>
      <Transcript messages={d.transcript} truncated={d.truncated} />
      {d.review?.appeal && <AppealNote appeal={d.review.appeal} total={d.review.total} openText="quality.appealToAnswer" testId="quality-detail-appeal" />}
      <ScoreForm model={model} />
    </div>
  );
}

function ScoreForm({ model }: { model: QualityModel }) {
  const d = model.detail.value!;
  const own = model.ownSession.value;
  const total = model.draftTotal.value;
  const errors = fieldErrorsOf(model.saveError.value);
  return (
    <form
      class="qa-form"
      data-testid="quality-form"
      onSubmit={(e) => {
        e.preventDefault();
        void model.save();
      }}
    >
      <h3>{t("quality.form")}</h3>
      {own && <p class="muted" data-testid="quality-own">{t("quality.ownSession")}</p>}
      {QUALITY_CRITERIA.map((k) => (
        <div key={k} class="qa-criterion" role="radiogroup" aria-label={t(`quality.criterion.${k}`)} data-testid={`quality-criterion-${k}`}>
          <span class="qa-criterion-label">{t(`quality.criterion.${k}`)}</span>
          {SCORES.map((n) => {
            const on = model.scores.value[k] === n;
            return (
              <button
                key={n}
                type="button"
                role="radio"
                aria-checked={on}
                aria-label={t("quality.scoreOf", { criterion: t(`quality.criterion.${k}`), n })}
                class={`qa-score${on ? " on" : ""}`}
                data-testid={`quality-score-${k}-${n}`}
                disabled={own}
                onClick={() => model.setScore(k, n)}
              >
                {n}
              </button>
            );
          })}
          {errors[`scores.${k}`] && <span class="field-error">{errors[`scores.${k}`]}</span>}
        </div>
      ))}
      <label class="qa-comment">
        <span>{t("quality.comment")}</span>
        <textarea data-testid="quality-comment" rows={3} maxLength={500} placeholder={t("quality.commentPlaceholder")} value={model.comment.value} disabled={own} aria-invalid={errors.comment ? "true" : undefined} onInput={(e) => (model.comment.value = e.currentTarget.value)} />
        {errors.comment && <span class="field-error">{errors.comment}</span>}
      </label>
      {model.saveError.value && !Object.keys(errors).length && <ErrorNote error={model.saveError.value} />}
      <div class="qa-form-foot">
        <span class="qa-total" data-testid="quality-total">
          {total !== null ? t("quality.total", { total, grade: t(`quality.grade.${qualityGrade(total)}`) }) : ""}
        </span>
        {d.review && (
          <span class="muted" data-testid="quality-reviewed-by">
            {t("quality.reviewedBy", { name: d.review.reviewerName ?? d.review.reviewerId, time: formatTime(d.review.updatedAt) })}
          </span>
        )}
        {model.savedAt.value !== null && <span class="qa-saved" data-testid="quality-saved">{t("quality.saved")}</span>}
        <span class="page-head-spacer" />
        <button type="submit" class="btn btn-primary" data-testid="quality-submit" disabled={own || total === null || model.saving.value}>
          {t(model.saving.value ? "quality.saving" : d.review?.appeal?.status === "open" ? "quality.answerAppeal" : d.review ? "quality.update" : "quality.submit")}
        </button>
      </div>
    </form>
  );
}
