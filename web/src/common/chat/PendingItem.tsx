import type { PendingMessage } from "../../models/conversation-state";
import { errorText, t } from "../i18n";
import { useChat } from "./context";

/** Cards show their title until the room returns the full snapshot. */
function label(item: PendingMessage): string {
  if (item.kind === "product_card") return `${t("card.product")}: ${item.text ?? ""}`;
  if (item.kind === "order_card") return `${t("card.order")}: ${item.text ?? ""}`;
  return item.text ?? "";
}

/** A message on its way: shown at once, replaced by the stored one when the room confirms it. */
export function PendingItem({ item }: { item: PendingMessage }) {
  const { conversation } = useChat();
  const failed = item.status === "failed";
  return (
    <li class={`msg msg-out msg-pending${failed ? " msg-failed" : ""}${item.kind === "note" ? " msg-note" : ""}`} data-testid="message-pending" data-client-id={item.clientId} data-status={item.status}>
      <div class="bubble">
        {item.kind === "note" && <div class="msg-note-label">{t("msg.note")} · {t("msg.staffOnly")}</div>}
        {item.kind === "image" && item.localUrl ? <img class="msg-image" src={item.localUrl} alt={t("media.image")} /> : <p class="msg-text">{label(item)}</p>}
      </div>
      <div class="msg-meta">
        {failed ? (
          <>
            <span class="msg-error" role="alert">
              {t("conv.failed")}
              {item.error && `: ${errorText(item.error.code)}`}
              {item.error?.message && <span class="msg-error-detail"> ({item.error.message})</span>}
            </span>
            <button type="button" class="link-btn" onClick={() => void conversation.retry(item.clientId)}>
              {t("conv.retry")}
            </button>
            <button type="button" class="link-btn" onClick={() => conversation.discard(item.clientId)}>
              {t("conv.discard")}
            </button>
          </>
        ) : (
          <span class="msg-status">{t(item.status === "uploading" ? "conv.uploading" : "conv.sending")}</span>
        )}
      </div>
    </li>
  );
}
