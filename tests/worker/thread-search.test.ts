/**
 * 会话搜索: `GET /api/threads?q=` through the real Worker and D1. Staff find a thread by the
 * customer's name (its start), id or e-mail, or by an order of theirs, however old the thread;
 * only threads of their own shop (platform staff: any, or ?shop=); bad text is refused by name,
 * and shoppers may not search.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { customers, orders, sessions } from "../../worker/db/schema";
import { api, seedFixture, shopperToken, STAFF, staffToken, uniqueCustomer } from "../helpers/fixtures";

const db = database(env.DB);
const DAY = 86_400_000;
type Listed = { threads: { threadId: string; customer: { name: string } }[]; error?: { code: string; details?: { field: string }[] } };

let apparel: string;
let electronics: string;
let platform: string;
/** A surname no other test uses, so prefixes match this file's customers only. */
const family = `欧阳${crypto.randomUUID().slice(0, 6)}`;

async function shopper(name: string, email: string | null, shopIds: string[], daysAgo: number): Promise<string> {
  const id = uniqueCustomer("ts");
  const now = Date.now();
  const openedAt = now - daysAgo * DAY;
  await db.batch([
    db.insert(customers).values({ id, name, level: "normal", tags: [], locale: "zh-CN", email, createdAt: now, updatedAt: now }),
    ...shopIds.map((shopId) =>
      db.insert(sessions).values({ id: `ss-${shopId}-${id}`, shopId, customerId: id, threadId: `${shopId}:${id}`, channel: "app", status: "resolved", openedAt, lastMessageAt: openedAt, resolvedAt: openedAt + 60_000, updatedAt: openedAt }),
    ),
  ]);
  return id;
}

async function search(q: string, token: string, extra = ""): Promise<{ status: number; body: Listed }> {
  const res = await api(`/api/threads?q=${encodeURIComponent(q)}${extra}`, { token });
  return { status: res.status, body: (await res.json()) as Listed };
}
const threadsOf = (r: { body: Listed }) => r.body.threads.map((t) => t.threadId).sort();

beforeAll(async () => {
  await seedFixture();
  [apparel, electronics, platform] = await Promise.all([STAFF.apparelAgent, STAFF.electronicsAgent, STAFF.platformAgent].map((s) => staffToken(s.email)));
});

describe("会话搜索 (thread search)", () => {
  it("finds a customer's thread by the start of their name, their id, their e-mail or an order, however old", async () => {
    const mail = `yun.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const yun = await shopper(`${family}云`, mail, ["apparel"], 300);
    const feng = await shopper(`${family}风`, null, ["apparel", "electronics"], 2);
    const other = await shopper(`上官${family}`, null, ["apparel"], 1);
    const orderId = `o-${crypto.randomUUID().slice(0, 10)}`;
    await db.insert(orders).values({ id: orderId, shopId: "apparel", customerId: feng, status: "paid", totalCents: 100, items: [], createdAt: Date.now(), updatedAt: Date.now() }).run();

    // A name's start: both of the family, newest first, not the one whose name only contains it.
    const byName = await search(family, apparel);
    expect(byName.status).toBe(200);
    expect(byName.body.threads.map((t) => t.threadId)).toEqual([`apparel:${feng}`, `apparel:${yun}`]);
    expect(byName.body.threads.map((t) => t.customer.name)).toEqual([`${family}风`, `${family}云`]);
    expect(threadsOf(await search(`${family}云`, apparel))).toEqual([`apparel:${yun}`]);
    expect(threadsOf(await search(other, apparel))).toEqual([`apparel:${other}`]);

    expect(threadsOf(await search(mail.toUpperCase(), apparel))).toEqual([`apparel:${yun}`]);
    expect(threadsOf(await search(yun, apparel))).toEqual([`apparel:${yun}`]);
    expect(threadsOf(await search(orderId, apparel))).toEqual([`apparel:${feng}`]);
    expect((await search("没有这个人", apparel)).body.threads).toEqual([]);
  });

  it("keeps to the searcher's shop: another shop's threads and orders never show; platform staff see all or one shop", async () => {
    const both = await shopper(`${family}双`, null, ["apparel", "electronics"], 3);
    const orderId = `o-${crypto.randomUUID().slice(0, 10)}`;
    await db.insert(orders).values({ id: orderId, shopId: "electronics", customerId: both, status: "paid", totalCents: 100, items: [], createdAt: Date.now(), updatedAt: Date.now() }).run();

    expect(threadsOf(await search(`${family}双`, apparel))).toEqual([`apparel:${both}`]);
    expect(threadsOf(await search(`${family}双`, electronics))).toEqual([`electronics:${both}`]);
    // Another shop's order says nothing to apparel's staff.
    expect(threadsOf(await search(orderId, apparel))).toEqual([]);
    expect(threadsOf(await search(orderId, electronics))).toEqual([`electronics:${both}`]);
    expect(threadsOf(await search(`${family}双`, platform))).toEqual([`apparel:${both}`, `electronics:${both}`]);
    expect(threadsOf(await search(`${family}双`, platform, "&shop=electronics"))).toEqual([`electronics:${both}`]);
    expect((await search(`${family}双`, apparel, "&shop=electronics")).status).toBe(403);
  });

  it("finds a guest by their id, refuses bad text by name, and is not for shoppers", async () => {
    const guest = `g_${crypto.randomUUID().slice(0, 10)}`;
    const openedAt = Date.now() - DAY;
    await db.insert(sessions).values({ id: `ss-${guest}`, shopId: "apparel", customerId: guest, threadId: `apparel:${guest}`, channel: "h5", status: "resolved", openedAt, lastMessageAt: openedAt, updatedAt: openedAt }).run();
    const found = await search(guest, apparel);
    expect(found.body.threads.map((t) => [t.threadId, t.customer.name])).toEqual([[`apparel:${guest}`, guest]]);

    for (const [q, message] of [["   ", "must not be empty"], ["长".repeat(65), "must be at most 64 characters"]] as const) {
      const bad = await search(q, apparel);
      expect(bad.status).toBe(400);
      expect(bad.body.error!.details!.map((d) => d.field)).toEqual(["q"]);
      expect(JSON.stringify(bad.body.error)).toContain(message);
    }
    const asShopper = await search(family, await shopperToken("c1"));
    expect(asShopper.status).toBe(403);
  });
});
