/**
 * Parcel tracks for every order that left the warehouse: 已揽收 → 运输中 → 到达转运中心 →
 * 派送中 → 已签收, from the shop's city to the shopper's, in time order. A parcel still on its
 * way stops at the last step reached before now.
 */
import type { shipmentEvents } from "../../worker/db/schema";
import type { CustomerProfile } from "./customers";
import type { OrderRow } from "./lifecycle";
import { COURIERS } from "./names";
import { Rng } from "./random";
import { SHOP_INFO, type SellingShopId } from "./shops";
import { HOUR, chain } from "./time";

export type ShipmentEventRow = typeof shipmentEvents.$inferInsert;

/** Status keys of tracking events, in the order a parcel goes through them. */
export const SHIPMENT_STATUSES = ["collected", "in_transit", "at_hub", "out_for_delivery", "delivered"] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

type Carrier = "顺丰速运" | "中通快递" | "京东物流";
const CARRIERS: Record<SellingShopId, Partial<Record<Carrier, number>>> = {
  apparel: { 中通快递: 60, 顺丰速运: 40 },
  electronics: { 京东物流: 60, 顺丰速运: 40 },
  food: { 顺丰速运: 70, 中通快递: 30 },
  beauty: { 中通快递: 50, 顺丰速运: 50 },
};

function trackingNo(rng: Rng, carrier: Carrier): string {
  if (carrier === "顺丰速运") return `SF${rng.digits(13)}`;
  if (carrier === "京东物流") return `JDVA${rng.digits(11)}`;
  return `78${rng.digits(12)}`;
}

interface Step {
  status: ShipmentStatus;
  description: string;
  location: string;
}

/** The six steps of a complete track from `origin` to the shopper's city. */
function fullTrack(rng: Rng, carrier: Carrier, origin: string, to: CustomerProfile["city"]): Step[] {
  const sameCity = origin === to.city;
  const courier = `${rng.pick(COURIERS)}师傅`;
  const phone = `1${rng.pick(["38", "39", "58", "86"])}****${rng.digits(4)}`;
  const receiver = rng.pick(["本人", "家门口", "丰巢快递柜", "公司前台", "驿站代收"]);
  return [
    { status: "collected", description: `【${origin}市】${carrier} 已揽收`, location: origin },
    sameCity
      ? { status: "at_hub", description: `快件已到达【${origin}转运中心】`, location: origin }
      : { status: "in_transit", description: `快件已从【${origin}转运中心】发出，正在发往【${to.city}转运中心】`, location: origin },
    sameCity
      ? { status: "in_transit", description: `快件已在【${origin}转运中心】完成分拣，准备发往【${to.station}】`, location: origin }
      : { status: "at_hub", description: `快件已到达【${to.city}转运中心】`, location: to.city },
    { status: "in_transit", description: `快件已从【${to.city}转运中心】发出，正在发往【${to.station}】`, location: to.city },
    { status: "out_for_delivery", description: `【${to.city}市】${courier}（电话 ${phone}）正在为您派件`, location: to.city },
    { status: "delivered", description: `已签收，签收人：${receiver}。感谢使用${carrier}，期待再次为您服务`, location: to.city },
  ];
}

/** `count` increasing times from `start` to exactly `end`, at uneven intervals. */
function spread(rng: Rng, start: number, end: number, count: number): number[] {
  const weights = Array.from({ length: count - 1 }, () => rng.range(0.5, 1.5));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const inner = weights.slice(0, -1).map((w) => start + Math.round(((end - start) * (acc += w)) / total));
  return [start, ...inner, end];
}

/**
 * Tracks of all shipped orders. A delivered parcel shows 4-6 steps spread between shipping and
 * delivery; one still on its way shows its first 3-5 steps at typical intervals, capped at `now`.
 */
export function shipmentRows(now: number, orders: OrderRow[], profiles: Map<string, CustomerProfile>): ShipmentEventRow[] {
  const rng = Rng.for("shipments");
  const rows: ShipmentEventRow[] = [];
  for (const order of orders) {
    if (order.shippedAt == null) continue;
    const shopId = order.shopId as SellingShopId;
    const carrier = rng.weighted(CARRIERS[shopId]);
    const tracking = trackingNo(rng, carrier);
    const track = fullTrack(rng, carrier, SHOP_INFO[shopId].city, profiles.get(order.customerId)!.city);
    let steps: Step[];
    let times: number[];
    if (order.deliveredAt != null) {
      // Couriers do not scan at every hub: keep pickup, delivery round and signature, and 1-3 of the middle scans.
      const middle = rng.sample([1, 2, 3], rng.int(1, 3)).sort();
      steps = [track[0]!, ...middle.map((i) => track[i]!), track[4]!, track[5]!];
      times = spread(rng, order.shippedAt, order.deliveredAt, steps.length);
    } else {
      steps = track.slice(0, rng.int(3, 5));
      times = [order.shippedAt, ...chain(order.shippedAt, steps.slice(1).map(() => rng.range(3, 12) * HOUR), now)];
    }
    steps.forEach((step, i) => {
      rows.push({ id: `se-${order.id}-${i + 1}`, orderId: order.id, shopId, carrier, trackingNo: tracking, ...step, occurredAt: times[i]! });
    });
  }
  return rows;
}
