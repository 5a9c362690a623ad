import { t } from "../common/i18n";
import { Icon } from "../common/ui/Icon";
import type { NotifierModel } from "../models/notifier";

/** Asks for notification permission only when clicked; afterwards shows whether alerts are on. */
export function NotifyButton({ notifier }: { notifier: NotifierModel }) {
  const permission = notifier.permission.value;
  if (permission === "granted" || permission === "denied") {
    const on = permission === "granted";
    return (
      <span class={`notify-state${on ? " on" : ""}`} data-testid="notify-state" data-permission={permission} title={t(on ? "notify.on" : "notify.denied")}>
        <Icon name="bell" size={16} />
        <span class="visually-hidden">{t(on ? "notify.on" : "notify.denied")}</span>
      </span>
    );
  }
  return (
    <button type="button" class="btn btn-ghost btn-small" data-testid="notify-enable" title={t("notify.enableHint")} onClick={() => void notifier.enable()}>
      <Icon name="bell" size={16} />
      {t("notify.enable")}
    </button>
  );
}
