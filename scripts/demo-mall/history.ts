/**
 * Four weeks of past consultations (一次咨询) in each selling shop, so a new user's 数据 page, an
 * agent's 我的数据 and a customer's past sessions have something to show: session rows only (the
 * report counts rows; the threads' messages are not invented), none today. About 70% served by the
 * bot alone, the rest handed off to one of the shop's agents, answered and resolved, a third of
 * those rated, without comments (a comment would open a chat with nothing in it).
 */
import type { sessions } from "../../worker/db/schema";
import type { CustomerRow } from "./customers";
import type { StaffRow } from "./directory";
import { Rng } from "./random";
import { SELLING_SHOPS, type SellingShopId } from "./shops";
import { dayStart, MINUTE } from "./time";

export type SessionRow = typeof sessions.$inferInsert;

/** Days of history before today. */
export const HISTORY_DAYS = 28;
/** Consultations a day, from..to, per shop. */
const PER_DAY: Record<SellingShopId, [number, number]> = { apparel: [40, 70], electronics: [25, 45], food: [15, 30], beauty: [15, 30] };
/** When shoppers ask, by local hour: mornings, after lunch and evenings. */
const HOURS: Partial<Record<string, number>> = {
  "8": 2, "9": 5, "10": 9, "11": 9, "12": 6, "13": 6, "14": 8, "15": 8, "16": 7, "17": 5, "18": 4, "19": 6, "20": 9, "21": 9, "22": 5, "23": 2,
};
const TOPICS = { logistics: 30, pre_sales: 25, after_sales: 20, payment: 8, account: 5, complaint: 4, other: 8 } as const;
const CHANNELS = { app: 40, miniprogram: 25, h5: 15, pc: 15, email: 5 } as const;
/** Share of consultations a person took over, by topic: complaints nearly always, pre-sales seldom. */
const HANDED_OFF: Record<keyof typeof TOPICS, number> = { logistics: 0.2, pre_sales: 0.2, after_sales: 0.45, payment: 0.3, account: 0.3, complaint: 0.85, other: 0.35 };
const STARS = { "5": 60, "4": 25, "3": 8, "2": 4, "1": 3 } as const;

export function sessionRows(now: number, customers: readonly CustomerRow[], staff: readonly StaffRow[]): SessionRow[] {
  const rng = Rng.for("history");
  const rows: SessionRow[] = [];
  for (const shopId of SELLING_SHOPS) {
    const agents = staff.filter((s) => s.shopId === shopId && s.role === "shop_agent").map((s) => s.id);
    for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
      const day = dayStart(now, daysAgo);
      const count = rng.int(...PER_DAY[shopId]);
      for (let i = 0; i < count; i++) {
        const customerId = rng.pick(customers).id;
        const openedAt = day + Number(rng.weighted(HOURS)) * 60 * MINUTE + rng.int(0, 59 * 60) * 1000;
        const topic = rng.weighted(TOPICS);
        const row: SessionRow = {
          id: `ds-${shopId}-${daysAgo}-${i}`, shopId, customerId, threadId: `${shopId}:${customerId}`, channel: rng.weighted(CHANNELS),
          entryType: null, entryId: null, topic, status: "resolved", openedAt, lastMessageAt: openedAt, customerMessages: rng.int(1, 4), botMessages: rng.int(1, 3), agentMessages: 0, updatedAt: openedAt,
        };
        if (rng.chance(HANDED_OFF[topic])) {
          const handedOffAt = openedAt + rng.int(20, 120) * 1000;
          const assignedAt = handedOffAt + rng.int(3, 90) * 1000;
          const firstResponseAt = assignedAt + rng.int(5, 60) * 1000;
          const resolvedAt = firstResponseAt + rng.int(3, 25) * MINUTE;
          const agentId = rng.pick(agents);
          Object.assign(row, { handedOffAt, assignedAt, agentId, firstResponseAt, resolvedAt, resolvedBy: agentId, closeReason: "resolved", agentMessages: rng.int(2, 9), lastMessageAt: resolvedAt, updatedAt: resolvedAt });
          if (rng.chance(0.35)) {
            const ratedAt = resolvedAt + rng.int(1, 15) * MINUTE;
            Object.assign(row, { rating: Number(rng.weighted(STARS)), ratedAt, updatedAt: ratedAt });
          }
        } else {
          const resolvedAt = openedAt + rng.int(5, 20) * MINUTE;
          Object.assign(row, { resolvedAt, resolvedBy: "system", closeReason: "idle", lastMessageAt: resolvedAt - 4 * MINUTE, updatedAt: resolvedAt });
        }
        rows.push(row);
      }
    }
  }
  return rows;
}
