/**
 * Thread lists, summaries, history paging, and the thread's tickets as its shopper sees them,
 * with the shopper's answer to a resolution.
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { LIMITS, ShopId, ThreadId } from "../../core/protocol";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { requireIdentity } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { TicketAnswerBody, TicketIdParam } from "../../core/protocol/tickets";
import { answerTicket } from "../services/tickets/answer";
import { threadTickets } from "../services/tickets/shopper";
import { listThreads, roomFor } from "../services/threads";

const ListQuery = v.object({
  shop: v.optional(ShopId),
  status: v.optional(v.picklist(["open", "all"]), "all"),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"), v.transform(Number), v.minValue(1), v.maxValue(200)), "50"),
  /** Staff: a customer's name (its start), id or e-mail, or an order id. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(64, "must be at most 64 characters"))),
});
const ThreadParam = v.object({ threadId: ThreadId });
const ThreadTicketParam = v.object({ ...ThreadParam.entries, ...TicketIdParam.entries });
const HistoryQuery = v.object({
  before: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"), v.transform(Number))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"), v.transform(Number), v.minValue(1), v.maxValue(LIMITS.historyPageMax)), "50"),
});

export const threadRoutes = new Hono<AppEnv>()
  .use("/threads", requireIdentity)
  .use("/threads/*", requireIdentity)
  .get(
    "/threads",
    describeRoute({ tags: ["threads"], summary: "Staff: each thread's latest session in their shop (platform staff: all shops or ?shop=); `q` searches (会话搜索) by a customer's name (its start), id or e-mail, or an order id. Shoppers: their own threads." }),
    valid("query", ListQuery),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await listThreads(database(c.env.DB), c.get("identity"), { shopId: q.shop, openOnly: q.status === "open", limit: Number(q.limit), ...(q.q !== undefined ? { q: q.q } : {}) }));
    },
  )
  .get(
    "/threads/:threadId",
    describeRoute({ tags: ["threads"], summary: "Where a thread stands: last seq, read positions, unread counts, current session." }),
    valid("param", ThreadParam),
    async (c) => {
      const room = await roomFor(c.env, c.get("identity"), c.req.valid("param").threadId);
      return c.json(await room.summary());
    },
  )
  .get(
    "/threads/:threadId/messages",
    describeRoute({ tags: ["threads"], summary: "A page of history, oldest first: messages before ?before= (default: the latest page)." }),
    valid("param", ThreadParam),
    valid("query", HistoryQuery),
    async (c) => {
      const q = c.req.valid("query");
      const room = await roomFor(c.env, c.get("identity"), c.req.valid("param").threadId);
      const audience = c.get("identity").kind === "staff" ? "agent" : "customer";
      return c.json(await room.history(q.before ?? null, Number(q.limit), audience));
    },
  )
  .get(
    "/threads/:threadId/tickets",
    describeRoute({ tags: ["threads", "tickets"], summary: "The thread's tickets (工单) as its shopper sees them, newest first (at most 50): status and the replies and status changes they were told of; never internal notes, assignees, departments or priorities." }),
    valid("param", ThreadParam),
    async (c) => c.json(await threadTickets(database(c.env.DB), c.get("identity"), c.req.valid("param").threadId)),
  )
  .post(
    "/threads/:threadId/tickets/:id/answer",
    describeRoute({ tags: ["threads", "tickets"], summary: "The shopper's answer to a resolved ticket within 7 days of its resolution: `solved` closes it, `unsolved` reopens it (with an optional reason). The thread's shopper only; answers the ticket as they see it." }),
    valid("param", ThreadTicketParam),
    valid("json", TicketAnswerBody),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(await answerTicket(database(c.env.DB), c.get("identity"), p.threadId, p.id, c.req.valid("json"), Date.now()));
    },
  );
