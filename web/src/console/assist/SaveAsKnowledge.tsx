import { useEffect, useRef } from "preact/hooks";
import type { ChatMessage } from "../../../../core/protocol";
import { KB_LIMITS } from "../../../../core/protocol/knowledge";
import { t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { SuggestionModel } from "../../models/suggestion";
import { FieldError } from "../admin/FieldError";

/** 存为知识 beside the agent's own replies; 已存为草稿 once offered. */
export function SaveAsKnowledge({ model, message, meId }: { model: SuggestionModel; message: ChatMessage; meId: string }) {
  if (message.sender.id !== meId || message.kind !== "text" || !message.body.text) return null;
  if (model.saved.value.has(message.seq)) {
    return (
      <span class="save-kb-done" data-testid="save-knowledge-done">
        {t("suggest.saved")}
      </span>
    );
  }
  return (
    <button type="button" class="link-btn save-kb" data-testid="save-knowledge" onClick={() => model.open(message.seq)}>
      {t("suggest.action")}
    </button>
  );
}

/** The reply as a draft article: the question (the shopper's message it answered) and the answer, both editable. */
export function SuggestDialog({ model }: { model: SuggestionModel }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const form = model.form.value;
  useEffect(() => {
    if (form && !dialog.current?.open) dialog.current?.showModal();
  }, [form !== null]);
  if (!form) return null;
  const fields = model.fields.value;
  const error = model.error.value;
  return (
    <dialog ref={dialog} class="dialog" data-testid="suggest-dialog" aria-labelledby="suggest-title" onClose={() => model.close()}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void model.submit();
        }}
      >
        <h2 id="suggest-title">{t("suggest.title")}</h2>
        <p class="muted">{t("suggest.hint")}</p>
        <label class="field">
          <span>{t("kb.question")}</span>
          <input type="text" data-testid="suggest-question" maxLength={KB_LIMITS.questionMax} value={form.question} onInput={(e) => model.edit({ question: e.currentTarget.value })} aria-invalid={!!fields.question} />
          <FieldError message={fields.question} />
        </label>
        <label class="field">
          <span>{t("kb.answer")}</span>
          <textarea rows={6} data-testid="suggest-answer" maxLength={KB_LIMITS.answerMax} value={form.answer} onInput={(e) => model.edit({ answer: e.currentTarget.value })} aria-invalid={!!fields.answer} />
          <FieldError message={fields.answer} />
        </label>
        {error && !Object.keys(fields).length && <ErrorNote error={error} />}
        <div class="dialog-actions">
          <button type="button" class="btn btn-outline" onClick={() => model.close()}>
            {t("transfer.cancel")}
          </button>
          <button type="submit" class="btn btn-primary" data-testid="suggest-submit" disabled={model.busy.value}>
            {t(model.busy.value ? "admin.saving" : "suggest.submit")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
