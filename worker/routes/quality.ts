/**
 * 质检 (quality review): admins list finished consultations (filter by sign, agent, reviewed),
 * open one with its transcript and score it; every staff member reads their own reviews and may
 * contest one (申诉).
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { QualityAppealBody, QualityListQuery, QualityReviewBody, QualitySessionParam } from "../../core/protocol/quality";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { requireAdmin, requireIdentity, requireStaff } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { appealReview, myReviews, qualityList, qualitySession, reviewSession } from "../services/quality";

export const qualityRoutes = new Hono<AppEnv>()
  .use("/admin/quality/*", requireIdentity, requireAdmin)
  .use("/quality/mine", requireIdentity, requireStaff)
  .use("/quality/mine/*", requireIdentity, requireStaff)
  .get(
    "/admin/quality/sessions",
    describeRoute({
      tags: ["quality"],
      summary:
        "质检: finished consultations an agent held, opened in the last `days` days (1–31, default 7), newest first; `flag` (low_rating, slow_first_response, no_reply, ended_idle, or flagged: any), `agent`, `reviewed` (yes/no/all) filter; `before` pages on. With each agent's review count and average in the range.",
    }),
    valid("query", QualityListQuery),
    async (c) => c.json(await qualityList(database(c.env.DB), c.get("identity"), c.req.valid("query"), Date.now())),
  )
  .get(
    "/admin/quality/sessions/:sessionId",
    describeRoute({ tags: ["quality"], summary: "One consultation for review: its facts and signs, its messages as staff saw them (at most 500), and its review if any." }),
    valid("param", QualitySessionParam),
    async (c) => c.json(await qualitySession(c.env, database(c.env.DB), c.get("identity"), c.req.valid("param").sessionId)),
  )
  .put(
    "/admin/quality/sessions/:sessionId/review",
    describeRoute({ tags: ["quality"], summary: "Scores a finished consultation: attitude, responsiveness, accuracy, resolution, etiquette (each 1–5; total out of 100) and a comment for the agent. Reviewing again replaces the review. Not one's own consultation." }),
    valid("param", QualitySessionParam),
    valid("json", QualityReviewBody),
    async (c) => c.json(await reviewSession(database(c.env.DB), c.get("identity"), c.req.valid("param").sessionId, c.req.valid("json"), Date.now())),
  )
  .get(
    "/quality/mine",
    describeRoute({ tags: ["quality"], summary: "我的质检: the reviews of the consultations the staff member held, newest first (at most 100)." }),
    async (c) => c.json(await myReviews(database(c.env.DB), c.get("identity"))),
  )
  .post(
    "/quality/mine/:sessionId/appeal",
    describeRoute({ tags: ["quality"], summary: "申诉: the agent a review is about contests it, once, with a reason (1–300 characters). Its reviewers find it under reviewed=appealed until one reviews it again." }),
    valid("param", QualitySessionParam),
    valid("json", QualityAppealBody),
    async (c) => c.json(await appealReview(database(c.env.DB), c.get("identity"), c.req.valid("param").sessionId, c.req.valid("json"), Date.now())),
  );
