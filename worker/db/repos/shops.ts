/** Shops and their public catalogue. */
import { and, eq } from "drizzle-orm";
import type { Database } from "../client";
import { products, shops } from "../schema";

export async function listShops(db: Database) {
  return db.select().from(shops).orderBy(shops.id).all();
}

export async function findShop(db: Database, id: string) {
  return db.select().from(shops).where(eq(shops.id, id)).get();
}

export async function listShopProducts(db: Database, shopId: string, limit: number) {
  return db.select().from(products).where(eq(products.shopId, shopId)).orderBy(products.id).limit(limit).all();
}

export async function findProduct(db: Database, shopId: string, productId: string) {
  return db.select().from(products).where(and(eq(products.shopId, shopId), eq(products.id, productId))).get();
}
