import type { TicketEvent } from "../../../../core/protocol/tickets";
import { formatTime, t } from "../../common/i18n";
import type { TicketDirectory } from "../../models/ticket-directory";
import { eventText } from "./ticket-text";

/** The ticket's log, oldest first: who did what and when, with the words of notes and replies. */
export function TicketTimeline({ events, directory }: { events: TicketEvent[]; directory: TicketDirectory | null }) {
  return (
    <section class="ticket-section">
      <h3>{t("tickets.timeline")}</h3>
      <ol class="ticket-timeline" data-testid="ticket-timeline">
        {events.map((e) => (
          <li key={e.id} class={`ticket-event ticket-event-${e.kind}`} data-testid="ticket-event" data-kind={e.kind}>
            <span class="ticket-event-dot" aria-hidden="true" />
            <div class="ticket-event-body">
              <span class="ticket-event-line">
                <span class="ticket-event-what">{eventText(e, directory)}</span>
                {e.kind === "reply" && <span class="badge badge-active">{t("tickets.visibleToCustomer")}</span>}
                <time dateTime={new Date(e.at).toISOString()}>{formatTime(e.at)}</time>
              </span>
              {e.text && <p class={`ticket-event-text${e.kind === "comment" ? " note" : ""}`}>{e.text}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
