/**
 * The article form of 知识库: a new article or a stored one as a draft; save (create or
 * PATCH), publish / unpublish, delete. After a save the stored article, with the answer HTML
 * the server rendered, is kept for the preview.
 */
import { computed, createModel, signal, type ReadonlySignal } from "@preact/signals";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { ArticleRow } from "../common/kb-types";
import type { UiError } from "./conversation-state";
import { bodyOf, checkDraft, draftOf, emptyDraft, type ArticleDraft } from "./kb-draft";

export interface EditorOptions {
  api: ApiClient;
  shopId: ReadonlySignal<string>;
  /** Something was stored or deleted: the list reloads. */
  onChanged: () => void;
}

export const ArticleEditorModel = createModel((opts: EditorOptions) => {
  /** null: the form is closed. */
  const draft = signal<ArticleDraft | null>(null);
  /** The article as stored (null for a new one, until its first save). */
  const stored = signal<ArticleRow | null>(null);
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  const fields = signal<FieldErrors>({});
  const justSaved = signal(false);
  /** The answer typed differs from the one the preview was rendered from. */
  const answerChanged = computed(() => !!draft.value && draft.value.answer !== (stored.value?.answer ?? ""));
  const q = () => `?shop=${encodeURIComponent(opts.shopId.peek())}`;
  const path = (id: string, tail = "") => `/admin/knowledge/${encodeURIComponent(id)}${tail}${q()}`;

  function fail(e: UiError) {
    error.value = e;
    fields.value = fieldErrorsOf(e);
  }

  /** `statusOnly`: publishing changes the status alone, so edits not yet saved stay in the form. */
  async function run(work: () => Promise<ArticleRow | null>, statusOnly = false) {
    busy.value = true;
    error.value = null;
    fields.value = {};
    justSaved.value = false;
    try {
      const row = await work();
      const d = draft.peek();
      if (row) [stored.value, draft.value, justSaved.value] = [row, statusOnly && d ? { ...d, status: row.status } : draftOf(row), true];
      opts.onChanged();
    } catch (err) {
      fail(toUiError(err));
    } finally {
      busy.value = false;
    }
  }

  return {
    draft,
    stored,
    busy,
    error,
    fields,
    justSaved,
    answerChanged,
    create(prefill?: Partial<ArticleDraft>) {
      [draft.value, stored.value, error.value, fields.value, justSaved.value] = [emptyDraft(prefill), null, null, {}, false];
    },
    open(row: ArticleRow) {
      [draft.value, stored.value, error.value, fields.value, justSaved.value] = [draftOf(row), row, null, {}, false];
    },
    close() {
      draft.value = null;
      stored.value = null;
    },
    edit(patch: Partial<ArticleDraft>) {
      if (draft.value) [draft.value, justSaved.value] = [{ ...draft.value, ...patch }, false];
    },
    /** Checks with the protocol schema first (same messages as the server), then creates or PATCHes. */
    save() {
      const d = draft.value;
      if (!d) return;
      const issues = checkDraft(d);
      if (issues.length) return fail({ code: "invalid_input", message: issues[0]!.message, details: issues } satisfies UiError);
      const id = stored.value?.id;
      return run(() => (id ? opts.api.patch<ArticleRow>(path(id), bodyOf(d)) : opts.api.post<ArticleRow>(`/admin/knowledge${q()}`, bodyOf(d))));
    },
    setPublished(published: boolean) {
      const id = stored.value?.id;
      if (id) return run(() => opts.api.post<ArticleRow>(path(id, published ? "/publish" : "/unpublish")), true);
    },
    remove() {
      const id = stored.value?.id;
      if (!id) return;
      return run(async () => {
        await opts.api.del(path(id));
        draft.value = null;
        stored.value = null;
        return null;
      });
    },
  };
});
export type ArticleEditorModel = InstanceType<typeof ArticleEditorModel>;
