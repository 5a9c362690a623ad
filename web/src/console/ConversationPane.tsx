import { useSignal } from "@preact/signals";
import { PLATFORM_SHOP_ID, parseThreadId } from "../../../core/protocol";
import type { StaffProfile } from "../common/api-types";
import { ChatBody } from "../common/chat/ChatBody";
import { ChatContext } from "../common/chat/context";
import { t } from "../common/i18n";
import { ConnectionPill } from "../common/ui/ConnectionPill";
import { Icon } from "../common/ui/Icon";
import { LevelBadge } from "../common/ui/LevelBadge";
import { StatusBadge } from "../common/ui/StatusBadge";
import type { WorkspaceModel } from "../models/workspace";
import { CustomerPanel } from "./CustomerPanel";
import { TransferDialog } from "./TransferDialog";

export function ConversationPane({ ws, staff }: { ws: WorkspaceModel; staff: StaffProfile }) {
  const transferOpen = useSignal(false);
  const c = ws.conversation.value;
  const threadId = ws.selectedId.value;
  if (!c || !threadId) {
    return (
      <section class="conv-pane conv-empty">
        <p class="empty-hint">{t("conv.pick")}</p>
      </section>
    );
  }
  const row = ws.selected.value;
  const { shopId, customerId } = parseThreadId(threadId);
  // A chat just assigned may not be in the polled list yet; the assignment knows the name.
  const name = row?.customer.name ?? ws.queue.myChats.value.find((m) => m.threadId === threadId)?.customerName ?? customerId;
  const session = c.session.value;
  const connected = c.connection.value === "open";
  const open = session !== null && session.status !== "resolved";
  const isAdmin = staff.role === "shop_admin" || staff.role === "platform_admin";
  const queue = ws.transferQueue.value;
  const canTransfer = session?.status === "assigned" && queue !== null && (session.agentId === staff.id || isAdmin);
  const platformInShop = staff.shopId === PLATFORM_SHOP_ID && shopId !== PLATFORM_SHOP_ID;
  const intervened = c.messages.value.some((m) => m.kind === "system" && m.body.notice?.code === "platform.intervened" && m.sessionId === session?.id);
  return (
    <>
      <section class="conv-pane" aria-label={name}>
        <header class="conv-head">
          <div class="conv-title">
            <h2>{name}</h2>
            {row && <LevelBadge level={row.customer.level} />}
            {session && <StatusBadge status={session.status} />}
          </div>
          <div class="conv-actions">
            <ConnectionPill status={c.connection.value} />
            {platformInShop && (
              <button type="button" class="btn btn-outline btn-small btn-warn" data-testid="intervene-button" disabled={!open || !connected || intervened} onClick={() => c.intervene()}>
                {t(intervened ? "intervene.done" : "intervene.button")}
              </button>
            )}
            {queue && (
              <button type="button" class="btn btn-outline btn-small" data-testid="transfer-button" disabled={!canTransfer || queue.connection.value !== "open"} title={canTransfer ? undefined : t("transfer.notAssigned")} onClick={() => (transferOpen.value = true)}>
                <Icon name="transfer" size={14} />
                {t("transfer.button")}
              </button>
            )}
            <button type="button" class="btn btn-outline btn-small" data-testid="resolve-button" disabled={!open || !connected} onClick={() => c.resolve()}>
              {t("conv.resolve")}
            </button>
          </div>
        </header>
        <ChatContext.Provider value={{ conversation: c, files: ws.files, perspective: "agent", meId: staff.id }}>
          <ChatBody key={threadId} />
        </ChatContext.Provider>
      </section>
      <CustomerPanel row={row} shopId={shopId} customerId={customerId} agentName={session?.agentName ?? null} />
      {transferOpen.value && queue && session && (
        <TransferDialog queue={queue} sessionId={session.id} currentAgentId={session.agentId} onClose={() => (transferOpen.value = false)} />
      )}
    </>
  );
}
