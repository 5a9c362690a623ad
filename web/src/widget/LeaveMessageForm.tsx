import { useSignal } from "@preact/signals";
import { LIMITS } from "../../../core/protocol";
import { t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import type { ConversationModel } from "../models/conversation";

/**
 * 留言: offered when nobody can take the chat (no agent online, or the wait ran too long).
 * The shopper leaves a question and, if they like, how to reach them.
 */
export function LeaveMessageForm({ conversation: c, serviceEmail }: { conversation: ConversationModel; serviceEmail: string | null }) {
  const text = useSignal("");
  const contact = useSignal("");
  const left = c.leftMessage.value;
  if (left?.status === "saved") {
    return (
      <div class="leave-saved" role="status" data-testid="leave-message-saved">
        ✓ {t("leave.saved")}
      </div>
    );
  }
  const sending = left?.status === "sending";
  return (
    <form
      class="leave-form"
      data-testid="leave-message-form"
      onSubmit={(e) => {
        e.preventDefault();
        c.leaveMessage(text.value, contact.value);
      }}
    >
      <h2>{t("leave.title")}</h2>
      <p class="muted">{t("leave.hint")}</p>
      {serviceEmail && (
        <p class="muted leave-by-email" data-testid="leave-by-email">
          {t("leave.byEmail")} <a href={`mailto:${serviceEmail}`}>{serviceEmail}</a>
        </p>
      )}
      <label class="field">
        <span>{t("leave.text")}</span>
        <textarea rows={3} required maxLength={LIMITS.textMaxChars} data-testid="leave-message-text" value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t("leave.contact")}</span>
        <input type="text" maxLength={64} autoComplete="tel" data-testid="leave-message-contact" value={contact.value} onInput={(e) => (contact.value = e.currentTarget.value)} />
      </label>
      {left?.status === "failed" && <ErrorNote error={left.error} />}
      <button type="submit" class="btn btn-primary btn-block" data-testid="leave-message-submit" disabled={sending || !text.value.trim()}>
        {t(sending ? "leave.sending" : "leave.submit")}
      </button>
    </form>
  );
}
