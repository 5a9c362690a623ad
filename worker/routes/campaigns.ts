/**
 * 营销触达 (campaigns): a shop admin's messages to an audience of the shop's shoppers; platform
 * admins work one shop named by `?shop=`. Sent now or scheduled; the rules are in
 * worker/services/campaigns.ts.
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { ShopQuery } from "../../core/protocol/admin";
import { CampaignCreateBody, CampaignIdParam, CampaignPreviewBody } from "../../core/protocol/campaigns";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { requireAdmin, requireIdentity } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { adminReadScope } from "../services/admin-scope";
import { campaignShop, cancelCampaign, createCampaign, getCampaign, listCampaigns, previewAudience } from "../services/campaigns";
import { staffOf, type Identity } from "../services/identity";
import { dispatchStoredNotices } from "../services/proactive/dispatch";

/** The one shop a campaign call is about (a platform admin names it). */
const shopOf = (identity: Identity, shop: string | undefined) => campaignShop(adminReadScope(identity, shop));

export const campaignRoutes = new Hono<AppEnv>()
  .use("/admin/campaigns", requireIdentity, requireAdmin)
  .use("/admin/campaigns/*", requireIdentity, requireAdmin)
  .get(
    "/admin/campaigns",
    describeRoute({ tags: ["proactive"], summary: "The shop's campaigns (营销触达), newest first, with what became of their notices." }),
    valid("query", ShopQuery),
    async (c) => c.json(await listCampaigns(database(c.env.DB), shopOf(c.get("identity"), c.req.valid("query").shop))),
  )
  .post(
    "/admin/campaigns",
    describeRoute({ tags: ["proactive"], summary: "Creates a campaign: sent now (its notices stored and queued) or at `sendAt` (at most 30 days ahead) by the cron." }),
    valid("query", ShopQuery),
    valid("json", CampaignCreateBody),
    async (c) => {
      const db = database(c.env.DB);
      const shopId = shopOf(c.get("identity"), c.req.valid("query").shop);
      const { campaign, sent } = await createCampaign(db, shopId, staffOf(c.get("identity")), c.req.valid("json"), Date.now());
      // The notices go to the queue after the answer; the cron's sweep sends what this leaves.
      if (sent) c.executionCtx.waitUntil(dispatchStoredNotices(c.env, db, Date.now()));
      return c.json({ campaign }, 201);
    },
  )
  // Before `/admin/campaigns/:id`, so `preview` is never read as an id.
  .post(
    "/admin/campaigns/preview",
    describeRoute({ tags: ["proactive"], summary: "How many of the shop's shoppers an audience holds now (at most `max`)." }),
    valid("query", ShopQuery),
    valid("json", CampaignPreviewBody),
    async (c) => c.json(await previewAudience(database(c.env.DB), shopOf(c.get("identity"), c.req.valid("query").shop), c.req.valid("json").audience, Date.now())),
  )
  .get(
    "/admin/campaigns/:id",
    describeRoute({ tags: ["proactive"], summary: "One campaign with what became of its notices." }),
    valid("param", CampaignIdParam),
    valid("query", ShopQuery),
    async (c) => c.json({ campaign: await getCampaign(database(c.env.DB), shopOf(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id) }),
  )
  .post(
    "/admin/campaigns/:id/cancel",
    describeRoute({ tags: ["proactive"], summary: "Cancels a scheduled campaign; `409` once it was sent or cancelled." }),
    valid("param", CampaignIdParam),
    valid("query", ShopQuery),
    async (c) => c.json({ campaign: await cancelCampaign(database(c.env.DB), shopOf(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id, Date.now()) }),
  );
