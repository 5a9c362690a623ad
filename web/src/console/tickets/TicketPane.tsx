import type { Ticket } from "../../../../core/protocol/tickets";
import { formatTime, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { LevelBadge } from "../../common/ui/LevelBadge";
import type { CustomerLevel } from "../../../../core/protocol";
import type { TicketsModel } from "../../models/tickets";
import { TicketActions, type Me } from "./TicketActions";
import { TicketPriorityBadge, TicketStatusBadge } from "./TicketBadges";
import { TicketTimeline } from "./TicketTimeline";
import { categoryText, dueText, isLate, ticketDepartment } from "./ticket-text";

const LEVELS = new Set(["normal", "silver", "gold", "vip"]);

/** The open ticket: what it is about and where it stands, what can be done next, and its log. */
export function TicketPane({ model, me, onOpenChat }: { model: TicketsModel; me: Me; onOpenChat: (threadId: string) => void }) {
  const detail = model.detail.value;
  if (!model.selectedId.value || !detail) {
    return (
      <section class="ticket-pane ticket-pane-empty">
        <p class="empty-hint">{t("tickets.pick")}</p>
      </section>
    );
  }
  const data = detail.data.value;
  return (
    <section class="ticket-pane" data-testid="ticket-detail" data-id={model.selectedId.value} data-loading={String(detail.loading.value)}>
      <button type="button" class="btn btn-ghost btn-small ticket-back" onClick={() => model.select(null)}>
        {t("tickets.back")}
      </button>
      {detail.error.value && <ErrorNote error={detail.error.value} />}
      {!data && !detail.error.value && <p class="empty-hint">{t("tickets.loading")}</p>}
      {data && (
        <>
          <TicketHead ticket={data.ticket} onOpenChat={onOpenChat} onCustomer={() => model.byCustomer({ id: data.ticket.customer.id, name: data.ticket.customer.name })} />
          <TicketActions model={detail} me={me} />
          <TicketTimeline events={data.events} directory={detail.directory.value} customerId={data.ticket.customer.id} />
        </>
      )}
    </section>
  );
}

function TicketHead({ ticket, onOpenChat, onCustomer }: { ticket: Ticket; onOpenChat: (threadId: string) => void; onCustomer: () => void }) {
  const late = isLate(ticket);
  return (
    <>
      <header class="ticket-head">
        <h2>
          <span class="ticket-number" data-testid="ticket-number">#{ticket.number}</span> <span data-testid="ticket-title">{ticket.title}</span>
        </h2>
        <div class="ticket-badges">
          <TicketStatusBadge status={ticket.status} />
          <TicketPriorityBadge priority={ticket.priority} />
          <span class="badge">{categoryText(ticket.category)}</span>
          {ticket.leaveMessageId && <span class="badge">{t("tickets.fromLeaveMessage")}</span>}
        </div>
        <p class="ticket-created">{t("tickets.createdBy", { name: ticket.createdBy.name, time: formatTime(ticket.createdAt) })}</p>
      </header>
      <dl class="facts ticket-facts">
        <dt>{t("tickets.customer")}</dt>
        <dd class="ticket-customer">
          <span data-testid="ticket-customer">{ticket.customer.name}</span>
          {LEVELS.has(ticket.customer.level) && <LevelBadge level={ticket.customer.level as CustomerLevel} />}
          <button type="button" class="link-btn" data-testid="ticket-open-chat" onClick={() => onOpenChat(ticket.threadId)}>
            {t("tickets.openChat")}
          </button>
          <button type="button" class="link-btn" data-testid="ticket-customer-tickets" onClick={onCustomer}>
            {t("tickets.customerTickets")}
          </button>
        </dd>
        <dt>{t("tickets.order")}</dt>
        <dd class={ticket.orderId ? "mono" : "muted"} data-testid="ticket-order">{ticket.orderId ?? t("tickets.noOrder")}</dd>
        <dt>{t("tickets.department")}</dt>
        <dd data-testid="ticket-department">{ticketDepartment(ticket)}</dd>
        <dt>{t("tickets.assignee")}</dt>
        <dd data-testid="ticket-assignee">{ticket.assignee?.name ?? t("tickets.unassigned")}</dd>
        <dt>{t("tickets.due")}</dt>
        <dd class={`ticket-due${late ? " late" : ""}`} data-testid="ticket-due" data-late={String(late)} title={formatTime(ticket.dueAt)}>
          {dueText(ticket)}
        </dd>
      </dl>
      <section class="ticket-section">
        <h3>{t("tickets.description")}</h3>
        <p class={`ticket-description${ticket.description ? "" : " muted"}`} data-testid="ticket-description">{ticket.description || t("tickets.noDescription")}</p>
      </section>
    </>
  );
}
