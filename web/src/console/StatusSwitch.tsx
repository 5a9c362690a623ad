import { t } from "../common/i18n";
import type { AgentStatus, QueueModel } from "../models/queue";

const CHOICES: Exclude<AgentStatus, "offline">[] = ["online", "busy", "away"];

/** 在线 / 忙碌 / 离开; shows 离线 while the queue socket is not connected. */
export function StatusSwitch({ queue }: { queue: QueueModel }) {
  const status = queue.status.value;
  const connected = queue.connection.value === "open";
  const changing = queue.busy.value.has("status");
  return (
    <div class="status-switch" role="radiogroup" aria-label={t("agentStatus.label")} data-testid="status-switch" data-status={status}>
      {!connected && (
        <span class="status-choice status-offline" data-testid="status-offline">
          <i class="status-dot status-dot-offline" aria-hidden="true" />
          {t("agentStatus.offline")}
        </span>
      )}
      {CHOICES.map((s) => (
        <button
          key={s}
          type="button"
          role="radio"
          aria-checked={status === s}
          class={`status-choice${status === s ? " checked" : ""}`}
          data-testid={`status-${s}`}
          disabled={!connected || changing}
          onClick={() => void queue.setStatus(s)}
        >
          <i class={`status-dot status-dot-${s}`} aria-hidden="true" />
          {t(`agentStatus.${s}`)}
        </button>
      ))}
    </div>
  );
}
