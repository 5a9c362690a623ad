/**
 * 营销触达 (targeted offers): a shop admin's message to an audience of the shop's shoppers, told in
 * each one's thread with the shop through the proactive queue (opt-out, daily cap and quiet hours
 * as for parcel and price-drop notices). Sent at once or at a set time (the cron sends what is
 * due); a scheduled campaign may be cancelled until then. Routes under `/api/admin/campaigns`,
 * shop admins for their shop, platform admins for the shop named by `?shop=`.
 */
import * as v from "valibot";
import { CUSTOMER_LEVELS, CustomerLevel } from "./common";

/**
 * Who counts as the shop's shopper for an audience, by what they did with the shop within
 * `withinDays`: ordered, have something in their cart (whenever added), looked at a product,
 * chatted; `any` = any of these. Only customers the mall told us of (`customer.upserted`).
 */
export const CAMPAIGN_ACTIVITIES = ["any", "ordered", "cart", "browsed", "chatted"] as const;
export type CampaignActivity = (typeof CAMPAIGN_ACTIVITIES)[number];

/** scheduled → sent (the audience's notices stored and queued) | cancelled. */
export const CAMPAIGN_STATUSES = ["scheduled", "sent", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_NAME_MAX = 60;
export const CAMPAIGN_TEXT_MAX = 500;
/** Shoppers told per campaign at most (the newest activity first): the rest are left out, and the preview says so. */
export const CAMPAIGN_AUDIENCE_MAX = 20_000;
/** How far ahead a campaign may be scheduled. */
export const CAMPAIGN_SCHEDULE_MAX_DAYS = 30;
/** The notice code the UI translates (`notice.campaign.message`: the shop's words). */
export const CAMPAIGN_NOTICE_CODE = "campaign.message";

const Tag = v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(32, "must be at most 32 characters"));

export const CampaignAudience = v.object({
  activity: v.optional(v.picklist(CAMPAIGN_ACTIVITIES, `must be one of ${CAMPAIGN_ACTIVITIES.join(", ")}`), "any"),
  withinDays: v.optional(v.pipe(v.number("must be a number"), v.integer("must be a whole number"), v.minValue(1, "must be at least 1"), v.maxValue(90, "must be at most 90")), 30),
  /** Customer levels to include; empty = every level. */
  levels: v.optional(v.pipe(v.array(CustomerLevel), v.maxLength(CUSTOMER_LEVELS.length, `must have at most ${CUSTOMER_LEVELS.length} levels`), v.check((l) => new Set(l).size === l.length, "must list each level once")), []),
  /** The mall's customer tags, any of which includes a shopper; empty = no tag filter. */
  tags: v.optional(v.pipe(v.array(Tag), v.maxLength(10, "must have at most 10 tags")), []),
});
export type CampaignAudience = v.InferOutput<typeof CampaignAudience>;

/** `POST /api/admin/campaigns`: `sendAt` absent = now; otherwise at most 30 days ahead. */
export const CampaignCreateBody = v.object({
  name: v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(CAMPAIGN_NAME_MAX, `must be at most ${CAMPAIGN_NAME_MAX} characters`)),
  text: v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(CAMPAIGN_TEXT_MAX, `must be at most ${CAMPAIGN_TEXT_MAX} characters`)),
  audience: v.optional(CampaignAudience, {}),
  sendAt: v.optional(v.pipe(v.number("must be a number"), v.integer("must be a whole number (epoch ms)"))),
});
export type CampaignCreateBody = v.InferOutput<typeof CampaignCreateBody>;

/** `POST /api/admin/campaigns/preview`: how many shoppers an audience holds now. */
export const CampaignPreviewBody = v.object({ audience: v.optional(CampaignAudience, {}) });

export const CampaignIdParam = v.object({ id: v.pipe(v.string(), v.regex(/^cmp_[0-9a-f]{32}$/, "must be a campaign id")) });

/** What became of a campaign's notices so far. */
export interface CampaignCounts {
  /** Stored or queued, on its way. */
  pending: number;
  /** Held to the end of the shop's quiet hours (delivered then). */
  deferred: number;
  delivered: number;
  skippedOptOut: number;
  capped: number;
  /** Failed every retry (the dead-letter list replays them). */
  dead: number;
}

export interface Campaign {
  id: string;
  shopId: string;
  name: string;
  text: string;
  audience: CampaignAudience;
  status: CampaignStatus;
  sendAt: number;
  sentAt: number | null;
  cancelledAt: number | null;
  createdBy: { id: string; name: string };
  createdAt: number;
  /** Shoppers told (notices stored) when it was sent; null before. */
  audienceCount: number | null;
  counts: CampaignCounts;
}

/** `GET /api/admin/campaigns`: the shop's campaigns, newest first (at most 100). */
export interface CampaignList {
  campaigns: Campaign[];
}

/** `POST /api/admin/campaigns/preview`. */
export interface CampaignPreview {
  /** Shoppers a campaign sent now would tell: `total`, at most `max`. */
  count: number;
  /** Shoppers the audience holds now. */
  total: number;
  max: number;
}
