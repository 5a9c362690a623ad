/**
 * Threads as the console and the widget see them: lists from D1 session rows, history and
 * summaries from the thread's room. Every call checks the caller may see the thread.
 */
import { getServerByName } from "partyserver";
import { DomainError } from "../../core/domain/errors";
import * as v from "valibot";
import { CustomerId, PLATFORM_SHOP_ID, parseThreadId } from "../../core/protocol";
import type { Database } from "../db/client";
import { findCustomerIdsForSearch, findCustomers } from "../db/repos/customers";
import { listLatestSessions } from "../db/repos/sessions";
import { canAccessThread, type Identity } from "./identity";
import { sessions } from "../db/schema";
import { and, desc, eq, sql } from "drizzle-orm";

/** The room stub of a thread the caller may access; throws `forbidden` otherwise. */
export async function roomFor(env: Env, identity: Identity, threadId: string) {
  if (!canAccessThread(identity, threadId)) throw new DomainError("forbidden", "you may not access this thread");
  return getServerByName(env.ConversationRoom, threadId);
}

/** Staff: latest session of each thread of their shop (platform staff: every shop, or one). */
export async function listThreads(db: Database, identity: Identity, opts: { shopId?: string; openOnly: boolean; limit: number; q?: string }) {
  if (identity.kind === "customer") {
    if (opts.q !== undefined) throw new DomainError("forbidden", "q: searching threads is for staff");
    const rows = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.customerId, identity.customerId), sql`${sessions.openedAt} = (SELECT MAX(s2.opened_at) FROM sessions s2 WHERE s2.thread_id = ${sessions.threadId})`))
      .orderBy(desc(sessions.lastMessageAt))
      .limit(opts.limit)
      .all();
    return { threads: rows.map((r) => ({ threadId: r.threadId, shopId: r.shopId, session: r })) };
  }
  let scope: string[] | "all" = [identity.shopId];
  if (identity.shopId === PLATFORM_SHOP_ID) scope = opts.shopId ? [opts.shopId] : "all";
  else if (opts.shopId && opts.shopId !== identity.shopId) throw new DomainError("forbidden", "you may only list your own shop's threads");
  // A search (会话搜索) lists the threads of the customers it means, in this scope only.
  const customerIds = opts.q === undefined ? undefined : await searchedCustomers(db, opts.q, scope);
  const rows = await listLatestSessions(db, scope, { openOnly: opts.openOnly, limit: opts.limit, ...(customerIds ? { customerIds } : {}) });
  const customers = new Map((await findCustomers(db, [...new Set(rows.map((r) => r.customerId))])).map((c) => [c.id, c]));
  return {
    threads: rows.map((r) => {
      const c = customers.get(r.customerId);
      return { threadId: r.threadId, shopId: r.shopId, customer: c ? { id: c.id, name: c.name, level: c.level } : { id: r.customerId, name: r.customerId, level: "normal" }, session: r };
    }),
  };
}

/** The customers a search means; a guest's or unknown shopper's id matches their threads too. */
async function searchedCustomers(db: Database, q: string, scope: string[] | "all"): Promise<string[]> {
  const found = await findCustomerIdsForSearch(db, q, scope);
  return v.is(CustomerId, q) && !found.includes(q) ? [...found, q] : found;
}

export function shopOfThread(threadId: string): string {
  return parseThreadId(threadId).shopId;
}
