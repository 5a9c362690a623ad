import type { ComponentChildren } from "preact";
import { t } from "../../common/i18n";
import type { RowState } from "../../models/admin-directory";
import { FieldError } from "./FieldError";
import { RowStatus } from "./RowStatus";

/** A number input with its field error under it: one cell of an admin row. */
export function NumberCell(p: { testId: string; value: string | number; error: string | undefined; onInput: (value: string) => void; min?: number; max?: number }) {
  return (
    <td>
      <input class="input-num" type="number" inputMode="numeric" min={p.min} max={p.max} data-testid={p.testId} value={p.value} onInput={(e) => p.onInput(e.currentTarget.value)} aria-invalid={!!p.error} />
      <FieldError message={p.error} />
    </td>
  );
}

/** A select with its field error under it. */
export function SelectCell(p: { testId: string; value: string; error: string | undefined; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  return (
    <td>
      <select data-testid={p.testId} value={p.value} onChange={(e) => p.onChange(e.currentTarget.value)} aria-invalid={!!p.error}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError message={p.error} />
    </td>
  );
}

/** The row's save button (and any other action of the row) and what became of the last save. */
export function SaveCell({ testId, row, onSave, children }: { testId: string; row: RowState | undefined; onSave: () => void; children?: ComponentChildren }) {
  return (
    <td class="row-actions">
      <button type="button" class="btn btn-primary btn-small" data-testid={testId} disabled={row?.status === "saving"} onClick={onSave}>
        {t("admin.save")}
      </button>
      {children}
      <RowStatus state={row} />
    </td>
  );
}
