/**
 * Which mall facts become proactive notices, and their identity. A parcel notice's id is derived
 * from the step it announces, so every copy of that step (a re-sent webhook, a redelivered queue
 * message, a replay from the dead-letter list) names the same notice and shows at most once. A
 * price drop's notices are drawn when the drop is stored (a repeated drop event changes no price,
 * so it stores none), one per interested shopper.
 */
import type { SHIPMENT_STATUSES } from "../../protocol/mall";

type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * Parcel steps worth telling the shopper about. `in_transit` and `at_hub` happen several times a
 * day for one parcel: announcing them would spend the daily cap on noise.
 */
export const NOTIFY_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ["collected", "out_for_delivery", "delivered", "exception", "returned"];

/** A step older than this when it reaches us is history (a backfill, a late retry): no notice. */
export const MAX_NOTICE_AGE_MS = 24 * 3_600_000;

/** Whether a new parcel step should be announced at all (the database decides the rest). */
export function isNotifiableShipment(status: string, occurredAt: number, now: number): boolean {
  return (NOTIFY_SHIPMENT_STATUSES as readonly string[]).includes(status) && occurredAt >= now - MAX_NOTICE_AGE_MS;
}

/** The notice code the UI translates (`notice.shipment.delivered`). */
export function shipmentNoticeCode(status: string): string {
  return `shipment.${status}`;
}

const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

/** FNV-1a, 128 bits, over UTF-16 code units: stable, synchronous, no WebCrypto needed in core. */
function fnv1a128(text: string): string {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK_128;
  }
  return h.toString(16).padStart(32, "0");
}

/**
 * The notice of one parcel step: `sn_` + 32 hex digits. It is also the room message's clientId,
 * which is what makes a second delivery of the notice a no-op in the thread.
 */
export function shipmentNoticeId(shopId: string, shipmentEventId: string): string {
  return `sn_${fnv1a128(`shipment\u0000${shopId}\u0000${shipmentEventId}`)}`;
}

const DAY_MS = 86_400_000;

/**
 * 降价提醒: a product's price fell by at least this share of its previous price. Smaller moves
 * (a yuan off, a rounding) are not worth one of the shopper's few notices a day.
 */
export const PRICE_DROP_MIN_RATIO = 0.05;
/** Who is told: shoppers with the product in their cart with the shop, or who looked at it within this. */
export const PRICE_DROP_VIEWED_WITHIN_MS = 7 * DAY_MS;
/** One reminder per shopper and product in this long, however often its price falls meanwhile. */
export const PRICE_DROP_REPEAT_AFTER_MS = 7 * DAY_MS;
/**
 * And one price-drop reminder per shopper in this long, whichever product: a sale that marks down
 * a whole catalogue tells each shopper once, not once per product they looked at (their other
 * notices of the day, parcels first, keep their place under the daily cap).
 */
export const PRICE_DROP_SHOPPER_GAP_MS = DAY_MS;
/**
 * At most this many shoppers per drop, cart holders first, then the latest viewers: the outbox
 * rows are written in the webhook's own batch, and a drop is news for days, not for everyone.
 */
export const PRICE_DROP_AUDIENCE_MAX = 5_000;
/** The notice code the UI translates (`notice.price.dropped`). */
export const PRICE_DROP_NOTICE_CODE = "price.dropped";

/** Whether `now` is a drop from `previous` worth a reminder (the database applies the same test). */
export function isPriceDrop(previousCents: number | null, nowCents: number): boolean {
  return previousCents !== null && previousCents > 0 && nowCents <= previousCents * (1 - PRICE_DROP_MIN_RATIO);
}

/** Cents as the notice shows them: 25900 → "259.00". */
export function yuanText(cents: number): string {
  return (cents / 100).toFixed(2);
}
