/**
 * 工单 (tickets): open one from a chat, list and search a shop's (platform staff: any shop's or
 * every shop's) or download the list as CSV, read one with its log, and act on it. Staff only; a
 * ticket of another shop is not found. The rules and checks are in worker/services/tickets/.
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { TicketAction, TicketCreateBody, TicketExportQuery, TicketIdParam, TicketListQuery } from "../../core/protocol/tickets";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { requireIdentity, requireStaff } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { actOnTicket } from "../services/tickets/actions";
import { createTicket } from "../services/tickets/create";
import { exportTickets } from "../services/tickets/export";
import { getTicket, listTickets } from "../services/tickets/read";
import { csvResponse } from "./csv-response";

export const ticketRoutes = new Hono<AppEnv>()
  .use("/tickets", requireIdentity, requireStaff)
  .use("/tickets/*", requireIdentity, requireStaff)
  .post(
    "/tickets",
    describeRoute({ tags: ["tickets"], summary: "Opens a ticket on a thread (its session, order or left message optional, a department and an assignee of the shop); tells the shopper in the chat unless `notifyCustomer` is false." }),
    valid("json", TicketCreateBody),
    async (c) => c.json(await createTicket(c.env, database(c.env.DB), c.get("identity"), c.req.valid("json"), Date.now()), 201),
  )
  .get(
    "/tickets",
    describeRoute({ tags: ["tickets"], summary: "A page of the shop's tickets (platform staff: ?shop= or every shop) in a status view, filtered by assignee, department, overdue, customer or a search; with counts per status and overdue." }),
    valid("query", TicketListQuery),
    async (c) => c.json(await listTickets(database(c.env.DB), c.get("identity"), c.req.valid("query"), Date.now())),
  )
  // Before `/tickets/:id`, so `export` is never read as an id.
  .get(
    "/tickets/export",
    describeRoute({ tags: ["tickets"], summary: "Every ticket the list's view and filters match (no paging), as CSV (UTF-8 with BOM) in `lang`; at most 50,000 rows (`X-Kefu-Truncated: true` when cut)." }),
    valid("query", TicketExportQuery),
    async (c) => csvResponse(c, await exportTickets(database(c.env.DB), c.get("identity"), c.req.valid("query"), Date.now())),
  )
  .get(
    "/tickets/:id",
    describeRoute({ tags: ["tickets"], summary: "One ticket with its log, oldest first." }),
    valid("param", TicketIdParam),
    async (c) => c.json(await getTicket(database(c.env.DB), c.get("identity"), c.req.valid("param").id, Date.now())),
  )
  .post(
    "/tickets/:id/actions",
    describeRoute({ tags: ["tickets"], summary: "One change, recorded in the ticket's log: a comment (or a reply to the shopper), a status, an assignee, a department or a priority." }),
    valid("param", TicketIdParam),
    valid("json", TicketAction),
    async (c) => c.json(await actOnTicket(c.env, database(c.env.DB), c.get("identity"), c.req.valid("param").id, c.req.valid("json"), Date.now())),
  );
