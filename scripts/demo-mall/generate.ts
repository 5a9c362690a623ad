/**
 * The demo mall: a platform desk and four shops with their staff, products, shoppers, orders,
 * parcel tracks, carts, page views, a few of the apparel shop's tickets and four weeks of past
 * consultations (session rows, for the 数据 page). Deterministic: the same `now` gives byte-identical rows,
 * and a different `now` gives the same rows (same ids, statuses, items) with times moved to it,
 * so "yesterday's order" is yesterday's whenever the mall is seeded.
 *
 * Runs in Node (the seed script) and in workerd (the tests): no Node APIs here.
 */
import { browsingRows, cartRows, type BrowsingEventRow, type CartRow } from "./activity";
import { customerRows, type CustomerRow } from "./customers";
import { demoCustomerOrders, DEMO_ORDER_COUNT } from "./demo-customer";
import { shopRows, skillGroupRows, staffRows, type ShopRow, type SkillGroupRow, type StaffGroupRow, type StaffRow } from "./directory";
import type { OrderRow } from "./lifecycle";
import { randomOrders } from "./orders";
import { productRows, type ProductRow } from "./products";
import { shipmentRows, type ShipmentEventRow } from "./shipments";
import { SELLING_SHOPS, type SellingShopId } from "./shops";
import { pastConsultations, type SessionRow } from "./history";
import type { ThreadTranscript } from "../../core/protocol/demo";
import { demoArticles } from "./knowledge";
import { pastReviews, type QualityReviewRow } from "./quality";
import { ticketRows, type TicketEventRow, type TicketRow } from "./tickets";
import { DEMO_NOW } from "./time";

export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from "./shops";
export { DEMO_CUSTOMER_ID } from "./customers";
export { DEMO_NOW } from "./time";

/** Every table's rows, in an order that respects references (shops before their staff, ...). */
export interface DemoMall {
  /** The instant the data was placed relative to. */
  now: number;
  shops: ShopRow[];
  skillGroups: SkillGroupRow[];
  staff: StaffRow[];
  staffGroups: StaffGroupRow[];
  products: ProductRow[];
  customers: CustomerRow[];
  orders: OrderRow[];
  shipmentEvents: ShipmentEventRow[];
  carts: CartRow[];
  browsingEvents: BrowsingEventRow[];
  tickets: TicketRow[];
  ticketEvents: TicketEventRow[];
  /** Four weeks of past consultations per selling shop (./history.ts). */
  sessions: SessionRow[];
  /** What was said in them, per thread (not a table: `npm start` writes them into the rooms). */
  transcripts: ThreadTranscript[];
  /** The shop admins' 质检 of some of them (./quality.ts). */
  qualityReviews: QualityReviewRow[];
}

/** Options of {@link generateDemoMall}. */
export interface GenerateOptions {
  /** Epoch ms every time is relative to; defaults to {@link DEMO_NOW} (2026-11-20 12:00 +08:00). */
  now?: number;
}

/**
 * Generates the demo mall. Async only because staff password hashes use WebCrypto; the hashes are
 * computed once per process, so later calls take a few tens of milliseconds.
 */
export async function generateDemoMall({ now = DEMO_NOW }: GenerateOptions = {}): Promise<DemoMall> {
  const products = productRows(now);
  const productsByShop = Object.fromEntries(SELLING_SHOPS.map((s) => [s, products.filter((p) => p.shopId === s)])) as Record<SellingShopId, ProductRow[]>;
  const { rows: customers, profiles } = customerRows(now);
  const orders = [...demoCustomerOrders(now, productsByShop), ...randomOrders(now, profiles, productsByShop, DEMO_ORDER_COUNT + 1)];
  const { staff, staffGroups } = await staffRows(now);
  const past = pastConsultations(now, customers, staff, answerableArticles(now));
  return {
    now,
    shops: shopRows(now),
    skillGroups: skillGroupRows(),
    staff,
    staffGroups,
    products,
    customers,
    orders,
    shipmentEvents: shipmentRows(now, orders, new Map(profiles.map((p) => [p.id, p]))),
    carts: cartRows(now, profiles, productsByShop),
    browsingEvents: browsingRows(now, profiles, productsByShop),
    ...ticketRows(now, staff),
    ...past,
    qualityReviews: pastReviews(now, past.sessions, staff),
  };
}

/** The published articles the bot answered from in the past weeks: promotions come and go, so none of those. */
function answerableArticles(now: number) {
  return demoArticles(now)
    .filter((a) => a.kind !== "promotion")
    .map((a) => ({ id: a.id, shopId: a.shopId, question: a.question, alt: a.altQuestions, html: a.answerHtml, tags: a.tags }));
}
