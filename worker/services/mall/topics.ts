/**
 * One applier per webhook topic: the statements that apply an event, and the event's own time
 * (what ordering compares). Adding a topic means a schema in core/protocol/mall.ts and a line here.
 */
import type { MallEvent, MallTopic, MallTopicData } from "../../../core/protocol/mall";
import type { Database } from "../../db/client";
import * as sync from "../../db/repos/mall-sync";
import { priceDropNoticeStatements, shipmentNoticeStatements } from "../../db/repos/proactive-outbox";

interface Applier<T extends MallTopic> {
  /** When the event happened at the mall: `updatedAt` of a state, `occurredAt` of a fact. */
  time: (d: MallTopicData<T>) => number;
  timeField: "updatedAt" | "occurredAt";
  /** The statements; the first one's row count says whether the event changed anything. */
  statements: (db: Database, d: MallTopicData<T>) => sync.SyncStatement[];
}

const updated = { time: (d: { updatedAt: number }) => d.updatedAt, timeField: "updatedAt" } as const;
const occurred = { time: (d: { occurredAt: number }) => d.occurredAt, timeField: "occurredAt" } as const;

const APPLIERS: { [T in MallTopic]: Applier<T> } = {
  "customer.upserted": { ...updated, statements: (db, d) => [sync.upsertCustomer(db, d)] },
  "customer.tokens_revoked": { ...occurred, statements: (db, d) => [sync.revokeShopperTokens(db, d)] },
  "shop.upserted": { ...updated, statements: (db, d) => [sync.upsertShop(db, d)] },
  // The price-drop notices read the product's write's changes() and previous price: they follow it.
  "product.upserted": { ...updated, statements: (db, d) => [sync.upsertProduct(db, d), ...priceDropNoticeStatements(db, { productId: d.id, shopId: d.shopId, occurredAt: d.updatedAt }, Date.now())] },
  "product.price_changed": { ...occurred, statements: (db, d) => [sync.changePrice(db, d), ...priceDropNoticeStatements(db, d, Date.now())] },
  "order.upserted": { ...updated, statements: (db, d) => [sync.upsertOrder(db, d)] },
  // The notice statement must follow the insert: it reads the insert's changes() (see proactive-outbox.ts).
  "shipment.event": { ...occurred, statements: (db, d) => [sync.insertShipmentEvent(db, d), ...shipmentNoticeStatements(db, d, Date.now())] },
  "cart.updated": { ...updated, statements: (db, d) => sync.replaceCart(db, d) },
  "browsing.event": { ...occurred, statements: (db, d) => [sync.insertBrowsingEvent(db, d)] },
};

function applierOf<T extends MallTopic>(event: { topic: T }): Applier<T> {
  return APPLIERS[event.topic];
}

/** The event's time and the name of the field it came from (for error messages). */
export function eventTime(event: MallEvent): { at: number; field: string } {
  const applier = applierOf(event) as Applier<MallTopic>;
  return { at: applier.time(event.data as never), field: applier.timeField };
}

/** The statements that apply one event. */
export function eventStatements(db: Database, event: MallEvent): sync.SyncStatement[] {
  return (applierOf(event) as Applier<MallTopic>).statements(db, event.data as never);
}
