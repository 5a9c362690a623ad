/**
 * Which mall facts become proactive notices, and their identity. A notice's id is derived from
 * the fact it announces, so every copy of that fact (a re-sent webhook, a redelivered queue
 * message, a replay from the dead-letter list) names the same notice and shows at most once.
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
