/**
 * Product rows: every title of the product data files, priced like a Chinese mall prices
 * (¥79, ¥199, ¥5,999) and stocked, a few of them sold out so "有货吗" has a "no" to find.
 */
import { CATEGORIES, CATEGORY_KEYS, type Category } from "../../core/domain/catalog";
import type { products } from "../../worker/db/schema";
import { APPAREL_PRODUCTS, ELECTRONICS_PRODUCTS } from "./products-apparel-electronics";
import { BEAUTY_PRODUCTS, FOOD_PRODUCTS, type ProductSeed } from "./products-food-beauty";
import { Rng } from "./random";
import type { SellingShopId } from "./shops";
import { DAY } from "./time";

export type ProductRow = typeof products.$inferInsert;

const SEEDS: Record<string, ProductSeed[]> = { ...APPAREL_PRODUCTS, ...ELECTRONICS_PRODUCTS, ...FOOD_PRODUCTS, ...BEAUTY_PRODUCTS };

/** A price in cents that ends the way shop prices do: ¥9.90, ¥79, ¥5,999. */
export function nicePriceCents(yuan: number): number {
  if (yuan < 20) return Math.max(1, Math.round(yuan)) * 100 - 10;
  if (yuan < 1000) return (Math.ceil(yuan / 10) * 10 - 1) * 100;
  return (Math.ceil(yuan / 100) * 100 - 1) * 100;
}

/** The shop that sells a category: its department, e.g. `apparel` for `apparel/tops`. */
export function shopOfCategory(category: Category): SellingShopId {
  return category.split("/")[0] as SellingShopId;
}

/** Every product, ids `p-<shop>-<nnn>` numbered per shop in category order. */
export function productRows(now: number): ProductRow[] {
  const rng = Rng.for("products");
  const perShop = new Map<string, number>();
  const rows: ProductRow[] = [];
  for (const category of CATEGORY_KEYS) {
    const seeds = SEEDS[category];
    if (!seeds) throw new Error(`no demo products for category ${category} (${CATEGORIES[category].en})`);
    const shopId = shopOfCategory(category);
    for (const [zh, en, minYuan, maxYuan] of seeds) {
      const n = (perShop.get(shopId) ?? 0) + 1;
      perShop.set(shopId, n);
      rows.push({
        id: `p-${shopId}-${String(n).padStart(3, "0")}`,
        shopId,
        title: zh,
        titleEn: en,
        category,
        priceCents: nicePriceCents(rng.range(minYuan, maxYuan)),
        stock: rng.chance(0.05) ? 0 : rng.int(5, 2000),
        image: null,
        updatedAt: now - Math.floor(rng.range(0.1, 30) * DAY),
      });
    }
  }
  return rows;
}
