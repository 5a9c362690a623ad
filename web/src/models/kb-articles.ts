/**
 * 知识库 of one shop (or the platform's): the article list with status, kind and text filters
 * and paging, the article form, the importer and export. Loads when its tab is first shown and
 * again when the shop changes.
 */
import { createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { ArticleKind, ArticleStatus } from "../../../core/protocol/knowledge";
import type { ApiClient } from "../common/api";
import { downloadBlob } from "../common/download";
import { toUiError } from "../common/field-errors";
import type { ArticlePage, ArticleRow } from "../common/kb-types";
import type { UiError } from "./conversation-state";
import { ArticleEditorModel } from "./kb-editor";
import { ImportModel } from "./kb-import";

export const PAGE_SIZE = 50;
const SEARCH_MS = 300;

export interface KnowledgeFilter {
  q: string;
  status: ArticleStatus | "";
  kind: ArticleKind | "";
}

export interface KnowledgeOptions {
  api: ApiClient;
  shopId: ReadonlySignal<string>;
  /** True while the 知识库 tab is on screen. */
  active: ReadonlySignal<boolean>;
}

export const KnowledgeModel = createModel((opts: KnowledgeOptions) => {
  const articles = signal<readonly ArticleRow[]>([]);
  const total = signal(0);
  const offset = signal(0);
  const loading = signal(false);
  const loaded = signal(false);
  const error = signal<UiError | null>(null);
  const filter = signal<KnowledgeFilter>({ q: "", status: "", kind: "" });
  const importing = signal(false);
  const exporting = signal(false);
  const shopQ = () => `shop=${encodeURIComponent(opts.shopId.peek())}`;
  let ticket = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let loadedFor: string | null = null;

  async function load() {
    const f = filter.peek();
    const q = new URLSearchParams({ shop: opts.shopId.peek(), limit: String(PAGE_SIZE), offset: String(offset.peek()) });
    if (f.q.trim()) q.set("q", f.q.trim());
    if (f.status) q.set("status", f.status);
    if (f.kind) q.set("kind", f.kind);
    const mine = ++ticket;
    loading.value = true;
    try {
      const page = await opts.api.get<ArticlePage>(`/admin/knowledge?${q}`);
      if (mine !== ticket) return;
      [articles.value, total.value, error.value, loaded.value] = [page.articles, page.total, null, true];
    } catch (err) {
      if (mine === ticket) error.value = toUiError(err);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  const editor = new ArticleEditorModel({ api: opts.api, shopId: opts.shopId, onChanged: () => void load() });
  const importer = new ImportModel({ api: opts.api, shopId: opts.shopId, onImported: () => void load() });

  effect(() => {
    const shop = opts.shopId.value;
    if (!opts.active.value || loadedFor === shop) return;
    loadedFor = shop;
    offset.value = 0;
    editor.close();
    importer.clear();
    void load();
  });
  effect(() => () => clearTimeout(searchTimer));

  return {
    articles, total, offset, loading, loaded, error, filter, editor, importer, importing, exporting,
    reload: () => void load(),
    /** Changes a filter; typing in the search box waits for a pause. */
    setFilter(patch: Partial<KnowledgeFilter>) {
      filter.value = { ...filter.value, ...patch };
      offset.value = 0;
      clearTimeout(searchTimer);
      if (patch.q !== undefined) searchTimer = setTimeout(() => void load(), SEARCH_MS);
      else void load();
    },
    page(delta: number) {
      const next = offset.value + delta * PAGE_SIZE;
      if (next < 0 || next >= total.value) return;
      offset.value = next;
      void load();
    },
    toggleImport() {
      importing.value = !importing.value;
    },
    /** Downloads the whole knowledge base (CSV with a BOM for Excel, or JSON); both import back. */
    async exportAs(format: "csv" | "json") {
      exporting.value = true;
      try {
        const blob = await opts.api.blob(`/admin/knowledge/export?${shopQ()}&format=${format}`);
        downloadBlob(blob, `knowledge-${opts.shopId.peek()}.${format}`);
      } catch (err) {
        error.value = toUiError(err);
      } finally {
        exporting.value = false;
      }
    },
  };
});
export type KnowledgeModel = InstanceType<typeof KnowledgeModel>;
