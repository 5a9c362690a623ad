/**
 * 营销触达 in D1: campaigns, their audience (a query over the shop's orders, carts, browsing and
 * sessions, joined to the mall's customers), and sending one: its notices written into the
 * proactive outbox and the campaign marked sent in one batch, so a campaign is sent whole, once.
 * Every statement names the shop.
 */
import { and, asc, count, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { CAMPAIGN_AUDIENCE_MAX, CAMPAIGN_NOTICE_CODE, type CampaignAudience } from "../../../core/protocol/campaigns";
import type { Database } from "../client";
import { campaigns, proactiveNotices } from "../schema";

export type CampaignRow = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;

const DAY_MS = 86_400_000;

/**
 * The shop's shoppers an audience holds, each once with their latest activity (`last_at`): the
 * activities it names within its days (a cart line whenever added), of customers the mall told us
 * of, filtered by level and by any of the tags.
 */
function audienceSql(shopId: string, a: CampaignAudience, now: number): SQL {
  const since = now - a.withinDays * DAY_MS;
  const takes = (activity: CampaignAudience["activity"]) => a.activity === "any" || a.activity === activity;
  const parts: SQL[] = [];
  if (takes("ordered")) parts.push(sql`SELECT customer_id, created_at AS at FROM orders WHERE shop_id = ${shopId} AND created_at >= ${since}`);
  if (takes("cart")) parts.push(sql`SELECT customer_id, added_at AS at FROM carts WHERE shop_id = ${shopId}`);
  if (takes("browsed")) parts.push(sql`SELECT customer_id, occurred_at AS at FROM browsing_events WHERE shop_id = ${shopId} AND occurred_at >= ${since}`);
  if (takes("chatted")) parts.push(sql`SELECT customer_id, opened_at AS at FROM sessions WHERE shop_id = ${shopId} AND opened_at >= ${since}`);
  const list = (values: readonly string[]) => sql.join(values.map((x) => sql`${x}`), sql`, `);
  const levels = a.levels.length ? sql` AND c.level IN (${list(a.levels)})` : sql``;
  const tags = a.tags.length ? sql` AND EXISTS (SELECT 1 FROM json_each(c.tags) AS t WHERE t.value IN (${list(a.tags)}))` : sql``;
  return sql`SELECT a.customer_id AS customer_id, max(a.at) AS last_at FROM (${sql.join(parts, sql` UNION ALL `)}) AS a
    JOIN customers AS c ON c.id = a.customer_id WHERE 1 = 1${levels}${tags} GROUP BY a.customer_id`;
}

/** The newest `CAMPAIGN_AUDIENCE_MAX` of an audience: what a campaign sent now would reach. */
const cappedAudience = (shopId: string, a: CampaignAudience, now: number) => sql`${audienceSql(shopId, a, now)} ORDER BY last_at DESC LIMIT ${CAMPAIGN_AUDIENCE_MAX}`;

/** How many shoppers the audience holds now (a campaign tells at most `CAMPAIGN_AUDIENCE_MAX` of them). */
export async function countAudience(db: Database, shopId: string, a: CampaignAudience, now: number): Promise<number> {
  const row = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${audienceSql(shopId, a, now)})`);
  return row?.n ?? 0;
}

export async function insertCampaign(db: Database, row: NewCampaign): Promise<void> {
  await db.insert(campaigns).values(row).run();
}

export function findCampaign(db: Database, shopId: string, id: string): Promise<CampaignRow | undefined> {
  return db.select().from(campaigns).where(and(eq(campaigns.id, id), eq(campaigns.shopId, shopId))).get();
}

/** The shop's campaigns, newest first. */
export function listCampaignRows(db: Database, shopId: string, limit: number): Promise<CampaignRow[]> {
  return db.select().from(campaigns).where(eq(campaigns.shopId, shopId)).orderBy(desc(campaigns.createdAt), desc(campaigns.id)).limit(limit).all();
}

/** Each campaign's notices by status (the (source, status) index), for the shop's campaigns named. */
export async function noticeCountsOf(db: Database, shopId: string, ids: string[]): Promise<{ campaignId: string; status: string; n: number }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ campaignId: proactiveNotices.sourceId, status: proactiveNotices.status, n: count() })
    .from(proactiveNotices)
    .where(and(inArray(proactiveNotices.sourceId, ids), eq(proactiveNotices.kind, "campaign"), eq(proactiveNotices.shopId, shopId)))
    .groupBy(proactiveNotices.sourceId, proactiveNotices.status)
    .all();
}

/** Cancels a campaign still scheduled; undefined when it is not (sent, cancelled, or not this shop's). */
export function cancelScheduled(db: Database, shopId: string, id: string, now: number): Promise<CampaignRow | undefined> {
  return db
    .update(campaigns)
    .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
    .where(and(eq(campaigns.id, id), eq(campaigns.shopId, shopId), eq(campaigns.status, "scheduled")))
    .returning()
    .get();
}

/** Scheduled campaigns whose time has come, oldest first. */
export function dueCampaigns(db: Database, now: number, limit: number): Promise<CampaignRow[]> {
  return db.select().from(campaigns).where(and(eq(campaigns.status, "scheduled"), lte(campaigns.sendAt, now))).orderBy(asc(campaigns.sendAt)).limit(limit).all();
}

/**
 * Sends a scheduled campaign, in one batch: a `pending` notice (`cn_` + 32 random hex digits,
 * the message's clientId from then on) for each shopper of its audience, newest activity first,
 * then the campaign marked sent with how many were written (`changes()` of that insert). Both
 * statements require the campaign still scheduled, so a cancelled one writes nothing and two
 * senders never send it twice. Returns the number told, or null when it was not scheduled.
 */
export async function sendScheduled(db: Database, c: Pick<CampaignRow, "id" | "shopId" | "audience">, now: number): Promise<number | null> {
  const [, marked] = await db.batch([
    db
      .insert(proactiveNotices)
      .select(
        sql`SELECT 'cn_' || lower(hex(randomblob(16))), 'campaign', cmp.shop_id, aud.customer_id, '', cmp.id, ${CAMPAIGN_NOTICE_CODE},
            json_object('text', cmp.text), ${now}, 'pending', 0, NULL, NULL, NULL, ${now}, NULL, NULL, ${now}
          FROM (${cappedAudience(c.shopId, c.audience, now)}) AS aud
          JOIN campaigns AS cmp ON cmp.id = ${c.id} AND cmp.shop_id = ${c.shopId} AND cmp.status = 'scheduled'`,
      )
      .onConflictDoNothing(),
    db
      .update(campaigns)
      .set({ status: "sent", sentAt: now, audienceCount: sql`changes()`, updatedAt: now })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.shopId, c.shopId), eq(campaigns.status, "scheduled")))
      .returning({ told: campaigns.audienceCount }),
  ]);
  return marked[0]?.told ?? null;
}
