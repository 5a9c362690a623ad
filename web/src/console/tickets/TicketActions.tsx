import { TICKET_PRIORITIES, type Ticket, type TicketStatus } from "../../../../core/protocol/tickets";
import { errorText, t } from "../../common/i18n";
import { issueText } from "../../common/issue-text";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { ActionKind, TicketDetailModel } from "../../models/ticket-detail";
import { departmentName } from "../../models/ticket-directory";
import { priorityName } from "./ticket-text";

export interface Me {
  id: string;
  name: string;
}

/**
 * What can be done to the ticket: the status changes its status allows (resolving and closing ask
 * for a note), the assignee, priority and department, and the comment box (an internal note or a
 * reply the shopper sees). A refused change shows its reason where it was asked.
 */
export function TicketActions({ model, me }: { model: TicketDetailModel; me: Me }) {
  const ticket = model.data.value!.ticket;
  const closed = ticket.status === "closed";
  return (
    <section class="ticket-section ticket-actions" data-testid="ticket-actions">
      <h3>{t("tickets.actions")}</h3>
      <StatusButtons model={model} ticket={ticket} />
      <div class="ticket-pickers">
        <AssigneePicker model={model} ticket={ticket} me={me} disabled={closed} />
        <label class="field ticket-picker">
          <span>{t("tickets.priority")}</span>
          <select data-testid="ticket-priority-select" value={ticket.priority} disabled={closed || model.busy.value !== null} onChange={(e) => model.setPriority(e.currentTarget.value as Ticket["priority"])}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {priorityName(p)}
              </option>
            ))}
          </select>
          <ActionError model={model} kind="priority" field="priority" />
        </label>
        <DepartmentPicker model={model} ticket={ticket} disabled={closed} />
      </div>
      <CommentBox model={model} />
    </section>
  );
}

/** A refused change of this kind: the named field's reason, or the whole error. */
function ActionError({ model, kind, field }: { model: TicketDetailModel; kind: ActionKind; field: string }) {
  const f = model.failed.value;
  if (!f || f.kind !== kind) return null;
  const reason = f.fields[field] ?? Object.values(f.fields)[0];
  if (!reason) return <ErrorNote error={f.error} onDismiss={() => model.dismissError()} />;
  return (
    <p class="error-note ticket-error" role="alert" data-testid="ticket-action-error" data-code={f.error.code} data-kind={kind}>
      <span>
        <strong>{errorText(f.error.code)}</strong> {issueText(reason)}
      </span>
    </p>
  );
}

function StatusButtons({ model, ticket }: { model: TicketDetailModel; ticket: Ticket }) {
  const draft = model.statusDraft.value;
  const busy = model.busy.value !== null;
  const label = (to: TicketStatus) => (to === "open" && ticket.status === "resolved" ? t("tickets.to.reopen") : t(`tickets.to.${to}`));
  return (
    <div class="ticket-status-actions">
      {ticket.status === "closed" ? (
        <p class="muted">{t("tickets.final")}</p>
      ) : (
        <div class="ticket-buttons" role="group" aria-label={t("tickets.changeStatus")}>
          {model.nextStatuses.value.map((to) => (
            <button key={to} type="button" class={`btn btn-small ${to === "resolved" ? "btn-primary" : "btn-outline"}${draft?.status === to ? " on" : ""}`} data-testid={`ticket-to-${to}`} disabled={busy} onClick={() => model.pickStatus(to)}>
              {label(to)}
            </button>
          ))}
        </div>
      )}
      {draft && (
        <form
          class="ticket-status-form"
          data-testid="ticket-status-form"
          onSubmit={(e) => {
            e.preventDefault();
            void model.confirmStatus();
          }}
        >
          <label class="field">
            <span>{t(draft.status === "resolved" ? "tickets.resolveNote" : "tickets.closeNote")}</span>
            <textarea rows={2} maxLength={2000} data-testid="ticket-status-note" placeholder={draft.status === "resolved" ? t("tickets.resolveNotePlaceholder") : undefined} value={draft.note} onInput={(e) => (model.statusDraft.value = { ...draft, note: e.currentTarget.value })} />
          </label>
          {draft.status === "resolved" && (
            <label class="ticket-check">
              <input type="checkbox" data-testid="ticket-status-notify" checked={draft.notifyCustomer} onChange={(e) => (model.statusDraft.value = { ...draft, notifyCustomer: e.currentTarget.checked })} />
              {t("tickets.notifyCustomer")}
            </label>
          )}
          {draft.status === "closed" && <p class="info-note">{t("tickets.closeHint")}</p>}
          <div class="dialog-actions">
            <button type="button" class="btn btn-outline btn-small" onClick={() => (model.statusDraft.value = null)}>
              {t("tickets.cancel")}
            </button>
            <button type="submit" class="btn btn-primary btn-small" data-testid="ticket-status-confirm" disabled={busy}>
              {t(draft.status === "resolved" ? "tickets.confirm.resolved" : "tickets.confirm.closed")}
            </button>
          </div>
        </form>
      )}
      <ActionError model={model} kind="status" field="status" />
    </div>
  );
}

