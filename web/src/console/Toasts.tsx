import { t } from "../common/i18n";
import { Icon } from "../common/ui/Icon";
import type { ToastModel } from "../models/toasts";

/** Notices in the corner (new chats, a login from a new browser): act on them, or let them fade. */
export function Toasts({ toasts }: { toasts: ToastModel }) {
  const items = toasts.items.value;
  return (
    <div class="toasts" role="status" aria-live="polite">
      {items.map((toast) => (
        <div key={toast.id} class={toast.sticky ? "toast toast-sticky" : "toast"} data-testid="toast">
          <div class="toast-body">
            <strong>{toast.title}</strong>
            {toast.body && <span class="toast-text">{toast.body}</span>}
          </div>
          {toast.action && (
            <button
              type="button"
              class="btn btn-primary btn-small"
              data-testid="toast-action"
              onClick={() => {
                toast.action!.run();
                toasts.dismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" class="btn btn-ghost btn-icon btn-small" aria-label={t("toast.dismiss")} onClick={() => toasts.dismiss(toast.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
