/**
 * One ticket on the 工单 page: loaded with its log (`GET /api/tickets/:id`), the directory of its
 * shop for the pickers, and every change (`POST /api/tickets/:id/actions`) with its drafts (the
 * comment, a status change's note, a hand-over's department and note). A refused change keeps its
 * error by kind of action, with the fields the server named, so the form can show it in place.
 */
import { computed, createModel, effect, signal } from "@preact/signals";
import { statusChangeRefusal } from "../../../core/domain/tickets";
import { TICKET_STATUSES, type Ticket, type TicketAction, type TicketDetail, type TicketStatus } from "../../../core/protocol/tickets";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { UiError } from "./conversation-state";
import type { DirectoryLoader, TicketDirectory } from "./ticket-directory";

export type ActionKind = TicketAction["type"];

export interface TicketDetailOptions {
  api: ApiClient;
  ticketId: string;
  directory: DirectoryLoader;
  /** Something was done to the ticket: the list shows it. */
  onChanged: (ticket: Ticket) => void;
}

/** A status change waiting for its note (resolving tells the shopper; closing is final). */
export interface StatusDraft {
  status: TicketStatus;
  note: string;
  notifyCustomer: boolean;
}

/** Statuses that ask for a note and a confirmation before they are sent. */
const CONFIRMED: readonly TicketStatus[] = ["resolved", "closed"];

export const TicketDetailModel = createModel((opts: TicketDetailOptions) => {
  const path = `/tickets/${encodeURIComponent(opts.ticketId)}`;
  const data = signal<TicketDetail | null>(null);
  const loading = signal(true);
  const error = signal<UiError | null>(null);
  const directory = signal<TicketDirectory | null>(null);
  const busy = signal<ActionKind | null>(null);
  const failed = signal<{ kind: ActionKind; error: UiError; fields: FieldErrors } | null>(null);
  const comment = signal("");
  const toCustomer = signal(false);
  const statusDraft = signal<StatusDraft | null>(null);
  /** The department to hand over to ("" = none) and why; null until one is picked. */
  const handOver = signal<{ department: string; note: string } | null>(null);
  /** Where the ticket may go from its status, as core/domain/tickets.ts allows. */
  const nextStatuses = computed(() => {
    const from = data.value?.ticket.status;
    return from ? TICKET_STATUSES.filter((to) => statusChangeRefusal(from, to) === null) : [];
  });

  /** `tell`: the list should learn of it too (it moved under someone else's hands). */
  async function load(tell = false) {
    loading.value = true;
    try {
      const d = await opts.api.get<TicketDetail>(path);
      [data.value, error.value] = [d, null];
      if (tell) opts.onChanged(d.ticket);
      if (directory.peek()?.shopId !== d.ticket.shopId) opts.directory(d.ticket.shopId).then((x) => (directory.value = x), () => undefined);
    } catch (err) {
      error.value = toUiError(err);
    } finally {
      loading.value = false;
    }
  }

  effect(() => void load());

  /** Sends one change; true when the ticket took it. */
  async function act(action: TicketAction): Promise<boolean> {
    busy.value = action.type;
    failed.value = null;
    try {
      const d = await opts.api.post<TicketDetail>(`${path}/actions`, action);
      data.value = d;
      opts.onChanged(d.ticket);
      return true;
    } catch (err) {
      const e = toUiError(err);
      failed.value = { kind: action.type, error: e, fields: fieldErrorsOf(e) };
      // Refused as stale (someone else moved it): show where it stands now, beside the reason.
      if (e.code === "conflict") void load(true);
      return false;
    } finally {
      busy.value = null;
    }
  }

  return {
    data,
    loading,
    error,
    directory,
    busy,
    failed,
    comment,
    toCustomer,
    statusDraft,
    handOver,
    nextStatuses,
    reload: () => load(),
    /** The comment box: an internal note, or with 回复顾客 a reply in the shopper's chat. */
    async sendComment() {
      // After a reply the box goes back to internal notes: the next words are not the shopper's by accident.
      if (await act({ type: "comment", text: comment.peek().trim(), toCustomer: toCustomer.peek() })) [comment.value, toCustomer.value] = ["", false];
    },
    /** A status button: resolving and closing ask for a note first; the rest go at once. */
    pickStatus(status: TicketStatus) {
      failed.value = null;
      if (CONFIRMED.includes(status)) statusDraft.value = { status, note: "", notifyCustomer: true };
      else void act({ type: "status", status, note: "", notifyCustomer: true });
    },
    async confirmStatus() {
      const d = statusDraft.peek();
      if (d && (await act({ type: "status", status: d.status, note: d.note.trim(), notifyCustomer: d.notifyCustomer }))) statusDraft.value = null;
    },
    assign: (assigneeId: string | null) => void act({ type: "assign", assigneeId }),
    setPriority: (priority: Ticket["priority"]) => void act({ type: "priority", priority }),
    async confirmHandOver() {
      const h = handOver.peek();
      if (h && (await act({ type: "department", department: h.department || null, note: h.note.trim() }))) handOver.value = null;
    },
    dismissError() {
      failed.value = null;
    },
  };
});
export type TicketDetailModel = InstanceType<typeof TicketDetailModel>;
