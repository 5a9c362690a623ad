/**
 * The Worker `npm run bench:price-drops` bundles and runs in workerd: seeds a shop's products with
 * audiences of chosen sizes (viewers in the last week, a tenth of them with the product in their
 * cart) among a few hundred thousand other browsing events, then answers each price drop through
 * the product's own webhook service (signature, receipt, the price write and the notices'
 * `INSERT … SELECT` in one batch), and the dispatch's claims of what it stored, in rounds of 100.
 */
import { database } from "../../worker/db/client";
import { claimNotices } from "../../worker/db/repos/proactive-outbox";
import { signDelivery } from "../../worker/services/mall/signature";
import { receiveDelivery } from "../../worker/services/mall/receive";

const SECRET = "bench-secret-bench-secret-bench-secret";
const SHOP = "bench";
const DAY_MS = 86_400_000;

export default {
  async fetch(req: Request, env: { DB: D1Database }): Promise<Response> {
    const url = new URL(req.url);
    const db = database(env.DB);
    const now = Date.now();
    const product = url.searchParams.get("product") ?? "";
    switch (url.pathname) {
      case "/seed": {
        // Products `p<N>` with N viewers each (sizes from the query), and `background` more
        // browsing events over 2,000 other products. Viewers' times spread over the last 6 days.
        const sizes = (url.searchParams.get("sizes") ?? "").split(",").map(Number);
        const background = Number(url.searchParams.get("background"));
        await env.DB.prepare(`INSERT INTO shops (id, name, name_en, category, created_at) VALUES (?1, ?1, ?1, 'apparel', 0)`).bind(SHOP).run();
        for (const n of sizes) {
          await env.DB.prepare(`INSERT INTO products (id, shop_id, title, title_en, category, price_cents, stock, updated_at) VALUES (?1, ?2, '羊毛大衣', 'Wool coat', 'apparel/outerwear', 30000, 10, 0)`).bind(`p${n}`, SHOP).run();
          await env.DB.prepare(
            `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ?1 - 1)
             INSERT INTO browsing_events (id, customer_id, shop_id, product_id, channel, occurred_at) SELECT ?2 || '-' || i, 'c' || i, ?3, ?2, 'app', ?4 - (i * 6 * ?5) / ?1 FROM k`,
          ).bind(n, `p${n}`, SHOP, now, DAY_MS).run();
          await env.DB.prepare(
            `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 10 FROM k WHERE i < ?1 - 10)
             INSERT INTO carts (customer_id, shop_id, product_id, qty, added_at) SELECT 'c' || i, ?3, ?2, 1, ?4 FROM k`,
          ).bind(n, `p${n}`, SHOP, now - DAY_MS).run();
        }
        await env.DB.prepare(
          `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ?1 - 1)
           INSERT INTO browsing_events (id, customer_id, shop_id, product_id, channel, occurred_at) SELECT 'bg-' || i, 'c' || (i % 50000), ?2, 'q' || (i % 2000), 'app', ?3 - (i * 30 * ?4) / ?1 FROM k`,
        ).bind(background, SHOP, now, DAY_MS).run();
        return new Response("seeded");
      }
      case "/reset": {
        // Back to full price, with no price-drop notices at all (a shopper is told of one drop a day,
        // and the audiences overlap): the next drop tells everyone again.
        await env.DB.batch([
          env.DB.prepare(`DELETE FROM proactive_notices WHERE kind = 'price_drop'`),
          env.DB.prepare(`UPDATE products SET price_cents = 30000, previous_price_cents = 30000, updated_at = ?2 WHERE id = ?1`).bind(product, now - 1),
        ]);
        return new Response("reset");
      }
      case "/drop": {
        const body = JSON.stringify({ id: `dlv_${crypto.randomUUID()}`, topic: "product.price_changed", data: { productId: product, shopId: SHOP, priceCents: 25900, occurredAt: now } });
        const ts = String(Math.floor(now / 1000));
        const { result } = await receiveDelivery(db, SECRET, { timestamp: ts, signature: await signDelivery(SECRET, ts, body), eventId: undefined }, body, now);
        const stored = await env.DB.prepare(`SELECT count(*) AS n FROM proactive_notices WHERE kind = 'price_drop' AND source_id = ?1`).bind(product).first<{ n: number }>();
        return Response.json({ result, stored: stored?.n ?? 0 });
      }
      case "/claim": {
        // The dispatch's claims without the queue: rounds of 100 until none is pending.
        let claimed = 0;
        for (;;) {
          const rows = await claimNotices(db, now, { createdBefore: now + 1, staleBefore: 0, limit: 100 });
          claimed += rows.length;
          if (rows.length < 100) break;
        }
        return Response.json({ claimed });
      }
      default:
        return new Response("noop");
    }
  },
};
