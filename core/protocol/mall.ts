/**
 * What the mall pushes to us over signed webhooks (docs/mall-integration.md): one schema per
 * topic, a delivery envelope holding one event or a batch, and `parseDelivery` that validates
 * all of it at once, so a bad batch is refused whole with every bad field named.
 */
import * as v from "valibot";
import { ORDER_STATUSES } from "../domain/catalog";
import { Channel, CustomerId, CustomerLevel, PLATFORM_SHOP_ID, ShopId } from "./common";
import { describeIssues, parseInput, type Parsed } from "./validate";

/** Epoch milliseconds in a sane range (2000..2100): catches seconds sent by mistake. */
const EpochMs = v.pipe(
  v.number("must be a number (epoch ms)"),
  v.integer("must be whole milliseconds"),
  v.minValue(946_684_800_000, "must be epoch milliseconds (after 2000-01-01)"),
  v.maxValue(4_102_444_800_000, "must be epoch milliseconds (before 2100-01-01)"),
);
/** Ids of products, orders, events and deliveries as the mall spells them. */
const MallId = v.pipe(v.string("must be a string"), v.regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1-64 letters, digits, '_', '.', ':' or '-'"));
/** A shop that sells: the platform desk is ours, the mall cannot push data for it. */
const SellingShopId = v.pipe(ShopId, v.check((s) => s !== PLATFORM_SHOP_ID, "must be a selling shop, not the platform desk"));
const Cents = v.pipe(v.number("must be a number (cents)"), v.integer("must be whole cents"), v.minValue(0, "must not be negative"), v.maxValue(100_000_000_00, "is too large"));
const Qty = v.pipe(v.number("must be a number"), v.integer("must be a whole number"), v.minValue(1, "must be at least 1"), v.maxValue(9999, "must be at most 9999"));
const Text = (max: number) => v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max, `must be at most ${max} characters`));
/** `<department>/<category>` as in core/domain/catalog; other keys are stored but not recognised by the resolver. */
const CategoryKey = v.pipe(v.string("must be a string"), v.regex(/^[a-z0-9-]{1,31}(\/[a-z0-9-]{1,31})?$/, "must look like 'apparel/tops'"));

export const CustomerUpserted = v.object({
  id: CustomerId,
  name: Text(64),
  level: CustomerLevel,
  tags: v.optional(v.pipe(v.array(Text(32)), v.maxLength(50, "must have at most 50 tags")), []),
  locale: v.optional(v.picklist(["zh-CN", "en-US"], "must be zh-CN or en-US"), "zh-CN"),
  /** The shopper declined proactive notices (shipment updates). Omitted: the stored choice stays. */
  proactiveOptOut: v.optional(v.boolean("must be true or false")),
  /** The shopper's e-mail address: their authenticated mail to a shop joins their threads. Omitted: the stored one stays; null clears it. */
  email: v.optional(v.nullable(v.pipe(v.string("must be a string"), v.trim(), v.toLowerCase(), v.maxLength(254, "must be at most 254 characters"), v.email("must be an e-mail address")))),
  updatedAt: EpochMs,
});

/**
 * The shopper's tokens issued before `occurredAt` (the mall's clock, as `iat` is) stop working:
 * logout everywhere, a password change, a stolen phone. Open sockets they opened are closed.
 */
export const CustomerTokensRevoked = v.object({ customerId: CustomerId, occurredAt: EpochMs });

export const ShopUpserted = v.object({ id: SellingShopId, name: Text(64), nameEn: Text(64), category: Text(32), updatedAt: EpochMs });

export const ProductUpserted = v.object({
  id: MallId,
  shopId: SellingShopId,
  title: Text(200),
  titleEn: v.optional(Text(200)),
  category: CategoryKey,
  priceCents: Cents,
  stock: v.pipe(v.number("must be a number"), v.integer("must be a whole number"), v.minValue(0, "must not be negative")),
  image: v.optional(v.nullable(v.pipe(v.string(), v.url("must be a URL"), v.maxLength(500)))),
  updatedAt: EpochMs,
});

export const ProductPriceChanged = v.object({ productId: MallId, shopId: SellingShopId, priceCents: Cents, previousPriceCents: v.optional(Cents), occurredAt: EpochMs });

export const OrderItem = v.object({ productId: MallId, title: Text(200), category: CategoryKey, qty: Qty, priceCents: Cents });

export const OrderUpserted = v.object({
  id: MallId,
  shopId: SellingShopId,
  customerId: CustomerId,
  status: v.picklist(ORDER_STATUSES, `must be one of ${ORDER_STATUSES.join(", ")}`),
  totalCents: Cents,
  items: v.pipe(v.array(OrderItem), v.minLength(1, "must have at least one item"), v.maxLength(100, "must have at most 100 items")),
  createdAt: EpochMs,
  paidAt: v.optional(v.nullable(EpochMs)),
  shippedAt: v.optional(v.nullable(EpochMs)),
  deliveredAt: v.optional(v.nullable(EpochMs)),
  updatedAt: EpochMs,
});

