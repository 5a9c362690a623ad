import { parseThreadId } from "../../../core/protocol";
import { ChatBody } from "../common/chat/ChatBody";
import { ChatContext } from "../common/chat/context";
import { t } from "../common/i18n";
import { ConnectionPill } from "../common/ui/ConnectionPill";
import { LevelBadge } from "../common/ui/LevelBadge";
import { StatusBadge } from "../common/ui/StatusBadge";
import type { WorkspaceModel } from "../models/workspace";
import { CustomerPanel } from "./CustomerPanel";

export function ConversationPane({ ws, staffId }: { ws: WorkspaceModel; staffId: string }) {
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
  const session = c.session.value;
  const open = session !== null && session.status !== "resolved";
  return (
    <>
      <section class="conv-pane" aria-label={row?.customer.name ?? customerId}>
        <header class="conv-head">
          <div class="conv-title">
            <h2>{row?.customer.name ?? customerId}</h2>
            {row && <LevelBadge level={row.customer.level} />}
            {session && <StatusBadge status={session.status} />}
          </div>
          <div class="conv-actions">
            <ConnectionPill status={c.connection.value} />
            <button type="button" class="btn btn-outline btn-small" data-testid="resolve-button" disabled={!open || c.connection.value !== "open"} onClick={() => c.resolve()}>
              {t("conv.resolve")}
            </button>
          </div>
        </header>
        <ChatContext.Provider value={{ conversation: c, files: ws.files, perspective: "agent", meId: staffId }}>
          <ChatBody key={threadId} />
        </ChatContext.Provider>
      </section>
      <CustomerPanel row={row} shopId={shopId} customerId={customerId} agentName={session?.agentName ?? null} />
    </>
  );
}
