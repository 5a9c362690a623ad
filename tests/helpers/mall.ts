/**
 * Signed mall webhooks, posted through the real Worker the way the mall sends them.
 */
import { env } from "cloudflare:workers";
import { signDelivery } from "../../worker/services/mall/signature";
import { api } from "./fixtures";

export interface MallAnswer {
  duplicate: boolean;
  results: { topic: string; outcome: "applied" | "skipped" }[];
}

export const deliveryId = (): string => `dlv_${crypto.randomUUID()}`;

/** One event as a delivery body (`id` defaults to a fresh delivery id). */
export const oneEvent = (topic: string, data: unknown, id = deliveryId()): string => JSON.stringify({ id, topic, data });
/** A batch delivery body. */
export const batchOf = (events: { topic: string; data: unknown }[], id = deliveryId()): string => JSON.stringify({ id, events });

/** Signs `body` with the deployment's secret, posts it, and returns the answer (asserting 200). */
export async function postDelivery(body: string): Promise<MallAnswer> {
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await api("/api/mall/webhooks", {
    method: "POST",
    headers: { "content-type": "application/json", "x-kefu-timestamp": ts, "x-kefu-signature": await signDelivery(env.MALL_WEBHOOK_SECRET!, ts, body) },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as MallAnswer;
}

/** An order of the customer with the shop, as `order.upserted` data. */
export function orderData(id: string, shopId: string, customerId: string, createdAt: number, o: { status?: string; updatedAt?: number } = {}) {
  return {
    id, shopId, customerId, status: o.status ?? "paid", totalCents: 7900, createdAt, paidAt: createdAt, updatedAt: o.updatedAt ?? createdAt,
    items: [{ productId: "p-tee", title: "纯棉圆领T恤", category: "apparel/tops", qty: 1, priceCents: 7900 }],
  };
}
