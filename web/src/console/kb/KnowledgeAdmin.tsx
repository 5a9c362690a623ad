import { ARTICLE_KINDS, ARTICLE_STATUSES } from "../../../../core/protocol/knowledge";
import type { ArticleRow } from "../../common/kb-types";
import { formatTime, nameOf, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { PAGE_SIZE, type KnowledgeFilter, type KnowledgeModel } from "../../models/kb-articles";
import { ArticleEditor } from "./ArticleEditor";
import { ImportPanel } from "./ImportPanel";

/** A promotion outside its window is never answered: say so in the list. */
function windowNote(a: ArticleRow, now: number): string | null {
  if (a.validTo !== null && a.validTo <= now) return t("kb.expired");
  if (a.validFrom !== null && a.validFrom > now) return t("kb.notYet");
  return null;
}

function ArticleLine({ a, selected, onOpen }: { a: ArticleRow; selected: boolean; onOpen: () => void }) {
  const note = windowNote(a, Date.now());
  return (
    <tr class={`kb-line${selected ? " selected" : ""}`} data-testid="kb-article" data-id={a.id} data-status={a.status}>
      <td>
        <button type="button" class="kb-open" onClick={onOpen}>
          {a.question}
        </button>
        <div class="kb-line-sub">
          {a.altQuestions.length > 0 && <span>{t("kb.phrasingCount", { n: a.altQuestions.length })}</span>}
          {a.tags.map((tag) => (
            <span key={tag} class="chip">{tag}</span>
          ))}
        </div>
      </td>
      <td>{nameOf("kbKind", a.kind)}</td>
      <td>
        <span class={`badge kb-status-${a.status}`}>{nameOf("kbStatus", a.status)}</span>
        {note && <span class="badge kb-window-note">{note}</span>}
      </td>
      <td class="num" title={t("kb.countersTitle")}>
        {a.shownCount} / <span class="ok">{a.helpfulCount}</span> / <span class="bad">{a.notHelpfulCount}</span>
      </td>
      <td class="num">{formatTime(a.updatedAt)}</td>
    </tr>
  );
}

/** 知识库: filters and search, the article list, the article form, import and export. */
export function KnowledgeAdmin({ model }: { model: KnowledgeModel }) {
  const f = model.filter.value;
  const editor = model.editor;
  const selectedId = editor.stored.value?.id;
  const total = model.total.value;
  const from = model.offset.value;
  const set = (patch: Partial<KnowledgeFilter>) => model.setFilter(patch);
  return (
    <div class="kb-admin" data-testid="kb-admin">
      <div class="kb-toolbar">
        <input type="search" class="kb-search" data-testid="kb-search" placeholder={t("kb.searchPlaceholder")} aria-label={t("kb.searchPlaceholder")} value={f.q} onInput={(e) => set({ q: e.currentTarget.value })} />
        <select data-testid="kb-filter-status" aria-label={t("kb.status")} value={f.status} onChange={(e) => set({ status: e.currentTarget.value as KnowledgeFilter["status"] })}>
          <option value="">{t("kb.allStatuses")}</option>
          {ARTICLE_STATUSES.map((s) => (
            <option key={s} value={s}>{nameOf("kbStatus", s)}</option>
          ))}
        </select>
        <select data-testid="kb-filter-kind" aria-label={t("kb.kind")} value={f.kind} onChange={(e) => set({ kind: e.currentTarget.value as KnowledgeFilter["kind"] })}>
          <option value="">{t("kb.allKinds")}</option>
          {ARTICLE_KINDS.map((k) => (
            <option key={k} value={k}>{nameOf("kbKind", k)}</option>
          ))}
        </select>
        <span class="page-head-spacer" />
        <button type="button" class="btn btn-primary btn-small" data-testid="kb-new" onClick={() => editor.create()}>
          + {t("kb.new")}
        </button>
        <button type="button" class={`btn btn-outline btn-small${model.importing.value ? " on" : ""}`} data-testid="kb-import-toggle" aria-expanded={model.importing.value} onClick={() => model.toggleImport()}>
          {t("kbImport.title")}
        </button>
        <button type="button" class="btn btn-outline btn-small" data-testid="kb-export-csv" disabled={model.exporting.value} onClick={() => void model.exportAs("csv")}>
          {t("kb.exportCsv")}
        </button>
        <button type="button" class="btn btn-outline btn-small" data-testid="kb-export-json" disabled={model.exporting.value} onClick={() => void model.exportAs("json")}>
          {t("kb.exportJson")}
        </button>
      </div>
      {model.importing.value && <ImportPanel importer={model.importer} />}
      {model.error.value && <ErrorNote error={model.error.value} />}
      <div class={`kb-body${editor.draft.value ? " editing" : ""}`}>
        <section class="kb-list-col">
          <table class="data-table admin-table kb-table" data-testid="kb-list" data-loading={String(model.loading.value)}>
            <thead>
              <tr>
                <th>{t("kb.question")}</th>
                <th>{t("kb.kind")}</th>
                <th>{t("kb.status")}</th>
                <th title={t("kb.countersTitle")}>{t("kb.countersShort")}</th>
                <th>{t("kb.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {model.articles.value.map((a) => (
                <ArticleLine key={a.id} a={a} selected={a.id === selectedId} onOpen={() => editor.open(a)} />
              ))}
            </tbody>
          </table>
          {model.loaded.value && total === 0 && <p class="empty-hint">{t("kb.empty")}</p>}
          {total > 0 && (
            <div class="kb-pager">
              <span>{t("kb.range", { from: from + 1, to: Math.min(from + PAGE_SIZE, total), total })}</span>
              <button type="button" class="btn btn-outline btn-small" disabled={from === 0} onClick={() => model.page(-1)}>
                {t("kb.prev")}
              </button>
              <button type="button" class="btn btn-outline btn-small" disabled={from + PAGE_SIZE >= total} onClick={() => model.page(1)}>
                {t("kb.next")}
              </button>
            </div>
          )}
        </section>
        <ArticleEditor editor={editor} />
      </div>
    </div>
  );
}
