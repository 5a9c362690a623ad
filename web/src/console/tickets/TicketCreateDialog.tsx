import { useModel } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_TEXT_MAX, TICKET_TITLE_MAX, type TicketCategory, type TicketPriority } from "../../../../core/protocol/tickets";
import { formatMoney, formatTime, t } from "../../common/i18n";
import { issueText } from "../../common/issue-text";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { TicketCreateModel, type TicketCreateOptions } from "../../models/ticket-create";
import { departmentName } from "../../models/ticket-directory";
import { categoryText, priorityName } from "./ticket-text";

/** Fields the form shows an error under; any other error shows as a note above the buttons. */
const SHOWN = ["title", "department", "assigneeId", "orderId", "description"];

/**
 * 创建工单: title, category, priority, department, assignee, order, description and whether to tell
 * the shopper; from a chat or from a left message (the same dialog, prefilled by its opener).
 */
export function TicketCreateDialog({ onClose, ...opts }: TicketCreateOptions & { onClose: () => void }) {
  const m = useModel(() => new TicketCreateModel(opts));
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const fields = m.fields.value;
  const dir = m.directory.value;
  const orders = m.orders();
  const orderId = m.orderId.value;
  const fieldError = (name: string) =>
    fields[name] ? (
      <span class="field-error" data-testid={`ticket-new-error-${name}`}>
        {issueText(fields[name]!)}
      </span>
    ) : null;
  return (
    <dialog ref={dialog} class="dialog ticket-dialog" data-testid="ticket-create-dialog" aria-labelledby="ticket-new-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void m.submit();
        }}
      >
        <h2 id="ticket-new-title">{t("ticketNew.heading")}</h2>
        <label class="field">
          <span>{t("ticketNew.title")}</span>
          <input type="text" data-testid="ticket-new-title" maxLength={TICKET_TITLE_MAX} required aria-invalid={fields.title ? "true" : undefined} value={m.title.value} onInput={(e) => (m.title.value = e.currentTarget.value)} />
          {fieldError("title")}
        </label>
        <div class="ticket-dialog-grid">
          <label class="field">
            <span>{t("ticketNew.category")}</span>
            <select data-testid="ticket-new-category" value={m.category.value} onChange={(e) => (m.category.value = e.currentTarget.value as TicketCategory)}>
              {TICKET_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categoryText(c)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t("ticketNew.priority")}</span>
            <select data-testid="ticket-new-priority" value={m.priority.value} onChange={(e) => m.setPriority(e.currentTarget.value as TicketPriority)}>
              {TICKET_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {priorityName(p)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t("ticketNew.department")}</span>
            <select data-testid="ticket-new-department" value={m.department.value} aria-invalid={fields.department ? "true" : undefined} onChange={(e) => (m.department.value = e.currentTarget.value)}>
              <option value="">{t("ticketNew.noDepartment")}</option>
              {dir?.groups.map((g) => (
                <option key={g.key} value={g.key}>
                  {departmentName(g)}
                </option>
              ))}
            </select>
            {fieldError("department")}
          </label>
          <label class="field">
            <span>{t("ticketNew.assignee")}</span>
            <select data-testid="ticket-new-assignee" value={m.assigneeId.value} aria-invalid={fields.assigneeId ? "true" : undefined} onChange={(e) => (m.assigneeId.value = e.currentTarget.value)}>
              <option value="">{t("ticketNew.unassigned")}</option>
              {dir?.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            {fieldError("assigneeId")}
          </label>
        </div>
        <label class="field">
          <span>{t("ticketNew.order")}</span>
          <select data-testid="ticket-new-order" value={orderId} aria-invalid={fields.orderId ? "true" : undefined} onChange={(e) => (m.orderId.value = e.currentTarget.value)}>
            <option value="">{t("ticketNew.noOrder")}</option>
            {orderId && !orders.some((o) => o.id === orderId) && <option value={orderId}>{orderId}</option>}
            {orders.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id} · {o.card.title} · {formatMoney(o.totalCents)} · {formatTime(o.createdAt)}
              </option>
            ))}
          </select>
          {fieldError("orderId")}
        </label>
        <label class="field">
          <span>{t("ticketNew.description")}</span>
          <textarea rows={4} maxLength={TICKET_TEXT_MAX} data-testid="ticket-new-description" placeholder={t("ticketNew.descriptionPlaceholder")} value={m.description.value} onInput={(e) => (m.description.value = e.currentTarget.value)} />
          {fieldError("description")}
        </label>
        <label class="ticket-check">
          <input type="checkbox" data-testid="ticket-new-notify" checked={m.notifyCustomer.value} onChange={(e) => (m.notifyCustomer.value = e.currentTarget.checked)} />
          {t("ticketNew.notify")}
        </label>
        {m.error.value && !SHOWN.some((f) => fields[f]) && <ErrorNote error={{ ...m.error.value, message: Object.values(fields)[0] ?? m.error.value.message }} />}
        <div class="dialog-actions">
          <button type="button" class="btn btn-outline" onClick={onClose}>
            {t("ticketNew.cancel")}
          </button>
          <button type="submit" class="btn btn-primary" data-testid="ticket-new-submit" disabled={m.busy.value}>
            {t(m.busy.value ? "ticketNew.submitting" : "ticketNew.submit")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
