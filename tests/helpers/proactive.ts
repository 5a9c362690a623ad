/**
 * Helpers for proactive-service tests: shops whose local clock reads a chosen hour (so quiet
 * hours are tested against the real clock, whatever time the suite runs), orders, signed
 * parcel steps through the real webhook, the thread's notices, and polling D1.
 */
import { env } from "cloudflare:workers";
import { getServerByName } from "partyserver";
import { and, eq } from "drizzle-orm";
import { database } from "../../worker/db/client";
import { customers, orders, proactiveNotices, proactiveOutcomes, shops } from "../../worker/db/schema";
import { signDelivery } from "../../worker/services/mall/signature";
import { PROACTIVE_SENDER } from "../../worker/services/proactive/deliver";
import { routingChanged } from "../../worker/services/routing-config";
import type { ChatMessage } from "../../core/protocol";
import { api, uniqueCustomer } from "./fixtures";

export const db = database(env.DB);

/**
 * An `Etc/GMT±N` zone whose local hour is now `hour` (give or take the current minute). POSIX
 * signs are inverted: `Etc/GMT-8` is UTC+8.
 */
export function zoneAtLocalHour(hour: number, now = Date.now()): string {
  let offset = (hour - new Date(now).getUTCHours() + 24) % 24;
  if (offset > 12) offset -= 24;
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

/** A fresh shop whose clock reads `localHour` now (noon: deliver; 23:00: quiet). */
export async function createShop(localHour: number): Promise<string> {
  const id = `s${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  await db.insert(shops).values({ id, name: "测试店铺", nameEn: "Test shop", category: "apparel", businessHours: { timeZone: zoneAtLocalHour(localHour), weekly: {} }, createdAt: now, updatedAt: now }).run();
  return id;
}

/** Points an existing shop's clock at `localHour` (fixture shops in a test file's own D1). */
export async function setShopHour(shopId: string, localHour: number): Promise<void> {
  await db.update(shops).set({ businessHours: { timeZone: zoneAtLocalHour(localHour), weekly: {} } }).where(eq(shops.id, shopId)).run();
  routingChanged(shopId);
}

/** A customer (optionally opted out) with a shipped order in the shop. */
export async function createOrder(shopId: string, o: { customerId?: string; optOut?: boolean } = {}): Promise<{ orderId: string; customerId: string; threadId: string }> {
  const customerId = o.customerId ?? uniqueCustomer("px");
  const orderId = `o-${crypto.randomUUID().slice(0, 12)}`;
  const now = Date.now();
  await db.batch([
    db.insert(customers).values({ id: customerId, name: "周八", level: "normal", tags: [], locale: "zh-CN", proactiveOptOut: o.optOut ?? false, createdAt: now, updatedAt: now }).onConflictDoNothing(),
    db.insert(orders).values({
      id: orderId, shopId, customerId, status: "shipped", totalCents: 7900, createdAt: now - 86_400_000, updatedAt: now,
      items: [{ productId: "p-tee", title: "纯棉圆领T恤", category: "apparel/tops", qty: 1, priceCents: 7900 }],
    }),
  ]);
  return { orderId, customerId, threadId: `${shopId}:${customerId}` };
}

/** A parcel step as `shipment.event` data. */
export function step(shopId: string, orderId: string, status: string, occurredAt = Date.now(), id = `se_${crypto.randomUUID()}`) {
  return { id, orderId, shopId, carrier: "中通快递", trackingNo: "78123456789012", status, description: "【杭州市】快递员正在为您派件", location: "杭州", occurredAt };
}

/** Posts a signed delivery through the real webhook route; returns the parsed answer. */
export async function deliver(body: unknown): Promise<{ duplicate: boolean; results: { topic: string; outcome: string }[] }> {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await api("/api/mall/webhooks", {
    method: "POST",
    headers: { "content-type": "application/json", "x-kefu-timestamp": ts, "x-kefu-signature": await signDelivery(env.MALL_WEBHOOK_SECRET!, ts, raw) },
    body: raw,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Sends parcel steps in one signed delivery. */
export function sendSteps(...steps: ReturnType<typeof step>[]) {
  const id = `dlv_${crypto.randomUUID()}`;
  return deliver(steps.length === 1 ? { id, topic: "shipment.event", data: steps[0] } : { id, events: steps.map((data) => ({ topic: "shipment.event", data })) });
}

/** The proactive notices in a thread's history, as the shopper sees it. */
export async function threadNotices(threadId: string): Promise<ChatMessage[]> {
  const room = await getServerByName(env.ConversationRoom, threadId);
  const { messages } = await room.history(null, 200, "customer");
  return messages.filter((m) => m.sender.id === PROACTIVE_SENDER.id);
}

export function noticeRow(id: string) {
  return db.select().from(proactiveNotices).where(eq(proactiveNotices.id, id)).get();
}

export function noticesOf(customerId: string) {
  return db.select().from(proactiveNotices).where(eq(proactiveNotices.customerId, customerId)).all();
}

export function outcomesOf(noticeId: string) {
  return db.select().from(proactiveOutcomes).where(and(eq(proactiveOutcomes.noticeId, noticeId))).all();
}

/** Polls `probe` until it returns a truthy value (real queue delivery takes about a second per attempt). */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
