import { useEffect, useRef } from "preact/hooks";
import type { ShopperTicket, ShopperTicketEntry, TicketStatus } from "../../../core/protocol/tickets";
import { formatTime, t } from "../common/i18n";
import { Icon } from "../common/ui/Icon";
import type { MyTicketsModel } from "../models/my-tickets";
import { TicketAnswer } from "./TicketAnswer";

const statusText = (s: TicketStatus) => t(`myTickets.status.${s}`);

/** The header's 我的工单 button, once the thread has a ticket; the count is of those still being worked on. */
export function MyTicketsButton({ model }: { model: MyTicketsModel }) {
  const n = model.active.value;
  if (!model.tickets.value?.length) return null;
  return (
    <button type="button" class="btn btn-ghost btn-small my-tickets-button" data-testid="my-tickets-button" aria-label={t("myTickets.buttonLabel", { n })} aria-haspopup="dialog" onClick={() => model.show()}>
      <Icon name="ticket" size={16} />
      <span>{t("myTickets.button")}</span>
      {n > 0 && <span class="my-tickets-count">{n}</span>}
    </button>
  );
}

/** 我的工单: over the chat, each ticket with its status in the shopper's words and, tapped, its progress. */
export function MyTicketsPanel({ model }: { model: MyTicketsModel }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  // Focus moves into the panel, and back to where it was (the header button, a notice) when it shuts.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && model.close();
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      before?.focus();
    };
  }, [model]);
  const list = model.tickets.value;
  const error = model.error.value;
  return (
    <section class="my-tickets" role="dialog" aria-modal="true" aria-labelledby="my-tickets-title" data-testid="my-tickets">
      <header class="my-tickets-head">
        <button ref={closeRef} type="button" class="btn btn-ghost btn-small" data-testid="my-tickets-close" onClick={() => model.close()}>
          {t("myTickets.close")}
        </button>
        <h2 id="my-tickets-title">{t("myTickets.title")}</h2>
      </header>
      <div class="my-tickets-body">
        <p class="my-tickets-intro">{t("myTickets.intro")}</p>
        {error && (
          <p class="my-tickets-error" role="alert">
            <span>{t("myTickets.error")}</span>
            <button type="button" class="link-btn" onClick={() => void model.reload()}>
              {t("myTickets.retry")}
            </button>
          </p>
        )}
        {list === null && !error && <p class="muted">{t("myTickets.loading")}</p>}
        {list?.length === 0 && <p class="muted" data-testid="my-tickets-empty">{t("myTickets.empty")}</p>}
        {list && list.length > 0 && (
          <ul class="my-ticket-list">
            {list.map((ticket) => (
              <TicketCard key={ticket.id} ticket={ticket} model={model} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function TicketCard({ ticket, model }: { ticket: ShopperTicket; model: MyTicketsModel }) {
  const progressId = `my-ticket-progress-${ticket.id}`;
  const expanded = model.expanded.value === ticket.id;
  const onToggle = () => model.toggle(ticket.id);
  return (
    <li class="my-ticket" data-testid="my-ticket" data-number={ticket.number} data-status={ticket.status}>
      <button type="button" class="my-ticket-head" aria-expanded={expanded} aria-controls={progressId} onClick={onToggle}>
        <span class="my-ticket-line">
          <span class="my-ticket-number">#{ticket.number}</span>
          <span class="my-ticket-title" data-testid="my-ticket-title">{ticket.title}</span>
          <span class={`badge my-ticket-status my-ticket-status-${ticket.status}`} data-testid="my-ticket-status">
            {statusText(ticket.status)}
          </span>
        </span>
        <span class="my-ticket-sub">
          <span>{t(`tickets.category.${ticket.category}`)}</span>
          {ticket.orderId && <span>{t("myTickets.order", { id: ticket.orderId })}</span>}
          <span>{t("myTickets.updated", { time: formatTime(ticket.updatedAt) })}</span>
        </span>
      </button>
      <TicketAnswer ticket={ticket} model={model} />
      {expanded && (
        <ol class="my-ticket-timeline" id={progressId} aria-label={t("myTickets.progress")} data-testid="my-ticket-timeline">
          {ticket.timeline.map((e, i) => (
            <li key={i} class={`my-ticket-entry my-ticket-entry-${e.kind}`} data-kind={e.kind}>
              <span class="my-ticket-entry-line">
                <span>{entryText(e)}</span>
                <time dateTime={new Date(e.at).toISOString()}>{formatTime(e.at)}</time>
              </span>
              {e.kind === "reply" && <p class="my-ticket-reply">{e.text}</p>}
              {e.kind === "answer" && e.reason && <p class="my-ticket-reply my-ticket-reason-text">{e.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

function entryText(e: ShopperTicketEntry): string {
  if (e.kind === "status") return t("myTickets.event.status", { status: statusText(e.status) });
  if (e.kind === "answer") return t(`myTickets.event.answer.${e.answer}`);
  return t(`myTickets.event.${e.kind}`);
}
