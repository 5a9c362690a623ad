/**
 * 未解决问题: what the bot could not answer (or answered unhelpfully), grouped, most asked first.
 * Each group becomes a new article (the form starts from its question; its example wordings
 * become phrasings), or phrasings of an existing article chosen with a search picker, or is
 * dismissed.
 */
import { createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import { parseInput } from "../../../core/protocol";
import { PromoteBody } from "../../../core/protocol/knowledge";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { KnowledgeHit, UnansweredRow } from "../common/kb-types";
import type { UiError } from "./conversation-state";
import { bodyOf, emptyDraft, type ArticleDraft } from "./kb-draft";

export interface Picker {
  group: UnansweredRow;
  query: string;
  hits: readonly KnowledgeHit[];
  searching: boolean;
  chosen: string | null;
}

/** What the last action did, for a line above the list. */
export type Outcome = { kind: "created" | "phrasing" | "dismissed"; question: string };

const SEARCH_MS = 300;

export const UnansweredModel = createModel((opts: { api: ApiClient; shopId: ReadonlySignal<string>; active: ReadonlySignal<boolean>; onArticle: () => void }) => {
  const rows = signal<readonly UnansweredRow[]>([]);
  const loaded = signal(false);
  const error = signal<UiError | null>(null);
  const busy = signal<ReadonlySet<string>>(new Set());
  const outcome = signal<Outcome | null>(null);
  const form = signal<{ group: UnansweredRow; draft: ArticleDraft } | null>(null);
  const formError = signal<UiError | null>(null);
  const fields = signal<FieldErrors>({});
  const picker = signal<Picker | null>(null);
  const shop = () => encodeURIComponent(opts.shopId.peek());
  let loadedFor: string | null = null;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  async function load() {
    try {
      const res = await opts.api.get<{ unanswered: UnansweredRow[] }>(`/admin/unanswered?shop=${shop()}&status=open&limit=200`);
      [rows.value, error.value] = [[...res.unanswered].sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt), null];
    } catch (err) {
      error.value = toUiError(err);
    } finally {
      loaded.value = true;
    }
  }

  /** Runs an action on a group; on success the group leaves the list. */
  async function act(group: UnansweredRow, kind: Outcome["kind"], path: string, body?: unknown): Promise<boolean> {
    busy.value = new Set(busy.value).add(group.id);
    try {
      await opts.api.post(`/admin/unanswered/${encodeURIComponent(group.id)}/${path}?shop=${shop()}`, body);
      [rows.value, outcome.value] = [rows.value.filter((r) => r.id !== group.id), { kind, question: group.question }];
      if (kind !== "dismissed") opts.onArticle();
      return true;
    } catch (err) {
      const e = toUiError(err);
      if (form.value || picker.value) [formError.value, fields.value] = [e, fieldErrorsOf(e)];
      else error.value = e;
      return false;
    } finally {
      const next = new Set(busy.value);
      next.delete(group.id);
      busy.value = next;
    }
  }

  async function search(query: string) {
    const p = picker.value;
    if (!p) return;
    if (!query.trim()) return void (picker.value = { ...p, hits: [], searching: false });
    try {
      const res = await opts.api.get<{ hits: KnowledgeHit[] }>(`/admin/knowledge/search?shop=${shop()}&q=${encodeURIComponent(query.slice(0, 500))}&limit=8`);
      const current = picker.value;
      // Phrasings go to this shop's own articles: the platform's cannot be changed from here.
      if (current && current.query === query) picker.value = { ...current, hits: res.hits.filter((h) => h.shopId === opts.shopId.peek()), searching: false };
    } catch (err) {
      formError.value = toUiError(err);
    }
  }

  effect(() => {
    const s = opts.shopId.value;
    if (!opts.active.value || loadedFor === s) return;
    loadedFor = s;
    [rows.value, loaded.value, outcome.value, form.value, picker.value] = [[], false, null, null, null];
    void load();
  });
  effect(() => () => clearTimeout(searchTimer));

  return {
    rows, loaded, error, busy, outcome, form, formError, fields, picker,
    reload: () => void load(),
    dismiss: (group: UnansweredRow) => void act(group, "dismissed", "dismiss"),
    startCreate(group: UnansweredRow) {
      [form.value, picker.value, formError.value, fields.value] = [{ group, draft: emptyDraft({ question: group.question }) }, null, null, {}];
    },
    editDraft(patch: Partial<ArticleDraft>) {
      if (form.value) form.value = { ...form.value, draft: { ...form.value.draft, ...patch } };
    },
    async submitCreate() {
      const f = form.value;
      if (!f) return;
      const { altQuestions: _alt, productId: _product, ...rest } = bodyOf(f.draft);
      const body = parseInput(PromoteBody, { action: "create", ...rest });
      if (!body.ok) return void ([formError.value, fields.value] = [{ code: body.code, message: body.message, details: body.issues }, fieldErrorsOf({ code: body.code, message: body.message, details: body.issues })]);
      if (await act(f.group, "created", "promote", body.value)) form.value = null;
    },
    startPhrasing(group: UnansweredRow) {
      [picker.value, form.value, formError.value, fields.value] = [{ group, query: group.question, hits: [], searching: true, chosen: null }, null, null, {}];
      void search(group.question);
    },
    setQuery(query: string) {
      if (!picker.value) return;
      picker.value = { ...picker.value, query, searching: true };
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => void search(query), SEARCH_MS);
    },
    choose(articleId: string) {
      if (picker.value) picker.value = { ...picker.value, chosen: articleId };
    },
    async submitPhrasing() {
      const p = picker.value;
      if (p?.chosen && (await act(p.group, "phrasing", "promote", { action: "phrasing", articleId: p.chosen }))) picker.value = null;
    },
    closeForms() {
      [form.value, picker.value] = [null, null];
    },
  };
});
export type UnansweredModel = InstanceType<typeof UnansweredModel>;
