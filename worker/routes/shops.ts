/**
 * Public shop and product information the shopper widget shows (name, product being asked about).
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { ShopId } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import { shopMailbox } from "../services/email/mailbox";
import { database } from "../db/client";
import { findProduct, findShop, listShopProducts, listShops } from "../db/repos/shops";
import type { AppEnv } from "../env";
import { valid } from "../middleware/validate";

const publicProduct = (p: { id: string; shopId: string; title: string; titleEn: string; category: string; priceCents: number; stock: number; image: string | null }) => ({
  id: p.id, shopId: p.shopId, title: p.title, titleEn: p.titleEn, category: p.category, priceCents: p.priceCents, stock: p.stock, image: p.image,
});

export const shopRoutes = new Hono<AppEnv>()
  .get("/shops", describeRoute({ tags: ["shops"], summary: "All shops (public)." }), async (c) => {
    const rows = await listShops(database(c.env.DB));
    return c.json({ shops: rows.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, category: s.category })) });
  })
  .get("/shops/:shopId", describeRoute({ tags: ["shops"], summary: "One shop with a few of its products (public)." }), valid("param", v.object({ shopId: ShopId })), async (c) => {
    const db = database(c.env.DB);
    const shop = await findShop(db, c.req.valid("param").shopId);
    if (!shop) throw new DomainError("not_found", "no such shop");
    const items = await listShopProducts(db, shop.id, 12);
    return c.json({ shop: { id: shop.id, name: shop.name, nameEn: shop.nameEn, category: shop.category, serviceEmail: shopMailbox(c.env, shop.id) }, products: items.map(publicProduct) });
  })
  .get(
    "/shops/:shopId/products/:productId",
    describeRoute({ tags: ["shops"], summary: "One product (public): what a product-page chat is about." }),
    valid("param", v.object({ shopId: ShopId, productId: v.pipe(v.string(), v.maxLength(64)) })),
    async (c) => {
      const { shopId, productId } = c.req.valid("param");
      const p = await findProduct(database(c.env.DB), shopId, productId);
      if (!p) throw new DomainError("not_found", "no such product");
      return c.json({ product: publicProduct(p) });
    },
  );
