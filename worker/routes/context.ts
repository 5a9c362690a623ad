/**
 * The agent panel's context of a thread, and order-reference resolution for a message. Staff
 * of the thread's shop, or platform staff (who see every shop's orders and history).
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { EntryType, LIMITS, ThreadId } from "../../core/protocol";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { requireIdentity, requireStaff } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { loadThreadContext } from "../services/context/load";
import { loadOrders, OrderCursor, ORDERS_PAGE } from "../services/context/orders";
import { resolveForThread } from "../services/context/resolve";
import { contextScope } from "../services/context/scope";

const MallId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1-64 letters, digits, '_', '.', ':' or '-'"));
const ContextQuery = v.pipe(
  v.object({ thread: ThreadId, entryType: v.optional(EntryType), entryId: v.optional(MallId) }),
  v.forward(
    v.check((q) => !(q.entryType === "product" || q.entryType === "order") || q.entryId !== undefined, "is required when entryType is product or order"),
    ["entryId"],
  ),
);
const OrdersQuery = v.object({
  thread: ThreadId,
  before: v.optional(OrderCursor),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"), v.transform(Number), v.minValue(1), v.maxValue(ORDERS_PAGE.max)), String(ORDERS_PAGE.default)),
});
const ResolveQuery = v.object({
  thread: ThreadId,
  message: v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(LIMITS.textMaxChars)),
  entryOrderId: v.optional(MallId),
});

export const contextRoutes = new Hono<AppEnv>()
  .use("/context", requireIdentity, requireStaff)
  .use("/context/*", requireIdentity, requireStaff)
  .get(
    "/context",
    describeRoute({ tags: ["context"], summary: "The customer beside a chat: profile, entry, orders with tracks, browsing, cart, past sessions, complaints." }),
    valid("query", ContextQuery),
    async (c) => {
      const q = c.req.valid("query");
      const scope = contextScope(c.get("identity"), q.thread);
      return c.json(await loadThreadContext(database(c.env.DB), scope, { type: q.entryType, id: q.entryId }));
    },
  )
  .get(
    "/context/orders",
    describeRoute({ tags: ["context"], summary: "The customer's orders in scope, newest first, a page at a time: pass `orders.next` (or a page's `next`) as `before`." }),
    valid("query", OrdersQuery),
    async (c) => {
      const q = c.req.valid("query");
      const scope = contextScope(c.get("identity"), q.thread);
      return c.json(await loadOrders(database(c.env.DB), scope, q.before, Number(q.limit)));
    },
  )
  .get(
    "/context/resolve",
    describeRoute({ tags: ["context"], summary: "Which of the customer's orders a message means: ranked candidates with cards and tracks." }),
    valid("query", ResolveQuery),
    async (c) => {
      const q = c.req.valid("query");
      const scope = contextScope(c.get("identity"), q.thread);
      return c.json(await resolveForThread(database(c.env.DB), scope, { message: q.message, now: Date.now(), entryOrderId: q.entryOrderId }));
    },
  );
