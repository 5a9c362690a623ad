/**
 * Four weeks of past consultations (一次咨询) in each selling shop, so a new user's 数据 page, an
 * agent's 我的数据, a customer's past sessions and the threads themselves have something to show:
 * each consultation's session row and what was said in it (./transcripts.ts), none today. About
 * 70% served by the bot alone, the rest handed off to one of the shop's agents, answered and
 * resolved, a third of those rated, without comments.
 */
import type { ThreadTranscript } from "../../core/protocol/demo";
import { threadIdOf } from "../../core/protocol";
import type { sessions } from "../../worker/db/schema";
import type { CustomerRow } from "./customers";
import type { StaffRow } from "./directory";
import { Rng } from "./random";
import { SELLING_SHOPS, type SellingShopId } from "./shops";
import { dayStart, MINUTE } from "./time";
import { consultation, type Topic, type TranscriptArticle } from "./transcripts";

export type SessionRow = typeof sessions.$inferInsert;

/** Days of history before today. */
export const HISTORY_DAYS = 28;
/** Consultations a day, from..to, per shop. */
const PER_DAY: Record<SellingShopId, [number, number]> = { apparel: [40, 70], electronics: [25, 45], food: [15, 30], beauty: [15, 30] };
/**
 * When shoppers ask, by local hour: mornings, after lunch and evenings. None after 23:00, so every
 * consultation (at most ~35 minutes with the idle close) has ended before midnight: all of it is
 * in the past, whatever the time of `npm start`.
 */
const HOURS: Partial<Record<string, number>> = {
  "8": 2, "9": 5, "10": 9, "11": 9, "12": 6, "13": 6, "14": 8, "15": 8, "16": 7, "17": 5, "18": 4, "19": 6, "20": 9, "21": 9, "22": 5,
};
const TOPICS: Record<Topic, number> = { logistics: 30, pre_sales: 25, after_sales: 20, payment: 8, account: 5, complaint: 4, other: 8 };
const CHANNELS = { app: 40, miniprogram: 25, h5: 15, pc: 15, email: 5 } as const;
/** Share of consultations a person took over, by topic: complaints nearly always, pre-sales seldom. */
const HANDED_OFF: Record<Topic, number> = { logistics: 0.2, pre_sales: 0.2, after_sales: 0.45, payment: 0.3, account: 0.3, complaint: 0.85, other: 0.35 };
/** The room's idle close (SESSION_IDLE_MINUTES, 30 by default). */
const IDLE_MINUTES = 30;
const STARS = { "5": 60, "4": 25, "3": 8, "2": 4, "1": 3 } as const;

/** The past consultations' session rows and, per thread, what was said in them, oldest first. */
export function pastConsultations(
  now: number,
  customers: readonly CustomerRow[],
  staff: readonly StaffRow[],
  articles: readonly (TranscriptArticle & { shopId: string })[],
): { sessions: SessionRow[]; transcripts: ThreadTranscript[] } {
  const rng = Rng.for("history");
  const rows: SessionRow[] = [];
  const threads = new Map<string, ThreadTranscript["messages"]>();
  for (const shopId of SELLING_SHOPS) {
    const agents = staff.filter((s) => s.shopId === shopId && s.role === "shop_agent");
    const answers = articles.filter((a) => a.shopId === shopId || a.shopId === "platform");
    for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
      const day = dayStart(now, daysAgo);
      const count = rng.int(...PER_DAY[shopId]);
      for (let i = 0; i < count; i++) {
        const customer = rng.pick(customers);
        const openedAt = day + Number(rng.weighted(HOURS)) * 60 * MINUTE + rng.int(0, 59 * 60) * 1000;
        const topic = rng.weighted(TOPICS);
        const channel = rng.weighted(CHANNELS);
        const agent = rng.chance(HANDED_OFF[topic]) ? rng.pick(agents) : null;
        const rating = agent && rng.chance(0.35) ? Number(rng.weighted(STARS)) : null;
        const id = `ds-${shopId}-${daysAgo}-${i}`;
        const threadId = threadIdOf(shopId, customer.id);
        const said = consultation(rng, { sessionId: id, channel, topic, customer: { id: customer.id, name: customer.name }, openedAt, agent: agent && { id: agent.id, name: agent.name }, rating, articles: answers, idleMinutes: IDLE_MINUTES });
        const { messages, ...times } = said;
        const row: SessionRow = {
          id, shopId, customerId: customer.id, threadId, channel, entryType: null, entryId: null, topic, status: "resolved", openedAt, ...times,
          resolvedBy: agent ? agent.id : "system", closeReason: agent ? "resolved" : "idle", updatedAt: times.ratedAt ?? times.resolvedAt,
          ...(agent ? { agentId: agent.id } : {}), ...(rating !== null ? { rating } : {}),
        };
        rows.push(row);
        threads.set(threadId, [...(threads.get(threadId) ?? []), ...messages]);
      }
    }
  }
  const transcripts = [...threads].map(([threadId, messages]) => ({ threadId, messages: messages.sort((a, b) => a.createdAt - b.createdAt) }));
  return { sessions: rows, transcripts };
}
