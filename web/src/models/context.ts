/**
 * The customer beside the open chat (`GET /api/context`): loaded when the chat opens, again when
 * the shopper writes, when the room says the mall changed the customer's data (`context.changed`),
 * after a reconnect (pushes sent meanwhile are lost) and every 2 minutes as a fallback (product
 * and price changes are not pushed). Older orders page in on demand (context-orders.ts). Also
 * which order the shopper's latest message means (`GET /api/context/resolve`), so the panel can
 * highlight it. Sending an order or product card goes through the conversation like any message.
 */
import { computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { ChatMessage, Entry } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import type { ContextOrder, ContextProduct, ResolvedReference, ThreadContext } from "../common/context-types";
import { toUiError } from "../common/field-errors";
import { createOrderPages } from "./context-orders";
import type { ConversationModel } from "./conversation";
import type { UiError } from "./conversation-state";

export interface ContextOptions {
  api: ApiClient;
  threadId: string;
  conversation: ConversationModel;
  /** The entry the thread list knows (the latest session's), until a message says otherwise. */
  listEntry: ReadonlySignal<Entry | null>;
}

const REFRESH_MS = 120_000;
/** Candidates highlighted when a message could mean several orders; more, or fainter ones, are noise. */
const AMBIGUOUS_SHOWN = 3;
const AMBIGUOUS_FLOOR = 0.15;
/** Messages and mall pushes arrive in bursts (history replay, a batch delivery): one reload for a burst. */
const SETTLE_MS = 300;

/** What the panel highlights: the orders the latest message means, and why. */
export interface Highlight {
  message: string;
  ambiguous: boolean;
  candidates: ResolvedReference["candidates"];
}

/** The best candidate; when ambiguous, the few that are real contenders. */
function worthShowing(r: ResolvedReference): ResolvedReference["candidates"] {
  if (!r.ambiguous) return r.candidates.slice(0, 1);
  return r.candidates.filter((c, i) => i === 0 || c.confidence >= AMBIGUOUS_FLOOR).slice(0, AMBIGUOUS_SHOWN);
}

function lastFrom(list: readonly ChatMessage[], fits: (m: ChatMessage) => boolean): ChatMessage | null {
  for (let i = list.length - 1; i >= 0; i--) if (fits(list[i]!)) return list[i]!;
  return null;
}

export const ContextModel = createModel((opts: ContextOptions) => {
  const data = signal<ThreadContext | null>(null);
  const loading = signal(false);
  const error = signal<UiError | null>(null);
  const highlight = signal<Highlight | null>(null);
  const expanded = signal<ReadonlySet<string>>(new Set());
  /** Cards sent from the panel in this chat (`order:o1`, `product:p1`), shown as 已发送. */
  const sent = signal<ReadonlySet<string>>(new Set());
  const pages = createOrderPages(opts.api, opts.threadId);
  /** The first page and the pages loaded after it; an order moved by an update shows once. */
  const orders = computed(() => {
    const seen = new Set<string>();
    return [...(data.value?.orders.items ?? []), ...pages.extra.value].filter((o) => !seen.has(o.id) && seen.add(o.id));
  });
  const messages = opts.conversation.messages;
  const lastCustomer = computed(() => lastFrom(messages.value, (m) => m.sender.role === "customer"));
  /** The latest satisfaction rating: the session history shows its stars once D1 has them (the room writes them before the notice). */
  const lastRated = computed(() => lastFrom(messages.value, (m) => m.kind === "system" && m.body.notice?.code === "rating.rated"));
  /** The latest shopper message that can name an order: text, or an order card. */
  const lastAsk = computed(() => lastFrom(messages.value, (m) => m.sender.role === "customer" && (m.kind === "text" || m.kind === "order_card")));
  const entry = computed(() => lastCustomer.value?.entry ?? opts.listEntry.value);
  /** The list is re-polled every few seconds with new objects: compare entries by value. */
  const entryKey = computed(() => (entry.value ? `${entry.value.type}:${entry.value.id ?? ""}` : ""));
  let ticket = 0;

  async function load() {
    const e = entry.peek();
    const q = new URLSearchParams({ thread: opts.threadId });
    if (e && (e.id || (e.type !== "product" && e.type !== "order"))) {
      q.set("entryType", e.type);
      if (e.id) q.set("entryId", e.id);
    }
    const mine = ++ticket;
    loading.value = true;
    try {
      const res = await opts.api.get<ThreadContext>(`/context?${q}`);
      if (mine === ticket) {
        [data.value, error.value] = [res, null];
        void pages.reset(res.orders);
      }
    } catch (err) {
      if (mine === ticket) error.value = toUiError(err);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  async function resolve() {
    const m = lastAsk.peek();
    if (!m) return void (highlight.value = null);
    if (m.kind === "order_card") {
      const orderId = m.body.order?.orderId;
      const order = orders.peek().find((o) => o.id === orderId);
      highlight.value = order ? { message: "", ambiguous: false, candidates: [{ orderId: order.id, confidence: 1, reasons: ["card"], order }] } : null;
      return;
    }
    const text = m.body.text?.trim();
    if (!text) return;
    const e = entry.peek();
    const q = new URLSearchParams({ thread: opts.threadId, message: text });
    if (e?.type === "order" && e.id) q.set("entryOrderId", e.id);
    try {
      const r = await opts.api.get<ResolvedReference>(`/context/resolve?${q}`);
      highlight.value = r.referenced && r.candidates.length ? { message: text, ambiguous: r.ambiguous, candidates: worthShowing(r) } : null;
    } catch {
      // Highlighting is a help, not a must: the panel still lists every order.
    }
  }

  // Reload when the chat opens, when its entry changes, when the shopper writes and when they rate.
  effect(() => {
    void entryKey.value;
    void lastCustomer.value?.seq;
    void lastRated.value?.seq;
    const timer = setTimeout(() => void load().then(resolve), SETTLE_MS);
    return () => clearTimeout(timer);
  });

  effect(() => {
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  });

  // The mall changed this customer's data: reload, and re-resolve when orders or tracks moved.
  effect(() => {
    const change = opts.conversation.contextChanged.value;
    if (!change) return;
    const orderish = change.parts.some((p) => p === "orders" || p === "tracking");
    const timer = setTimeout(() => void load().then(() => orderish && resolve()), SETTLE_MS);
    return () => clearTimeout(timer);
  });

  // Pushes sent while the socket was down are lost: catch up when it is back.
  let dropped = false;
  effect(() => {
    const c = opts.conversation.connection.value;
    if (c === "reconnecting" || c === "offline") dropped = true;
    else if (c === "open" && dropped) {
      dropped = false;
      void load();
    }
  });

  function card(key: string) {
    sent.value = new Set(sent.value).add(key);
  }

  return {
    data,
    loading,
    error,
    highlight,
    expanded,
    sent,
    entry,
    /** Every order loaded so far, newest first. */
    orders,
    /** Cursor of the next older page; null when every order is shown. */
    ordersNext: pages.next,
    loadingOrders: pages.loading,
    ordersError: pages.error,
    moreOrders: () => void pages.more(),
    refresh: () => void load().then(resolve),
    /** Shows or hides an order's full logistics track. */
    toggle(orderId: string) {
      const next = new Set(expanded.value);
      if (!next.delete(orderId)) next.add(orderId);
      expanded.value = next;
    },
    sendOrder(order: ContextOrder) {
      opts.conversation.sendCard({ kind: "order_card", orderId: order.id }, order.card.title);
      card(`order:${order.id}`);
    },
    sendProduct(product: ContextProduct) {
      opts.conversation.sendCard({ kind: "product_card", productId: product.id }, product.title);
      card(`product:${product.id}`);
    },
  };
});
export type ContextModel = InstanceType<typeof ContextModel>;