/** Steps of a parcel track; `exception` and `returned` are the unhappy ends. */
export const SHIPMENT_STATUSES = ["collected", "in_transit", "at_hub", "out_for_delivery", "delivered", "exception", "returned"] as const;

export const ShipmentEvent = v.object({
  id: MallId,
  orderId: MallId,
  shopId: SellingShopId,
  carrier: Text(32),
  trackingNo: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{4,40}$/, "must be 4-40 letters, digits or '-'")),
  status: v.picklist(SHIPMENT_STATUSES, `must be one of ${SHIPMENT_STATUSES.join(", ")}`),
  description: Text(500),
  location: v.optional(v.nullable(Text(64))),
  occurredAt: EpochMs,
});

/** The whole cart of a customer in one shop, as it is now: lines not listed are gone. */
export const CartUpdated = v.object({
  customerId: CustomerId,
  shopId: SellingShopId,
  items: v.pipe(
    v.array(v.object({ productId: MallId, qty: Qty, addedAt: EpochMs })),
    v.maxLength(200, "must have at most 200 lines"),
    v.check((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, "must list each product once"),
  ),
  updatedAt: EpochMs,
});

export const BrowsingEvent = v.object({ id: MallId, customerId: CustomerId, shopId: SellingShopId, productId: MallId, channel: Channel, occurredAt: EpochMs });

const TOPIC_SCHEMAS = {
  "customer.upserted": CustomerUpserted,
  "customer.tokens_revoked": CustomerTokensRevoked,
  "shop.upserted": ShopUpserted,
  "product.upserted": ProductUpserted,
  "product.price_changed": ProductPriceChanged,
  "order.upserted": OrderUpserted,
  "shipment.event": ShipmentEvent,
  "cart.updated": CartUpdated,
  "browsing.event": BrowsingEvent,
} as const;
export type MallTopic = keyof typeof TOPIC_SCHEMAS;
export const MALL_TOPICS = Object.keys(TOPIC_SCHEMAS) as MallTopic[];
export type MallTopicData<T extends MallTopic> = v.InferOutput<(typeof TOPIC_SCHEMAS)[T]>;

const event = <T extends MallTopic>(topic: T) => v.object({ topic: v.literal(topic), data: TOPIC_SCHEMAS[topic] });

/** One event: its topic says what `data` is. */
export const MallEvent = v.variant(
  "topic",
  [
    event("customer.upserted"), event("customer.tokens_revoked"), event("shop.upserted"), event("product.upserted"), event("product.price_changed"),
    event("order.upserted"), event("shipment.event"), event("cart.updated"), event("browsing.event"),
  ],
  `must be one of ${MALL_TOPICS.join(", ")}`,
);
export type MallEvent = v.InferOutput<typeof MallEvent>;

/** Events in one delivery: D1 runs a delivery as one batch, and a batch has a statement budget. */
export const MAX_EVENTS_PER_DELIVERY = 50;
/** Largest request body accepted, in bytes. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

const DeliveryId = v.pipe(MallId, v.description("unique per delivery; a retry repeats it"));
const SingleDelivery = v.object({ id: DeliveryId, topic: v.string("must be a string"), data: v.unknown() }, "the body must be a JSON object");
const BatchDelivery = v.object({
  id: DeliveryId,
  events: v.pipe(v.array(v.unknown(), "must be an array of events"), v.minLength(1, "must not be empty"), v.maxLength(MAX_EVENTS_PER_DELIVERY, `must have at most ${MAX_EVENTS_PER_DELIVERY} events`)),
});

export interface MallDelivery {
  id: string;
  events: MallEvent[];
}

/**
 * Validates a delivery: `{ id, topic, data }` (one event) or `{ id, events: [{ topic, data }] }`
 * (a batch). All or nothing: any bad field refuses the whole delivery. Field paths are
 * `data.level` for one event and `events.3.data.level` in a batch.
 */
export function parseDelivery(body: unknown): Parsed<MallDelivery> {
  const isBatch = typeof body === "object" && body !== null && "events" in body;
  if (!isBatch) {
    const single = parseInput(SingleDelivery, body);
    if (!single.ok) return single;
    const parsed = parseInput(MallEvent, { topic: single.value.topic, data: single.value.data });
    return parsed.ok ? { ok: true, value: { id: single.value.id, events: [parsed.value] } } : parsed;
  }
  const batch = parseInput(BatchDelivery, body);
  if (!batch.ok) return batch;
  const events = parseInput(v.array(MallEvent), batch.value.events);
  if (!events.ok) {
    const issues = events.issues.map((i) => ({ ...i, field: `events.${i.field}` }));
    return { ...events, issues, message: describeIssues(issues) };
  }
  return { ok: true, value: { id: batch.value.id, events: events.value } };
}
