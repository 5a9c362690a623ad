import { formatTime, nameOf, t } from "../../common/i18n";
import type { UnansweredRow } from "../../common/kb-types";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { UnansweredModel } from "../../models/kb-unanswered";
import { UnansweredForms } from "./UnansweredForms";

function Group({ g, model }: { g: UnansweredRow; model: UnansweredModel }) {
  const busy = model.busy.value.has(g.id);
  const examples = g.examples.filter((e) => e !== g.question).slice(0, 5);
  const current = model.form.value?.group.id === g.id || model.picker.value?.group.id === g.id;
  return (
    <li class={`un-item${current ? " selected" : ""}`} data-testid="unanswered-item" data-id={g.id} data-count={g.count}>
      <div class="un-count" title={t("un.countTitle")}>
        <strong>{g.count}</strong>
        <span>{t("un.times")}</span>
      </div>
      <div class="un-body">
        <div class="un-question">{g.question}</div>
        {examples.length > 0 && (
          <ul class="un-examples" aria-label={t("un.examples")}>
            {examples.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <div class="un-meta">
          <span class="badge">{nameOf("unReason", g.reason)}</span>
          <span>{t("un.lastAsked", { time: formatTime(g.lastAskedAt) })}</span>
        </div>
      </div>
      <div class="un-actions">
        <button type="button" class="btn btn-primary btn-small" data-testid="unanswered-create" disabled={busy} onClick={() => model.startCreate(g)}>
          {t("un.create")}
        </button>
        <button type="button" class="btn btn-outline btn-small" data-testid="unanswered-phrasing" disabled={busy} onClick={() => model.startPhrasing(g)}>
          {t("un.phrasing")}
        </button>
        <button type="button" class="btn btn-ghost btn-small" data-testid="unanswered-dismiss" disabled={busy} onClick={() => model.dismiss(g)}>
          {t("un.dismiss")}
        </button>
      </div>
    </li>
  );
}

/** 未解决问题: most asked first, each with example wordings and one-click actions. */
export function UnansweredAdmin({ model }: { model: UnansweredModel }) {
  const rows = model.rows.value;
  const outcome = model.outcome.value;
  const panel = model.form.value !== null || model.picker.value !== null;
  return (
    <div class="un-admin" data-testid="unanswered-admin">
      <p class="muted un-hint">{t("un.hint")}</p>
      {outcome && (
        <p class="ok-note" role="status" data-testid="unanswered-outcome">
          {t(`un.outcome.${outcome.kind}`, { q: outcome.question })}
        </p>
      )}
      {model.error.value && <ErrorNote error={model.error.value} />}
      <div class={`kb-body${panel ? " editing" : ""}`}>
        <section>
          {model.loaded.value && rows.length === 0 && <p class="empty-hint">{t("un.empty")}</p>}
          <ul class="un-list" data-testid="unanswered-list">
            {rows.map((g) => (
              <Group key={g.id} g={g} model={model} />
            ))}
          </ul>
        </section>
        <UnansweredForms model={model} />
      </div>
    </div>
  );
}
