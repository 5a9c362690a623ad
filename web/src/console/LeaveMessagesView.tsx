import { useSignal } from "@preact/signals";
import { formatTime, t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import { Icon } from "../common/ui/Icon";
import type { LeaveMessage, LeaveMessagesModel } from "../models/leave-messages";
import type { WorkspaceModel } from "../models/workspace";
import { ShopPicker } from "./ShopPicker";
import { TicketCreateDialog } from "./tickets/TicketCreateDialog";

/** 留言: what shoppers left when nobody could take the chat; open the thread, mark handled, or turn it into a ticket (转工单). */
export function LeaveMessagesView({ model, ws, onOpen }: { model: LeaveMessagesModel; ws: WorkspaceModel; onOpen: (threadId: string) => void }) {
  const converting = useSignal<LeaveMessage | null>(null);
  const items = model.items.value;
  const handling = model.handling.value;
  return (
    <main class="page leave-page" data-testid="leave-messages-view">
      <header class="page-head">
        <h1>{t("leaveList.title")}</h1>
        <span class="count-badge">{items.length}</span>
        <span class="page-head-spacer" />
        {model.canPickShop.value && <ShopPicker value={model.shopId.value} shops={model.shops.value} onChange={(id) => model.setShop(id)} testId="leave-shop" />}
        <button type="button" class="btn btn-ghost btn-icon" title={t("leaveList.refresh")} aria-label={t("leaveList.refresh")} onClick={() => void model.refresh()}>
          <Icon name="refresh" size={16} />
        </button>
      </header>
      {model.error.value && <ErrorNote error={model.error.value} />}
      {items.length === 0 && <p class="empty-hint">{t(model.loaded.value ? "leaveList.empty" : "threads.loading")}</p>}
      <ul class="leave-list">
        {items.map((m) => (
          <li key={m.id} class="leave-item" data-testid="leave-message-item" data-id={m.id}>
            <div class="leave-meta">
              <span>
                {t("leaveList.customer")}: <strong>{m.customerId}</strong>
              </span>
              <time>{formatTime(m.createdAt)}</time>
            </div>
            <p class="leave-text">{m.text}</p>
            <div class="leave-meta">
              <span>
                {t("leaveList.contact")}: {m.contact ?? <span class="muted">{t("leaveList.noContact")}</span>}
              </span>
              <span class="leave-actions">
                <button type="button" class="btn btn-outline btn-small" data-testid="leave-open-thread" onClick={() => onOpen(m.threadId)}>
                  {t("leaveList.openThread")}
                </button>
                <button type="button" class="btn btn-outline btn-small" data-testid="leave-to-ticket" onClick={() => (converting.value = m)}>
                  {t("leaveList.toTicket")}
                </button>
                <button type="button" class="btn btn-primary btn-small" data-testid="leave-handle" disabled={handling.has(m.id)} onClick={() => void model.handle(m.id)}>
                  {t(handling.has(m.id) ? "leaveList.handling" : "leaveList.handle")}
                </button>
              </span>
            </div>
          </li>
        ))}
      </ul>
      {converting.value && <LeaveTicketDialog ws={ws} message={converting.value} onClose={() => (converting.value = null)} onDone={() => void model.refresh()} />}
    </main>
  );
}

/** 转工单: the create dialog on the message's thread, its words as the title and description. */
function LeaveTicketDialog({ ws, message, onClose, onDone }: { ws: WorkspaceModel; message: LeaveMessage; onClose: () => void; onDone: () => void }) {
  const contact = message.contact ? `\n${t("leaveList.contact")}: ${message.contact}` : "";
  return (
    <TicketCreateDialog
      api={ws.api}
      threadId={message.threadId}
      sessionId={message.sessionId}
      leaveMessageId={message.id}
      context={null}
      text={message.text}
      description={`${message.text}${contact}`}
      directory={ws.directory}
      onClose={onClose}
      onCreated={(d) => {
        onClose();
        onDone();
        ws.toasts.push({ title: t("ticketNew.created", { number: d.ticket.number }), body: d.ticket.title, action: { label: t("ticketNew.view"), run: () => ws.openTicket(d.ticket.id) } });
        ws.ticketBadge.refresh(d.ticket.id);
      }}
    />
  );
}
