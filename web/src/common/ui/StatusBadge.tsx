import type { SessionStatus } from "../api-types";
import { t } from "../i18n";

/** 智能客服 while the bot has it, 待接入 while the queue does, 处理中 once an agent does, 已结束 when resolved. */
const STAGE: Record<SessionStatus, "bot" | "waiting" | "active" | "ended"> = { bot: "bot", queued: "waiting", assigned: "active", resolved: "ended" };

export function StatusBadge({ status }: { status: SessionStatus }) {
  const stage = STAGE[status];
  return (
    <span class={`badge badge-${stage}`} data-testid="session-status" data-status={status}>
      {t(`status.${stage}`)}
    </span>
  );
}
