/**
 * 我的工单 in the widget: the thread's tickets as the shopper sees them
 * (`GET /api/threads/:threadId/tickets`), loaded when the chat opens and again whenever a ticket
 * notice (opened, reply, resolved) arrives in the chat; the panel open or shut, and which ticket
 * in it shows its progress; and the shopper's answer to a resolution (solved, or not with a reason).
 */
import { computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { ChatMessage } from "../../../core/protocol";
import type { ShopperAnswer, ShopperTicket, ShopperTicketList } from "../../../core/protocol/tickets";
import type { ApiClient } from "../common/api";
import { toUiError } from "../common/field-errors";
import type { UiError } from "./conversation-state";

export interface MyTicketsOptions {
  api: ApiClient;
  threadId: string;
  /** The chat's messages: a new ticket notice among them means the list changed. */
  messages: ReadonlySignal<readonly ChatMessage[]>;
}

/** Notices arriving together (history on joining) are answered by one request. */
const SETTLE_MS = 300;

/** Whether a chat message is a ticket notice (`ticket.created`, `ticket.reply`, `ticket.resolved`). */
export function isTicketNotice(m: ChatMessage): boolean {
  return m.kind === "system" && (m.body.notice?.code?.startsWith("ticket.") ?? false);
}

export const MyTicketsModel = createModel((opts: MyTicketsOptions) => {
  const tickets = signal<readonly ShopperTicket[] | null>(null);
  const error = signal<UiError | null>(null);
  const open = signal(false);
  /** The ticket whose progress is shown (one at a time keeps the list short on a phone). */
  const expanded = signal<string | null>(null);
  const notices = computed(() => opts.messages.value.filter(isTicketNotice).length);
  const active = computed(() => (tickets.value ?? []).filter((t) => t.status === "open" || t.status === "in_progress" || t.status === "pending").length);
  const path = `/threads/${encodeURIComponent(opts.threadId)}/tickets`;
  /** The ticket whose "not solved" reason is being written, and the words so far. */
  const reasonFor = signal<string | null>(null);
  const reason = signal("");
  /** The ticket whose answer is on its way. */
  const sending = signal<string | null>(null);
  const answerError = signal<{ id: string; error: UiError } | null>(null);

  let generation = 0;
  async function load() {
    const mine = ++generation;
    try {
      const r = await opts.api.get<ShopperTicketList>(path);
      if (mine !== generation) return;
      [tickets.value, error.value] = [r.tickets, null];
      if (expanded.peek() === null || !r.tickets.some((t) => t.id === expanded.peek())) expanded.value = r.tickets[0]?.id ?? null;
    } catch (err) {
      if (mine === generation) error.value = toUiError(err);
    }
  }

  effect(() => {
    void notices.value;
    const timer = setTimeout(() => void load(), SETTLE_MS);
    return () => clearTimeout(timer);
  });

  /** Sends the answer; the answered ticket replaces the listed one. A refusal is shown and the list asked again. */
  async function answer(id: string, a: ShopperAnswer): Promise<void> {
    if (sending.peek()) return;
    [sending.value, answerError.value] = [id, null];
    const words = a === "unsolved" ? reason.peek().trim() : "";
    try {
      const r = await opts.api.post<{ ticket: ShopperTicket }>(`${path}/${encodeURIComponent(id)}/answer`, { answer: a, ...(words ? { reason: words } : {}) });
      // A list asked for before the answer would bring the old status back.
      generation++;
      tickets.value = (tickets.peek() ?? []).map((t) => (t.id === id ? r.ticket : t));
      [reasonFor.value, reason.value] = [null, ""];
    } catch (err) {
      answerError.value = { id, error: toUiError(err) };
      void load();
    } finally {
      sending.value = null;
    }
  }

  return {
    tickets,
    error,
    reasonFor,
    reason,
    sending,
    answerError,
    answer,
    /** Opens (an id) or shuts (null) the "not solved" reason form of a ticket. */
    askReason(id: string | null) {
      [reasonFor.value, reason.value, answerError.value] = [id, "", null];
    },
    open,
    expanded,
    active,
    reload: () => load(),
    /** Opens the panel, on the ticket of this number when given (a tapped notice). */
    show(number?: string) {
      const picked = number ? tickets.peek()?.find((t) => String(t.number) === number) : undefined;
      if (picked) expanded.value = picked.id;
      open.value = true;
      void load();
    },
    close() {
      open.value = false;
    },
    toggle(id: string) {
      expanded.value = expanded.peek() === id ? null : id;
    },
  };
});
export type MyTicketsModel = InstanceType<typeof MyTicketsModel>;
