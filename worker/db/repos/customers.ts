/**
 * Customers (mall users as we know them). Pushed by the mall; also upserted from the shopper
 * token's claims when a session opens, so a chat never lacks a name and level.
 */
import { and, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { customers, orders, shopperTokenRevocations } from "../schema";

export type CustomerRow = typeof customers.$inferSelect;

export async function findCustomer(db: Database, id: string): Promise<CustomerRow | undefined> {
  return db.select().from(customers).where(eq(customers.id, id)).get();
}

export async function findCustomers(db: Database, ids: string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(customers).where(inArray(customers.id, ids)).all();
}

/** The customer the mall gave this (lowercased) e-mail address, the latest pushed if several. */
export async function findCustomerByEmail(db: Database, email: string): Promise<CustomerRow | undefined> {
  return db.select().from(customers).where(eq(customers.email, email)).orderBy(desc(customers.updatedAt)).limit(1).get();
}

/** What the console's thread search may match: a name's start, an id, an e-mail, an order. */
export const CUSTOMER_SEARCH_MAX = 50;

/**
 * The customers a staff search means, in one batch of index lookups (no scan, whatever the
 * mall's size): the id itself, the e-mail address, names starting with the text (a range on
 * `customers_name`), and the customer of an order with that id in the given shops.
 */
export async function findCustomerIdsForSearch(db: Database, text: string, shopIds: string[] | "all"): Promise<string[]> {
  const [people, bought] = await db.batch([
    db
      .select({ id: customers.id })
      .from(customers)
      // U+10FFFF sorts after any character that can follow the prefix (UTF-8, binary collation).
      .where(or(eq(customers.id, text), eq(customers.email, text.toLowerCase()), and(gte(customers.name, text), lt(customers.name, `${text}\u{10FFFF}`))))
      .limit(CUSTOMER_SEARCH_MAX),
    db
      .select({ id: orders.customerId })
      .from(orders)
      .where(and(eq(orders.id, text), shopIds === "all" ? undefined : inArray(orders.shopId, shopIds)))
      .limit(1),
  ]);
  return [...new Set([...people.map((p) => p.id), ...bought.map((o) => o.id)])];
}

/** Demo lists: the first customers by id. */
export async function listCustomers(db: Database, limit: number): Promise<CustomerRow[]> {
  return db.select().from(customers).orderBy(customers.id).limit(limit).all();
}

/**
 * The statement that records a customer's token claims, to batch with a session write. Claims
 * only fill in customers the mall never pushed (`updated_at = 0`): a webhook's newer, fuller
 * record always wins, and the claims never move its version.
 */
export function upsertCustomerFromClaims(db: Database, c: { id: string; name: string; level: string; locale: string }, now: number) {
  return db
    .insert(customers)
    .values({ id: c.id, name: c.name, level: c.level, locale: c.locale, tags: [], createdAt: now, updatedAt: 0 })
    .onConflictDoUpdate({ target: customers.id, set: { name: c.name, level: c.level }, setWhere: sql`${customers.updatedAt} = 0` });
}

/** When the mall last revoked this shopper's tokens (epoch ms), or null if it never did. */
export async function findTokenRevocation(db: Database, customerId: string): Promise<number | null> {
  const row = await db.select({ revokedAt: shopperTokenRevocations.revokedAt }).from(shopperTokenRevocations).where(eq(shopperTokenRevocations.customerId, customerId)).get();
  return row?.revokedAt ?? null;
}
