import { t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { UnansweredModel } from "../../models/kb-unanswered";
import { ArticleFields } from "./ArticleFields";
import { PanelHead } from "./PanelHead";

/** 加为相似问法: search this shop's articles (the group's question is the first search) and pick one. */
function PhrasingPicker({ model }: { model: UnansweredModel }) {
  const p = model.picker.value!;
  const busy = model.busy.value.has(p.group.id);
  return (
    <section class="kb-editor" data-testid="unanswered-picker">
      <PanelHead title={t("un.pickTitle")} onClose={() => model.closeForms()} />
      <p class="muted">{t("un.pickHint", { q: p.group.question })}</p>
      <input type="search" class="kb-search" data-testid="unanswered-picker-search" placeholder={t("kb.searchPlaceholder")} value={p.query} onInput={(e) => model.setQuery(e.currentTarget.value)} />
      <ul class="choice-list un-picks" role="radiogroup" aria-label={t("un.pickTitle")}>
        {p.hits.length === 0 && <li class="empty-hint">{t(p.searching ? "threads.loading" : "un.noHits")}</li>}
        {p.hits.map((h) => (
          <li key={h.articleId}>
            <label class="choice" data-testid="unanswered-pick" data-article-id={h.articleId}>
              <input type="radio" name="article" checked={p.chosen === h.articleId} onChange={() => model.choose(h.articleId)} />
              <span class="choice-name">{h.question}</span>
            </label>
          </li>
        ))}
      </ul>
      {model.formError.value && <ErrorNote error={model.formError.value} />}
      <div class="kb-editor-actions">
        <button type="button" class="btn btn-primary" data-testid="unanswered-phrasing-submit" disabled={!p.chosen || busy} onClick={() => void model.submitPhrasing()}>
          {t("un.addPhrasings", { n: 1 + p.group.examples.filter((e) => e !== p.group.question).length })}
        </button>
      </div>
    </section>
  );
}

/** The panel beside the list: a new article from a group, or the phrasing picker. */
export function UnansweredForms({ model }: { model: UnansweredModel }) {
  if (model.picker.value) return <PhrasingPicker model={model} />;
  const f = model.form.value;
  if (!f) return null;
  const fields = model.fields.value;
  const error = model.formError.value;
  const examples = f.group.examples.filter((e) => e !== f.draft.question);
  return (
    <section class="kb-editor" data-testid="unanswered-form">
      <PanelHead title={t("un.createTitle")} onClose={() => model.closeForms()} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void model.submitCreate();
        }}
      >
        <ArticleFields short draft={f.draft} fields={fields} onChange={(patch) => model.editDraft(patch)} />
        {examples.length > 0 && (
          <div class="field">
            <span>{t("un.becomePhrasings")}</span>
            <ul class="un-examples">
              {examples.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        {error && (Object.keys(fields).length ? <p class="error-note" role="alert">{t("kb.fixFields")}</p> : <ErrorNote error={error} />)}
        <div class="kb-editor-actions">
          <button type="submit" class="btn btn-primary" data-testid="unanswered-create-submit" disabled={model.busy.value.has(f.group.id)}>
            {t("un.createSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}
