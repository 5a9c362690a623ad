import type { StaffProfile } from "../../common/api-types";
import { t } from "../../common/i18n";
import { ConnectionPill } from "../../common/ui/ConnectionPill";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { WorkspaceModel } from "../../models/workspace";
import { ShopPicker } from "../ShopPicker";
import { AgentsPanel } from "./AgentsPanel";
import { GroupsSummary } from "./GroupsSummary";
import { WaitingTable } from "./WaitingTable";

/** 排队: who is waiting (with 接入), the shop's agents and its groups, live from the queue socket. */
export function QueueView({ ws, staff }: { ws: WorkspaceModel; staff: StaffProfile }) {
  const queue = ws.shownQueue.value;
  const snap = queue.snapshot.value;
  const me = queue.me.value;
  const error = queue.error.value;
  return (
    <main class="page queue-page" data-testid="queue-view">
      <header class="page-head">
        <h1>{t("queue.title")}</h1>
        <ConnectionPill status={queue.connection.value} testId="queue-view-connection" label={t("queueConn.label")} />
        {me && (
          <span class="badge badge-active" data-testid="my-load">
            {t("queue.myLoad", { load: me.load, capacity: me.capacity })}
          </span>
        )}
        <span class="page-head-spacer" />
        {staff.role === "platform_admin" && <ShopPicker value={ws.queueShop.value} shops={ws.shops.value} onChange={(id) => (ws.queueShop.value = id)} testId="queue-shop" />}
      </header>
      {error && <ErrorNote error={error} onDismiss={() => queue.dismissError()} />}
      <GroupsSummary groups={snap?.groups ?? []} />
      <div class="queue-grid">
        <WaitingTable queue={queue} canPick={me !== null} />
        <AgentsPanel agents={snap?.agents ?? []} groups={snap?.groups ?? []} meId={staff.id} />
      </div>
    </main>
  );
}
