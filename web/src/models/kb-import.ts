/**
 * 导入: a CSV or JSON file parsed in the browser, uploaded in chunks of 500 rows (each with the
 * number of its first row), with progress, the running counts and every bad row's number, field
 * and message; optionally only checked (dry run). A chunk that fails as a whole stops the import
 * and says how far it got.
 */
import { computed, createModel, signal, type ReadonlySignal } from "@preact/signals";
import Papa from "papaparse";
import type { ApiClient } from "../common/api";
import { downloadBlob } from "../common/download";
import { toUiError } from "../common/field-errors";
import { readImportFile, type FileProblem } from "../common/kb-file";
import type { ImportResult, RowError } from "../common/kb-types";
import type { UiError } from "./conversation-state";

export const CHUNK_ROWS = 500;
/** Row errors kept for the table and the report; the count goes on. */
const ERRORS_KEPT = 5000;

export type ImportPhase = "idle" | "reading" | "uploading" | "done" | "failed" | "cancelled";

export const ImportModel = createModel((opts: { api: ApiClient; shopId: ReadonlySignal<string>; onImported: () => void }) => {
  const phase = signal<ImportPhase>("idle");
  const dryRun = signal(false);
  const fileName = signal("");
  const encoding = signal<"utf-8" | "gbk" | null>(null);
  const problem = signal<FileProblem | null>(null);
  const error = signal<UiError | null>(null);
  const total = signal(0);
  const done = signal(0);
  const counts = signal({ created: 0, updated: 0, failed: 0 });
  const errors = signal<readonly RowError[]>([]);
  const errorCount = signal(0);
  /** Whether the finished run only checked. */
  const wasDryRun = signal(false);
  const percent = computed(() => (total.value ? Math.round((done.value / total.value) * 100) : 0));
  let cancelled = false;

  function reset() {
    [problem.value, error.value, encoding.value, total.value, done.value] = [null, null, null, 0, 0];
    [counts.value, errors.value, errorCount.value] = [{ created: 0, updated: 0, failed: 0 }, [], 0];
  }

  function add(r: ImportResult) {
    const c = counts.value;
    counts.value = { created: c.created + r.created, updated: c.updated + r.updated, failed: c.failed + r.failed };
    errorCount.value += r.errors.length;
    if (errors.value.length < ERRORS_KEPT) errors.value = [...errors.value, ...r.errors].slice(0, ERRORS_KEPT);
  }

  return {
    phase, dryRun, fileName, encoding, problem, error, total, done, percent, counts, errors, errorCount, wasDryRun,
    async start(file: File) {
      reset();
      cancelled = false;
      fileName.value = file.name;
      phase.value = "reading";
      const read = await readImportFile(file);
      if (!read.ok) return void ([problem.value, phase.value] = [read.problem, "failed"]);
      [encoding.value, total.value, wasDryRun.value, phase.value] = [read.encoding, read.rows.length, dryRun.value, "uploading"];
      const shop = encodeURIComponent(opts.shopId.peek());
      for (let i = 0; i < read.rows.length; i += CHUNK_ROWS) {
        if (cancelled) return void (phase.value = "cancelled");
        const chunk = read.rows.slice(i, i + CHUNK_ROWS);
        try {
          add(await opts.api.post<ImportResult>(`/admin/knowledge/import?shop=${shop}&format=json&firstRow=${i + 1}&dryRun=${wasDryRun.value ? 1 : 0}`, { rows: chunk }));
          done.value = i + chunk.length;
        } catch (err) {
          [error.value, phase.value] = [toUiError(err), "failed"];
          if (!wasDryRun.value) opts.onImported();
          return;
        }
      }
      phase.value = "done";
      if (!wasDryRun.value) opts.onImported();
    },
    cancel() {
      cancelled = true;
    },
    clear() {
      reset();
      phase.value = "idle";
    },
    /** The bad rows as a CSV the admin can fix the file from. */
    downloadErrors() {
      const csv = Papa.unparse({ fields: ["row", "field", "message"], data: errors.value.map((e) => [e.row, e.field, e.message]) }, { escapeFormulae: true });
      downloadBlob(new Blob([`\ufeff${csv}`], { type: "text/csv;charset=utf-8" }), `import-errors-${fileName.value.replace(/\.[^.]+$/, "")}.csv`);
    },
  };
});
export type ImportModel = InstanceType<typeof ImportModel>;
