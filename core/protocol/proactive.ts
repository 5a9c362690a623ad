/**
 * Proactive service: the messages on the `kefu-proactive` queue and the admin views of
 * dead letters and outcomes. The consumer validates every message with these schemas: a queue
 * is a trust boundary like any other (a replayed or hand-sent message must not crash it).
 */
import * as v from "valibot";
import { SHIPMENT_STATUSES } from "./mall";
import { CustomerId, ShopId } from "./common";

/** `sn_` (a parcel step: core/domain/proactive shipmentNoticeId), `pn_` (a price drop) or `cn_` (a campaign) + 32 hex digits. */
export const NoticeId = v.pipe(v.string("must be a string"), v.regex(/^(sn|pn|cn)_[0-9a-f]{32}$/, "must be a notice id (sn_, pn_ or cn_ + 32 hex digits)"));

const Param = v.pipe(v.string(), v.maxLength(500));

/** What every notice message carries: its id (the room message's clientId), who it is for, when. */
const notice = {
  noticeId: NoticeId,
  shopId: ShopId,
  customerId: CustomerId,
  /** The words the notice's code fills in (`notice.<code>` in the UI's tables). */
  params: v.record(v.pipe(v.string(), v.regex(/^[A-Za-z]{1,32}$/)), Param),
  occurredAt: v.number(),
};

/** A parcel step of one of the shopper's orders, to post into their thread with the shop. params: orderId, carrier, trackingNo, description, and location when known. */
export const ShipmentNoticeMessage = v.object({
  type: v.literal("shipment_notice"),
  ...notice,
  orderId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be an order id")),
  status: v.picklist(SHIPMENT_STATUSES),
  /** `shipment.<status>`. */
  code: v.pipe(v.string(), v.regex(/^shipment\.[a-z_]+$/)),
});
export type ShipmentNoticeMessage = v.InferOutput<typeof ShipmentNoticeMessage>;

/** 降价提醒: a product the shopper has in their cart or looked at is cheaper now. params: productId, title, titleEn, was and now (yuan, two decimals). */
export const PriceDropNoticeMessage = v.object({
  type: v.literal("price_drop"),
  ...notice,
  productId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be a product id")),
  code: v.literal("price.dropped"),
});
export type PriceDropNoticeMessage = v.InferOutput<typeof PriceDropNoticeMessage>;

/** 营销触达: a shop's campaign message (core/protocol/campaigns.ts) to one shopper of its audience. params: text, the shop's words. */
export const CampaignNoticeMessage = v.object({
  type: v.literal("campaign"),
  ...notice,
  campaignId: v.pipe(v.string(), v.regex(/^cmp_[0-9a-f]{32}$/, "must be a campaign id")),
  code: v.literal("campaign.message"),
});
export type CampaignNoticeMessage = v.InferOutput<typeof CampaignNoticeMessage>;

/** Everything the proactive queue carries. */
export const ProactiveMessage = v.variant("type", [ShipmentNoticeMessage, PriceDropNoticeMessage, CampaignNoticeMessage], "must be a known proactive message type");
export type ProactiveMessage = v.InferOutput<typeof ProactiveMessage>;

const Limit = v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, "must be a number"), v.transform(Number), v.minValue(1, "must be at least 1"), v.maxValue(200, "must be at most 200")), "50");

/** `GET /api/admin/dead-letters`: a shop admin sees their shop; a platform admin one shop or all. */
export const DeadLetterQuery = v.object({
  shop: v.optional(ShopId),
  state: v.optional(v.picklist(["open", "replayed", "all"], "must be open, replayed or all"), "open"),
  limit: Limit,
});

export const DeadLetterParam = v.object({ id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:-]{1,80}$/, "must be a dead letter id")) });

/** `GET /api/admin/proactive/outcomes`: counts per local day and outcome, last `days` days. */
export const OutcomeQuery = v.object({
  shop: v.optional(ShopId),
  days: v.optional(v.pipe(v.string(), v.regex(/^\d{1,2}$/, "must be a number"), v.transform(Number), v.minValue(1, "must be at least 1"), v.maxValue(90, "must be at most 90")), "7"),
});
