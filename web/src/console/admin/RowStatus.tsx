import { errorText, t } from "../../common/i18n";
import type { RowState } from "../../models/admin-directory";

/** Next to a row's save button: saving, saved, or why it failed (when no field took the blame). */
export function RowStatus({ state }: { state: RowState | undefined }) {
  if (!state) return null;
  if (state.status === "saving") return <span class="row-status muted">{t("admin.saving")}</span>;
  if (state.status === "saved") return <span class="row-status ok" data-testid="row-saved">{t("admin.saved")}</span>;
  const named = Object.keys(state.fields).length > 0;
  return (
    <span class="row-status bad" role="alert" data-testid="row-error">
      {errorText(state.error.code)}
      {!named && state.error.message ? `: ${state.error.message}` : ""}
    </span>
  );
}
