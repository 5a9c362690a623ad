import type { UiError } from "../../models/conversation-state";
import { errorText, t } from "../i18n";
import { issueText } from "../issue-text";

/** An error in the user's language, with the server's own detail (which names the field) below. */
export function ErrorNote({ error, onDismiss }: { error: UiError; onDismiss?: () => void }) {
  return (
    <div class="error-note" role="alert" data-testid="error-note" data-code={error.code}>
      <div>
        <strong>{errorText(error.code)}</strong>
        {error.message && <div class="error-detail">{issueText(error.message)}</div>}
      </div>
      {onDismiss && (
        <button type="button" class="btn btn-ghost btn-small" onClick={onDismiss}>
          {t("conv.dismiss")}
        </button>
      )}
    </div>
  );
}
