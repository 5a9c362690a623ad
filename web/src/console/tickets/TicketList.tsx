import type { Ticket } from "../../../../core/protocol/tickets";
import { t } from "../../common/i18n";
import type { TicketsModel } from "../../models/tickets";
import { TicketPriorityBadge, TicketStatusBadge } from "./TicketBadges";
import { categoryText, dueText, isLate } from "./ticket-text";

/** The tickets of the view and filters, newest activity first as the server orders them; more by cursor. */
export function TicketList({ model }: { model: TicketsModel }) {
  const items = model.tickets.value;
  const selected = model.selectedId.value;
  const allShops = model.canPickShop.value && model.shopId.value === "";
  return (
    <section class="ticket-list-pane" aria-label={t("tickets.list")} aria-busy={model.loading.value}>
      {items.length === 0 && <p class="empty-hint" data-testid="tickets-empty">{t(model.loading.value ? "tickets.loading" : "tickets.empty")}</p>}
      <ul class="ticket-list" data-testid="ticket-list">
        {items.map((ticket) => (
          <li key={ticket.id}>
            <TicketRow ticket={ticket} selected={ticket.id === selected} showShop={allShops} onOpen={() => model.select(ticket.id)} />
          </li>
        ))}
      </ul>
      {model.next.value && (
        <button type="button" class="btn btn-outline btn-small btn-block" data-testid="tickets-more" disabled={model.loadingMore.value} onClick={() => void model.more()}>
          {t(model.loadingMore.value ? "tickets.loadingMore" : "tickets.more")}
        </button>
      )}
    </section>
  );
}

function TicketRow({ ticket, selected, showShop, onOpen }: { ticket: Ticket; selected: boolean; showShop: boolean; onOpen: () => void }) {
  const late = isLate(ticket);
  return (
    <button type="button" class={`ticket-row${selected ? " selected" : ""}`} data-testid="ticket-row" data-id={ticket.id} data-number={ticket.number} data-shop={ticket.shopId} data-status={ticket.status} aria-current={selected ? "true" : undefined} onClick={onOpen}>
      <span class="ticket-row-top">
        <span class="ticket-number">#{ticket.number}</span>
        <span class="ticket-row-title">{ticket.title}</span>
        <TicketPriorityBadge priority={ticket.priority} />
      </span>
      <span class="ticket-row-sub">
        <TicketStatusBadge status={ticket.status} />
        <span>{ticket.customer.name}</span>
        <span>{categoryText(ticket.category)}</span>
        {showShop && <span class="mono">{ticket.shopId}</span>}
        <span class={ticket.assignee ? "" : "muted"}>{ticket.assignee?.name ?? t("tickets.unassigned")}</span>
        <span class={`ticket-due${late ? " late" : ""}`} data-testid="ticket-due" data-late={String(late)}>
          {dueText(ticket)}
        </span>
      </span>
    </button>
  );
}
