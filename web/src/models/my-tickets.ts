/**
 * 我的工单 in the widget: the thread's tickets as the shopper sees them
 * (`GET /api/threads/:threadId/tickets`), loaded when the chat opens and again whenever a ticket
 * notice (opened, reply, resolved) arrives in the chat; the panel open or shut, and which ticket
 * in it shows its progress.
 */
import { computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { ChatMessage } from "../../../core/protocol";
import type { ShopperTicket, ShopperTicketList } from "../../../core/protocol/tickets";
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

  return {
    tickets,
    error,
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
