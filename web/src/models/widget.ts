/**
 * The shopper widget: identity, the shop (and product or order) the chat was opened from, and
 * the conversation of this shopper with this shop and its tickets (我的工单), created once the
 * identity is known.
 */
import { createModel, effect, signal, untracked } from "@preact/signals";
import { threadIdOf, type Channel, type Entry } from "../../../core/protocol";
import { createApi } from "../common/api";
import type { ProductInfo, ShopInfo } from "../common/api-types";
import { ConversationModel } from "./conversation";
import { FileCacheModel } from "./files";
import { MyTicketsModel } from "./my-tickets";
import { ShopperModel } from "./shopper";

export interface WidgetOptions {
  shopId: string;
  productId?: string;
  orderId?: string;
  channel: Channel;
  token?: string;
  customerId?: string;
}

/** Where the chat was opened: the product or order page, else the shop itself. */
function entryOf(o: WidgetOptions): Entry {
  if (o.productId) return { type: "product", id: o.productId };
  if (o.orderId) return { type: "order", id: o.orderId };
  return { type: "shop" };
}

export const WidgetModel = createModel((opts: WidgetOptions) => {
  const shopper = new ShopperModel({ token: opts.token, customerId: opts.customerId });
  const api = createApi({ token: () => shopper.identity.peek()?.token ?? null, onUnauthorized: () => shopper.expire() });
  const files = new FileCacheModel(api);
  const shop = signal<ShopInfo | null>(null);
  const product = signal<ProductInfo | null>(null);
  const conversation = signal<ConversationModel | null>(null);
  /** 我的工单: the thread's tickets, beside the conversation of the same identity. */
  const myTickets = signal<MyTicketsModel | null>(null);
  /** The order the chat was opened from, if any (a signal only because models hold signals). */
  const orderId = signal(opts.orderId ?? null);

  // Shop and product are public; a failure only hides the header, the chat still works.
  effect(() => {
    api.get<{ shop: ShopInfo }>(`/shops/${opts.shopId}`).then((r) => (shop.value = r.shop), () => undefined);
    if (opts.productId) {
      api.get<{ product: ProductInfo }>(`/shops/${opts.shopId}/products/${encodeURIComponent(opts.productId)}`).then((r) => (product.value = r.product), () => undefined);
    }
  });

  effect(() => {
    const who = shopper.identity.value;
    if (!who) return;
    const threadId = threadIdOf(opts.shopId, who.customerId);
    const model = untracked(() => new ConversationModel({ api, threadId, me: { id: who.customerId, side: "customer" }, channel: opts.channel, entry: entryOf(opts) }));
    const tickets = untracked(() => new MyTicketsModel({ api, threadId, messages: model.messages }));
    conversation.value = model;
    myTickets.value = tickets;
    return () => {
      myTickets.value = null;
      conversation.value = null;
      tickets[Symbol.dispose]();
      model[Symbol.dispose]();
    };
  });

  return {
    shopper,
    files,
    shop,
    product,
    conversation,
    myTickets,
    orderId,
    sendProduct() {
      const p = product.value;
      if (p) conversation.value?.sendCard({ kind: "product_card", productId: p.id }, p.title);
    },
    sendOrder() {
      const id = orderId.value;
      if (id) conversation.value?.sendCard({ kind: "order_card", orderId: id }, id);
    },
  };
});
export type WidgetModel = InstanceType<typeof WidgetModel>;
