import type { ThreadContext } from "../../common/context-types";
import { formatTime, t } from "../../common/i18n";
import { TicketPriorityBadge, TicketStatusBadge } from "../tickets/TicketBadges";
import { shopName } from "./context-text";

/** 工单: the customer's tickets (active first), each opening on the 工单 page. */
export function ContextTickets({ ctx, onOpen }: { ctx: ThreadContext; onOpen: (ticketId: string) => void }) {
  const tickets = ctx.complaints.tickets;
  const overdue = tickets.filter((x) => x.overdue).length;
  return (
    <section class="ctx-section" data-testid="context-tickets">
      <h3>
        {t("ctx.tickets")}
        <span class={`count-badge${overdue ? " warn" : ""}`}>{tickets.length}</span>
      </h3>
      {tickets.length === 0 && <p class="ctx-empty">{t("ctx.ticketsEmpty")}</p>}
      <ul class="ctx-list">
        {tickets.map((x) => (
          <li key={x.id} class="ctx-line">
            <button type="button" class="ctx-ticket" data-testid="context-ticket" data-id={x.id} data-number={x.number} data-status={x.status} onClick={() => onOpen(x.id)}>
              <span class="ctx-title">
                #{x.number} {x.title}
              </span>
              <span class="ctx-sub">
                <TicketStatusBadge status={x.status} />
                <TicketPriorityBadge priority={x.priority} />
                {x.overdue && <span class="badge ticket-overdue">{t("ctx.ticketOverdue")}</span>}
                <time>{formatTime(x.createdAt)}</time>
                {ctx.scope === "all" && <span>{shopName(ctx, x.shopId)}</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
