/** Leave-a-message records (留言) of a shop. */
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { leaveMessages } from "../schema";

export async function listLeaveMessages(db: Database, shopId: string, status: "open" | "handled" | "all") {
  const where = status === "all" ? eq(leaveMessages.shopId, shopId) : and(eq(leaveMessages.shopId, shopId), eq(leaveMessages.status, status));
  return db.select().from(leaveMessages).where(where).orderBy(desc(leaveMessages.createdAt)).limit(200).all();
}

/** Marks one handled; false when it is not this shop's. */
export async function handleLeaveMessage(db: Database, shopId: string, id: string, by: string, now: number): Promise<boolean> {
  const res = await db
    .update(leaveMessages)
    .set({ status: "handled", handledBy: by, handledAt: now })
    .where(and(eq(leaveMessages.id, id), eq(leaveMessages.shopId, shopId)))
    .run();
  return res.meta.changes > 0;
}
