import { nameOf, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { ArticleEditorModel } from "../../models/kb-editor";
import { ArticleFields } from "./ArticleFields";
import { PanelHead } from "./PanelHead";

/** The preview is the answer as the bot will send it: the server's rendering of the saved Markdown. */
function Preview({ editor }: { editor: ArticleEditorModel }) {
  const a = editor.stored.value;
  return (
    <div class="kb-preview" data-testid="kb-preview">
      <h3>
        {t("kb.preview")} <span class="muted">{t("kb.previewHint")}</span>
      </h3>
      {a ? (
        <div class="kb-preview-bubble">
          <div class="bot-article-q">{a.question}</div>
          <div class="bot-article-html" data-testid="kb-preview-html" dangerouslySetInnerHTML={{ __html: a.answerHtml }} />
        </div>
      ) : (
        <p class="muted">{t("kb.previewEmpty")}</p>
      )}
      {a && editor.answerChanged.value && <p class="info-note">{t("kb.previewStale")}</p>}
      {a && <p class="kb-counters">{t("kb.counters", { shown: a.shownCount, helpful: a.helpfulCount, unhelpful: a.notHelpfulCount })}</p>}
    </div>
  );
}

/** A new or stored article: the form, save, publish / unpublish, delete, and the preview. */
export function ArticleEditor({ editor }: { editor: ArticleEditorModel }) {
  const d = editor.draft.value;
  if (!d) return null;
  const a = editor.stored.value;
  const busy = editor.busy.value;
  const error = editor.error.value;
  const fields = editor.fields.value;
  return (
    <section class="kb-editor" data-testid="kb-editor" data-article-id={a?.id}>
      <PanelHead title={t(a ? "kb.editTitle" : "kb.newTitle")} onClose={() => editor.close()}>
        {a && <span class={`badge kb-status-${a.status}`} data-testid="kb-editor-status">{nameOf("kbStatus", a.status)}</span>}
      </PanelHead>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void editor.save();
        }}
      >
        <ArticleFields draft={d} fields={fields} onChange={(patch) => editor.edit(patch)} />
        {error && (Object.keys(fields).length ? <p class="error-note" role="alert">{t("kb.fixFields")}</p> : <ErrorNote error={error} />)}
        <div class="kb-editor-actions">
          <button type="submit" class="btn btn-primary" data-testid="kb-save" disabled={busy}>
            {t(busy ? "admin.saving" : "admin.save")}
          </button>
          {a && (
            <button type="button" class="btn btn-outline" data-testid={a.status === "published" ? "kb-unpublish" : "kb-publish"} disabled={busy} onClick={() => void editor.setPublished(a.status !== "published")}>
              {t(a.status === "published" ? "kb.unpublish" : "kb.publish")}
            </button>
          )}
          {editor.justSaved.value && <span class="ok-note" data-testid="kb-saved">{t("admin.saved")}</span>}
          <span class="page-head-spacer" />
          {a && (
            <button type="button" class="btn btn-outline btn-danger" data-testid="kb-delete" disabled={busy} onClick={() => confirm(t("kb.confirmDelete", { q: a.question })) && void editor.remove()}>
              {t("kb.delete")}
            </button>
          )}
        </div>
      </form>
      <Preview editor={editor} />
    </section>
  );
}
