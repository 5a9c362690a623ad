/**
 * 数据报表: the service report of a range of days, and its tables as CSV. Shop admins see their
 * shop; platform admins one shop (?shop=) or all shops; every staff member their own figures
 * (`/analytics/mine`: the sessions they held).
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { AnalyticsExportQuery, AnalyticsQuery } from "../../core/protocol/analytics";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { requireIdentity, requireStaff } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { adminReadScope, ownReportScope } from "../services/admin-scope";
import { reportCsv, serviceReport } from "../services/analytics";
import { csvResponse } from "./csv-response";

export const analyticsRoutes = new Hono<AppEnv>()
  .use("/admin/analytics", requireIdentity, requireStaff)
  .use("/admin/analytics/*", requireIdentity, requireStaff)
  .use("/analytics/mine", requireIdentity, requireStaff)
  .use("/analytics/mine/*", requireIdentity, requireStaff)
  .get(
    "/admin/analytics",
    describeRoute({
      tags: ["analytics"],
      summary:
        "The service report of sessions opened on local days from..to (the shop's time zone; default the last 7 days): volume, bot containment, hand-offs, first response and handling times, CSAT, busy hours, topics, channels and each agent's figures.",
    }),
    valid("query", AnalyticsQuery),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await serviceReport(database(c.env.DB), adminReadScope(c.get("identity"), q.shop), q, Date.now()));
    },
  )
  .get(
    "/analytics/mine",
    describeRoute({ tags: ["analytics"], summary: "The staff member's own figures (我的数据): the same report over the sessions they held in their shop; `shop` is ignored." }),
    valid("query", AnalyticsQuery),
    async (c) => c.json(await serviceReport(database(c.env.DB), ownReportScope(c.get("identity")), c.req.valid("query"), Date.now())),
  )
  .get(
    "/analytics/mine/export",
    describeRoute({ tags: ["analytics"], summary: "The staff member's own report tables as CSV (days, agents: themselves, sessions they held)." }),
    valid("query", AnalyticsExportQuery),
    async (c) => csvResponse(c, await reportCsv(database(c.env.DB), ownReportScope(c.get("identity")), c.req.valid("query"), Date.now())),
  )
  .get(
    "/admin/analytics/export",
    describeRoute({ tags: ["analytics"], summary: "One table of the report (days, agents, or every session) as CSV, UTF-8 with BOM; headers in `lang`." }),
    valid("query", AnalyticsExportQuery),
    async (c) => {
      const q = c.req.valid("query");
      return csvResponse(c, await reportCsv(database(c.env.DB), adminReadScope(c.get("identity"), q.shop), q, Date.now()));
    },
  );
