/**
 * Canned replies of a shop: shop-level ones (no owner) that every agent sees, and each agent's
 * own. Every function takes the shop; personal ones also the owner.
 */
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Database } from "../client";
import { cannedReplies } from "../schema";

export type CannedRow = typeof cannedReplies.$inferSelect;

/** What an agent may use: the shop's replies and their own, by shortcut. */
export function visibleReplies(db: Database, shopId: string, staffId: string): Promise<CannedRow[]> {
  const c = cannedReplies;
  return db.select().from(c).where(and(eq(c.shopId, shopId), or(isNull(c.ownerStaffId), eq(c.ownerStaffId, staffId)))).orderBy(asc(c.shortcut), asc(c.id)).all();
}

/**
 * Replies an agent may insert in a thread of `shopId`: that shop's shop-level ones, and their own
 * (kept in their own shop: a platform agent stepping into a shop's thread brings theirs along).
 */
export function assistReplies(db: Database, shopId: string, staffShopId: string, staffId: string): Promise<CannedRow[]> {
  const c = cannedReplies;
  return db
    .select()
    .from(c)
    .where(or(and(eq(c.shopId, shopId), isNull(c.ownerStaffId)), and(eq(c.shopId, staffShopId), eq(c.ownerStaffId, staffId))))
    .orderBy(asc(c.shortcut), asc(c.id))
    .all();
}

export function findReply(db: Database, shopId: string, id: string): Promise<CannedRow | undefined> {
  return db.select().from(cannedReplies).where(and(eq(cannedReplies.shopId, shopId), eq(cannedReplies.id, id))).get();
}

/** A reply with this shortcut in the same scope (shop-level, or the same owner's), if any. */
export function findByShortcut(db: Database, shopId: string, owner: string | null, shortcut: string): Promise<CannedRow | undefined> {
  const c = cannedReplies;
  return db.select().from(c).where(and(eq(c.shopId, shopId), owner === null ? isNull(c.ownerStaffId) : eq(c.ownerStaffId, owner), eq(c.shortcut, shortcut))).get();
}

export async function insertReply(db: Database, row: typeof cannedReplies.$inferInsert): Promise<void> {
  await db.insert(cannedReplies).values(row).run();
}

export async function updateReply(db: Database, shopId: string, id: string, change: Partial<Pick<CannedRow, "shortcut" | "title" | "text">>, now: number): Promise<void> {
  await db.update(cannedReplies).set({ ...change, updatedAt: now }).where(and(eq(cannedReplies.shopId, shopId), eq(cannedReplies.id, id))).run();
}

export async function deleteReply(db: Database, shopId: string, id: string): Promise<void> {
  await db.delete(cannedReplies).where(and(eq(cannedReplies.shopId, shopId), eq(cannedReplies.id, id))).run();
}