function AssigneePicker({ model, ticket, me, disabled }: { model: TicketDetailModel; ticket: Ticket; me: Me; disabled: boolean }) {
  const agents = [...(model.directory.value?.agents ?? [])];
  // Platform staff and whoever holds it now are choices even when the shop's directory lacks them.
  for (const extra of [me, ticket.assignee]) if (extra && !agents.some((a) => a.id === extra.id)) agents.push(extra);
  return (
    <label class="field ticket-picker">
      <span>{t("tickets.assignee")}</span>
      <select data-testid="ticket-assignee-select" value={ticket.assignee?.id ?? ""} disabled={disabled || model.busy.value !== null} onChange={(e) => model.assign(e.currentTarget.value || null)}>
        <option value="">{t("tickets.unassigned")}</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id === me.id ? t("tickets.me", { name: a.name }) : a.name}
          </option>
        ))}
      </select>
      <ActionError model={model} kind="assign" field="assigneeId" />
    </label>
  );
}

function DepartmentPicker({ model, ticket, disabled }: { model: TicketDetailModel; ticket: Ticket; disabled: boolean }) {
  const groups = [...(model.directory.value?.groups ?? [])];
  if (ticket.department && !groups.some((g) => g.key === ticket.department!.key)) groups.push(ticket.department);
  const draft = model.handOver.value;
  const current = ticket.department?.key ?? "";
  const value = draft?.department ?? current;
  return (
    <div class="field ticket-picker ticket-handover">
      <label for="ticket-department">{t("tickets.department")}</label>
      <select
        id="ticket-department"
        data-testid="ticket-department-select"
        value={value}
        disabled={disabled || model.busy.value !== null}
        onChange={(e) => {
          const next = e.currentTarget.value;
          model.handOver.value = next === current ? null : { department: next, note: draft?.note ?? "" };
        }}
      >
        <option value="">{t("tickets.noDepartment")}</option>
        {groups.map((g) => (
          <option key={g.key} value={g.key}>
            {departmentName(g)}
          </option>
        ))}
      </select>
      {draft && (
        <div class="ticket-handover-form">
          <input type="text" maxLength={2000} data-testid="ticket-handover-note" placeholder={t("tickets.handOverNote")} aria-label={t("tickets.handOverNote")} value={draft.note} onInput={(e) => (model.handOver.value = { ...draft, note: e.currentTarget.value })} />
          <button type="button" class="btn btn-primary btn-small" data-testid="ticket-handover-submit" disabled={model.busy.value !== null} title={t("tickets.handOverHint")} onClick={() => void model.confirmHandOver()}>
            {t("tickets.handOver")}
          </button>
          <button type="button" class="btn btn-ghost btn-small" onClick={() => (model.handOver.value = null)}>
            {t("tickets.cancel")}
          </button>
        </div>
      )}
      <ActionError model={model} kind="department" field="department" />
    </div>
  );
}

function CommentBox({ model }: { model: TicketDetailModel }) {
  const reply = model.toCustomer.value;
  const text = model.comment.value;
  return (
    <form
      class={`ticket-comment${reply ? " reply" : ""}`}
      data-testid="ticket-comment-form"
      onSubmit={(e) => {
        e.preventDefault();
        void model.sendComment();
      }}
    >
      <div class="segmented" role="group" aria-label={t("tickets.comment")}>
        {([false, true] as const).map((toCustomer) => (
          <button key={String(toCustomer)} type="button" class={reply === toCustomer ? "active" : ""} aria-pressed={reply === toCustomer} data-testid={toCustomer ? "ticket-mode-reply" : "ticket-mode-note"} onClick={() => (model.toCustomer.value = toCustomer)}>
            {t(toCustomer ? "tickets.mode.reply" : "tickets.mode.note")}
          </button>
        ))}
      </div>
      <textarea rows={3} maxLength={2000} data-testid="ticket-comment-input" aria-label={t("tickets.comment")} placeholder={t(reply ? "tickets.placeholder.reply" : "tickets.placeholder.note")} value={text} onInput={(e) => (model.comment.value = e.currentTarget.value)} />
      <ActionError model={model} kind="comment" field="text" />
      <div class="dialog-actions">
        <button type="submit" class="btn btn-primary btn-small" data-testid="ticket-comment-submit" disabled={!text.trim() || model.busy.value !== null}>
          {model.busy.value === "comment" ? t("tickets.sending") : t(reply ? "tickets.send.reply" : "tickets.send.note")}
        </button>
      </div>
    </form>
  );
}
