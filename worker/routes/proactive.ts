/**
 * Proactive service administration: dead letters (list, replay) and outcome counts. Shop
 * admins see their shop; platform admins one shop (?shop=) or all.
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { ShopQuery } from "../../core/protocol/admin";
import { DeadLetterParam, DeadLetterQuery, OutcomeQuery } from "../../core/protocol/proactive";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { requireIdentity, requireStaff } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { adminReadScope } from "../services/admin-scope";
import { outcomeCounts } from "../services/proactive/admin";
import { listDead, replayDeadLetter } from "../services/proactive/dead-letters";

export const proactiveRoutes = new Hono<AppEnv>()
  .use("/admin/dead-letters", requireIdentity, requireStaff)
  .use("/admin/dead-letters/*", requireIdentity, requireStaff)
  .use("/admin/proactive/*", requireIdentity, requireStaff)
  .get(
    "/admin/dead-letters",
    describeRoute({ tags: ["proactive"], summary: "Queue messages that failed every retry (or could not be read), newest first: `open` = not replayed yet." }),
    valid("query", DeadLetterQuery),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await listDead(database(c.env.DB), adminReadScope(c.get("identity"), q.shop), q.state, q.limit));
    },
  )
  .post(
    "/admin/dead-letters/:id/replay",
    describeRoute({ tags: ["proactive"], summary: "Sends a dead notice to the proactive queue again; a notice already shown in the thread is not shown twice." }),
    valid("param", DeadLetterParam),
    valid("query", ShopQuery),
    async (c) => {
      const scope = adminReadScope(c.get("identity"), c.req.valid("query").shop);
      return c.json({ deadLetter: await replayDeadLetter(c.env, database(c.env.DB), scope, c.req.valid("param").id, Date.now()) });
    },
  )
  .get(
    "/admin/proactive/outcomes",
    describeRoute({ tags: ["proactive"], summary: "Proactive notice outcomes (delivered, skipped_opt_out, capped, deferred) per day (UTC+8) over the last `days` days." }),
    valid("query", OutcomeQuery),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await outcomeCounts(database(c.env.DB), adminReadScope(c.get("identity"), q.shop), q.days, Date.now()));
    },
  );
