import type { TicketEvent } from "../../../../core/protocol/tickets";
import { formatTime, t } from "../../common/i18n";
import type { TicketDirectory } from "../../models/ticket-directory";
import { eventActor, eventText } from "./ticket-text";

/**
 * The ticket's log, oldest first: who did what and when, with the words of notes and replies.
 * The shopper's answer to a resolution reads as theirs, their reason in the line itself.
 */
export function TicketTimeline({ events, directory, customerId }: { events: TicketEvent[]; directory: TicketDirectory | null; customerId: string }) {
  return (
    <section class="ticket-section">
      <h3>{t("tickets.timeline")}</h3>
      <ol class="ticket-timeline" data-testid="ticket-timeline">
        {events.map((e) => {
          const actor = eventActor(e, customerId);
          return (
            <li key={e.id} class={`ticket-event ticket-event-${e.kind} ticket-event-by-${actor}`} data-testid="ticket-event" data-kind={e.kind} data-actor={actor}>
              <span class="ticket-event-dot" aria-hidden="true" />
              <div class="ticket-event-body">
                <span class="ticket-event-line">
                  <span class="ticket-event-what">{eventText(e, directory, customerId)}</span>
                  {e.kind === "reply" && <span class="badge badge-active">{t("tickets.visibleToCustomer")}</span>}
                  <time dateTime={new Date(e.at).toISOString()}>{formatTime(e.at)}</time>
                </span>
                {e.text && actor !== "customer" && <p class={`ticket-event-text${e.kind === "comment" ? " note" : ""}`}>{e.text}</p>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
