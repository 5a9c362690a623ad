import { t } from "../../common/i18n";
import { issueText } from "../../common/issue-text";
import type { FileProblem } from "../../common/kb-file";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { CHUNK_ROWS, type ImportModel } from "../../models/kb-import";
import { fieldLabel } from "./kb-fields";

/** Rows of errors shown on the page; all of them are in the downloadable report. */
const ERRORS_SHOWN = 200;

function problemText(p: FileProblem): string {
  switch (p.code) {
    case "badJson":
      return t("kbImport.problem.badJson", { detail: p.detail });
    case "csvQuotes":
      return t("kbImport.problem.csvQuotes", { n: p.record });
    case "csvHeader":
      return t("kbImport.problem.csvHeader", { missing: p.missing, columns: p.columns });
    default:
      return t(`kbImport.problem.${p.code}`);
  }
}

/** 导入: choose a file, optionally only check it, and watch it go up in chunks with every bad row listed. */
export function ImportPanel({ importer: m }: { importer: ImportModel }) {
  const phase = m.phase.value;
  const running = phase === "reading" || phase === "uploading";
  const c = m.counts.value;
  const errors = m.errors.value;
  const dry = m.wasDryRun.value;
  return (
    <section class="kb-import" data-testid="kb-import" data-phase={phase}>
      <h3>{t("kbImport.title")}</h3>
      <p class="muted kb-import-hint">{t("kbImport.hint", { n: CHUNK_ROWS })}</p>
      <div class="kb-import-bar">
        <label class={`btn btn-outline${running ? " disabled" : ""}`}>
          <input
            type="file"
            class="visually-hidden"
            accept=".csv,.json,text/csv,application/json"
            data-testid="kb-import-input"
            disabled={running}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              input.value = "";
              if (file) void m.start(file);
            }}
          />
          {t("kbImport.choose")}
        </label>
        <label class="inline-check">
          <input type="checkbox" data-testid="kb-import-dryrun" checked={m.dryRun.value} disabled={running} onChange={(e) => (m.dryRun.value = e.currentTarget.checked)} />
          {t("kbImport.dryRun")}
        </label>
        {running && (
          <button type="button" class="btn btn-ghost btn-small" data-testid="kb-import-cancel" onClick={() => m.cancel()}>
            {t("kbImport.cancel")}
          </button>
        )}
      </div>
      {phase !== "idle" && (
        <div class="kb-import-status" role="status">
          <div class="kb-import-line">
            <strong>{m.fileName.value}</strong>
            {m.total.value > 0 && <span>{t("kbImport.rows", { n: m.total.value })}</span>}
            <span data-testid="kb-import-phase">{t(`kbImport.phase.${phase}`, { done: m.done.value, total: m.total.value })}</span>
          </div>
          {m.encoding.value === "gbk" && <p class="info-note">{t("kbImport.gbk")}</p>}
          {m.total.value > 0 && (
            <div class="kb-progress">
              <progress data-testid="kb-import-progress" max={m.total.value} value={m.done.value} aria-label={t("kbImport.progress")} />
              <span>{m.percent.value}%</span>
            </div>
          )}
          {m.total.value > 0 && (
            <p class="kb-import-counts" data-testid="kb-import-counts">
              {t(dry ? "kbImport.countsDry" : "kbImport.counts", { created: c.created, updated: c.updated, failed: c.failed })}
            </p>
          )}
          {m.problem.value && <p class="error-note" role="alert" data-testid="kb-import-problem">{problemText(m.problem.value)}</p>}
          {m.error.value && <ErrorNote error={m.error.value} />}
        </div>
      )}
      {errors.length > 0 && (
        <div class="kb-import-errors">
          <div class="kb-import-line">
            <strong>{t("kbImport.errorsTitle", { n: m.errorCount.value })}</strong>
            {errors.length > ERRORS_SHOWN && <span class="muted">{t("kbImport.errorsFirst", { n: ERRORS_SHOWN })}</span>}
            <button type="button" class="link-btn" data-testid="kb-import-errors-download" onClick={() => m.downloadErrors()}>
              {t("kbImport.errorsDownload")}
            </button>
          </div>
          <table class="data-table" data-testid="kb-import-errors">
            <thead>
              <tr>
                <th>{t("kbImport.row")}</th>
                <th>{t("kbImport.field")}</th>
                <th>{t("kbImport.message")}</th>
              </tr>
            </thead>
            <tbody>
              {errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                <tr key={`${e.row}-${e.field}-${i}`} data-testid="kb-import-error" data-row={e.row}>
                  <td class="num">{e.row}</td>
                  <td>{fieldLabel(e.field)}</td>
                  <td>{issueText(e.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
