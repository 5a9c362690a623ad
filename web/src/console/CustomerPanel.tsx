import type { ThreadRow } from "../common/api-types";
import { channelName, entryName, formatTime, t } from "../common/i18n";
import { LevelBadge } from "../common/ui/LevelBadge";

/** Who the agent is talking to and where the chat came from, at a glance (the right column). */
export function CustomerPanel({ row, shopId, customerId, agentName }: { row: ThreadRow | null; shopId: string; customerId: string; agentName: string | null }) {
  const s = row?.session;
  return (
    <aside class="customer-panel" aria-label={t("conv.customerId")}>
      <div class="customer-card">
        <span class={`avatar avatar-large avatar-${row?.customer.level ?? "normal"}`} aria-hidden="true">
          {(row?.customer.name ?? customerId).slice(0, 1)}
        </span>
        <div class="customer-name">{row?.customer.name ?? customerId}</div>
        {row && <LevelBadge level={row.customer.level} />}
      </div>
      <dl class="facts">
        <dt>{t("conv.customerId")}</dt>
        <dd>{customerId}</dd>
        <dt>{t("conv.shop")}</dt>
        <dd>{shopId}</dd>
        {s && (
          <>
            <dt>{t("conv.from")}</dt>
            <dd>
              {channelName(s.channel)}
              {s.entryType && ` · ${entryName(s.entryType)}${s.entryId ? ` ${s.entryId}` : ""}`}
            </dd>
            <dt>{t("conv.openedAt")}</dt>
            <dd>{formatTime(s.openedAt)}</dd>
          </>
        )}
        {agentName && (
          <>
            <dt>{t("conv.agent")}</dt>
            <dd>{agentName}</dd>
          </>
        )}
      </dl>
    </aside>
  );
}
