/**
 * Mall data the chat needs: orders and products for cards. Every lookup is scoped to the shop
 * (the platform desk may reach any shop's) and, for orders, to the customer.
 */
import { and, eq } from "drizzle-orm";
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import type { Database } from "../client";
import { orders, products } from "../schema";

export type OrderRow = typeof orders.$inferSelect;
export type ProductRow = typeof products.$inferSelect;

/** An order of this customer with this shop (any shop for the platform desk). */
export async function findCustomerOrder(db: Database, shopId: string, customerId: string, orderId: string): Promise<OrderRow | undefined> {
  const scope = shopId === PLATFORM_SHOP_ID ? [] : [eq(orders.shopId, shopId)];
  return db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.customerId, customerId), ...scope)).get();
}

/** A product of this shop (any shop for the platform desk). */
export async function findShopProduct(db: Database, shopId: string, productId: string): Promise<ProductRow | undefined> {
  const scope = shopId === PLATFORM_SHOP_ID ? [] : [eq(products.shopId, shopId)];
  return db.select().from(products).where(and(eq(products.id, productId), ...scope)).get();
}
