/** Leave-a-message records (留言) of a shop. */
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { customers, leaveMessages } from "../schema";

/** The shop's left messages, newest first, with the customer's name. */
export async function listLeaveMessages(db: Database, shopId: string, status: "open" | "handled" | "all") {
  const where = status === "all" ? eq(leaveMessages.shopId, shopId) : and(eq(leaveMessages.shopId, shopId), eq(leaveMessages.status, status));
  const rows = await db
    .select({ message: leaveMessages, customerName: customers.name })
    .from(leaveMessages)
    .leftJoin(customers, eq(customers.id, leaveMessages.customerId))
    .where(where)
    .orderBy(desc(leaveMessages.createdAt))
    .limit(200)
    .all();
  return rows.map((r) => ({ ...r.message, customerName: r.customerName ?? r.message.customerId }));
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
