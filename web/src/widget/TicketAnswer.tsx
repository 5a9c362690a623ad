import { mayAnswer } from "../../../core/domain/tickets";
import { TICKET_ANSWER_REASON_MAX, type ShopperTicket } from "../../../core/protocol/tickets";
import { fieldErrorsOf } from "../common/field-errors";
import { t } from "../common/i18n";
import { issueText } from "../common/issue-text";
import type { MyTicketsModel } from "../models/my-tickets";

/**
 * "Is your problem solved?" under a resolved ticket, while the shopper may still answer (7 days
 * from its resolution): 已解决 closes it, 仍未解决 reopens it with an optional reason.
 */
export function TicketAnswer({ ticket, model }: { ticket: ShopperTicket; model: MyTicketsModel }) {
  if (!mayAnswer(ticket, Date.now())) return null;
  const busy = model.sending.value === ticket.id;
  const writing = model.reasonFor.value === ticket.id;
  const failed = model.answerError.value?.id === ticket.id ? model.answerError.value.error : null;
  const reasonId = `my-ticket-reason-${ticket.id}`;
  return (
    <div class="my-ticket-answer" data-testid="my-ticket-answer">
      <p class="my-ticket-answer-ask">{t("myTickets.ask")}</p>
      {!writing && (
        <div class="my-ticket-answer-buttons">
          <button type="button" class="btn btn-primary btn-small" data-testid="my-ticket-solved" disabled={busy} onClick={() => void model.answer(ticket.id, "solved")}>
            {t("myTickets.answerSolved")}
          </button>
          <button type="button" class="btn btn-small" data-testid="my-ticket-unsolved" disabled={busy} onClick={() => model.askReason(ticket.id)}>
            {t("myTickets.answerUnsolved")}
          </button>
        </div>
      )}
      {writing && (
        <form
          class="my-ticket-reason"
          onSubmit={(e) => {
            e.preventDefault();
            void model.answer(ticket.id, "unsolved");
          }}
        >
          <label for={reasonId}>{t("myTickets.reasonLabel")}</label>
          <textarea
            id={reasonId}
            data-testid="my-ticket-reason"
            rows={3}
            maxLength={TICKET_ANSWER_REASON_MAX}
            placeholder={t("myTickets.reasonPlaceholder")}
            value={model.reason.value}
            onInput={(e) => (model.reason.value = (e.target as HTMLTextAreaElement).value)}
          />
          <div class="my-ticket-answer-buttons">
            <button type="submit" class="btn btn-primary btn-small" data-testid="my-ticket-unsolved-submit" disabled={busy}>
              {busy ? t("myTickets.sending") : t("myTickets.sendUnsolved")}
            </button>
            <button type="button" class="btn btn-ghost btn-small" disabled={busy} onClick={() => model.askReason(null)}>
              {t("myTickets.cancel")}
            </button>
          </div>
        </form>
      )}
      {failed && (
        <p class="my-ticket-answer-error" role="alert" data-testid="my-ticket-answer-error">
          {issueText(fieldErrorsOf(failed).answer ?? failed.message)}
        </p>
      )}
    </div>
  );
}
