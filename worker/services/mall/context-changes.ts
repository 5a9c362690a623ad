/**
 * Which parts of the agent's context panel an applied webhook event changes, and for whom.
 * Pure: the push (context-push.ts) resolves shipment steps to their order's customer and finds
 * the threads. Shop names and products are not pushed: a product sits in the carts, browsing and
 * entries of any number of customers, and finding them needs indexes D1 does not have yet; the
 * panel's slow refresh picks those up.
 */
import type { ContextPart, MallEvent } from "../../../core/protocol";

/** A change to one customer's data; `shopId: null` is their profile, which every shop shows. */
export interface CustomerChange {
  customerId: string;
  shopId: string | null;
  part: ContextPart;
}

/** A shipment step names its order, not the customer. */
export interface OrderChange {
  orderId: string;
  shopId: string;
}

/** Splits applied events into changes by customer and tracking steps by order. */
export function changesOf(applied: readonly MallEvent[]): { customers: CustomerChange[]; orders: OrderChange[] } {
  const customers: CustomerChange[] = [];
  const orders: OrderChange[] = [];
  for (const e of applied) {
    if (e.topic === "customer.upserted") customers.push({ customerId: e.data.id, shopId: null, part: "customer" });
    else if (e.topic === "order.upserted") customers.push({ customerId: e.data.customerId, shopId: e.data.shopId, part: "orders" });
    else if (e.topic === "cart.updated") customers.push({ customerId: e.data.customerId, shopId: e.data.shopId, part: "cart" });
    else if (e.topic === "browsing.event") customers.push({ customerId: e.data.customerId, shopId: e.data.shopId, part: "browsing" });
    else if (e.topic === "shipment.event") orders.push({ orderId: e.data.orderId, shopId: e.data.shopId });
  }
  return { customers, orders };
}

/** The changes of each customer as the room takes them: parts grouped by shop, each part once. */
export function groupByCustomer(changes: readonly CustomerChange[]): Map<string, { shopId: string | null; parts: ContextPart[] }[]> {
  const byCustomer = new Map<string, Map<string | null, Set<ContextPart>>>();
  for (const c of changes) {
    const shops = byCustomer.get(c.customerId) ?? new Map<string | null, Set<ContextPart>>();
    byCustomer.set(c.customerId, shops);
    const parts = shops.get(c.shopId) ?? new Set<ContextPart>();
    shops.set(c.shopId, parts.add(c.part));
  }
  return new Map([...byCustomer].map(([id, shops]) => [id, [...shops].map(([shopId, parts]) => ({ shopId, parts: [...parts] }))]));
}
