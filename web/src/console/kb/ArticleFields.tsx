import { ARTICLE_KINDS, ARTICLE_STATUSES, KB_LIMITS } from "../../../../core/protocol/knowledge";
import { errorAt, type FieldErrors } from "../../common/field-errors";
import { nameOf, t } from "../../common/i18n";
import type { ArticleDraft } from "../../models/kb-draft";
import { ChipsInput } from "../admin/ChipsInput";
import { FieldError } from "../admin/FieldError";

export interface ArticleFieldsProps {
  draft: ArticleDraft;
  fields: FieldErrors;
  onChange: (patch: Partial<ArticleDraft>) => void;
  /** The unanswered list's "create article" form: phrasings come from the group, no product link. */
  short?: boolean;
}

/** The fields of an article: kind, status, question, phrasings, Markdown answer, tags, category, product, validity. */
export function ArticleFields({ draft: d, fields, onChange, short = false }: ArticleFieldsProps) {
  const promotion = d.kind === "promotion";
  const bad = (f: string) => !!errorAt(fields, f);
  return (
    <div class="kb-fields">
      <div class="kb-row">
        <label class="field">
          <span>{t("kb.kind")}</span>
          <select data-testid="kb-kind" value={d.kind} onChange={(e) => onChange({ kind: e.currentTarget.value as ArticleDraft["kind"] })} aria-invalid={bad("kind")}>
            {ARTICLE_KINDS.map((k) => (
              <option key={k} value={k}>{nameOf("kbKind", k)}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t("kb.status")}</span>
          <select data-testid="kb-status" value={d.status} onChange={(e) => onChange({ status: e.currentTarget.value as ArticleDraft["status"] })}>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>{nameOf("kbStatus", s)}</option>
            ))}
          </select>
        </label>
      </div>
      <label class="field">
        <span>{t("kb.question")}</span>
        <input type="text" data-testid="kb-question" maxLength={KB_LIMITS.questionMax} value={d.question} onInput={(e) => onChange({ question: e.currentTarget.value })} aria-invalid={bad("question")} />
        <FieldError message={errorAt(fields, "question")} />
      </label>
      {!short && (
        <label class="field">
          <span>{t("kb.phrasings")}</span>
          <textarea rows={3} data-testid="kb-phrasings" placeholder={t("kb.phrasingsHint")} value={d.altQuestions} onInput={(e) => onChange({ altQuestions: e.currentTarget.value })} aria-invalid={bad("altQuestions")} />
          <FieldError message={errorAt(fields, "altQuestions")} />
        </label>
      )}
      <label class="field">
        <span>{t("kb.answer")}</span>
        <textarea rows={7} class="mono-text" data-testid="kb-answer" maxLength={KB_LIMITS.answerMax} placeholder={t("kb.answerHint")} value={d.answer} onInput={(e) => onChange({ answer: e.currentTarget.value })} aria-invalid={bad("answer")} />
        <FieldError message={errorAt(fields, "answer")} />
      </label>
      <div class="field">
        <span>{t("kb.tags")}</span>
        <ChipsInput values={d.tags} onChange={(tags) => onChange({ tags })} placeholder={t("kb.tagsHint")} testId="kb-tags" invalid={bad("tags")} />
        <FieldError message={errorAt(fields, "tags")} />
      </div>
      <div class="kb-row">
        <label class="field">
          <span>{t("kb.category")}</span>
          <input type="text" data-testid="kb-category" maxLength={64} value={d.category} onInput={(e) => onChange({ category: e.currentTarget.value })} aria-invalid={bad("category")} />
          <FieldError message={errorAt(fields, "category")} />
        </label>
        {!short && (
          <label class="field">
            <span>{t("kb.product")}</span>
            <input type="text" data-testid="kb-product" maxLength={64} placeholder="p-apparel-001" value={d.productId} onInput={(e) => onChange({ productId: e.currentTarget.value })} aria-invalid={bad("productId")} />
            <FieldError message={errorAt(fields, "productId")} />
          </label>
        )}
      </div>
      <fieldset class={`kb-window${promotion ? " required" : ""}`}>
        <legend>{t(promotion ? "kb.windowRequired" : "kb.window")}</legend>
        <div class="kb-row">
          <label class="field">
            <span>{t("kb.validFrom")}</span>
            <input type="datetime-local" data-testid="kb-valid-from" value={d.validFrom} onInput={(e) => onChange({ validFrom: e.currentTarget.value })} aria-invalid={bad("validFrom")} />
            <FieldError message={errorAt(fields, "validFrom")} />
          </label>
          <label class="field">
            <span>{t("kb.validTo")}</span>
            <input type="datetime-local" data-testid="kb-valid-to" value={d.validTo} onInput={(e) => onChange({ validTo: e.currentTarget.value })} aria-invalid={bad("validTo")} />
            <FieldError message={errorAt(fields, "validTo")} />
          </label>
        </div>
      </fieldset>
    </div>
  );
}
