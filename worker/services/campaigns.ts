/**
 * 营销触达: shop admins' campaigns. Creating one sends it at once or schedules it (at most 30 days
 * ahead); the cron sends what is due; sending writes one proactive notice per shopper of the
 * audience into the outbox, which the proactive queue delivers with the same opt-out, daily cap
 * and quiet hours as parcel notices. The counts are what became of those notices.
 */
import { DomainError, fieldError } from "../../core/domain/errors";
import { CAMPAIGN_AUDIENCE_MAX, CAMPAIGN_SCHEDULE_MAX_DAYS, type Campaign, type CampaignAudience, type CampaignCounts, type CampaignCreateBody, type CampaignPreview, type CampaignStatus } from "../../core/protocol/campaigns";
import type { Database } from "../db/client";
import { cancelScheduled, countAudience, dueCampaigns, findCampaign, insertCampaign, listCampaignRows, noticeCountsOf, sendScheduled, type CampaignRow } from "../db/repos/campaigns";
import { findShop } from "../db/repos/shops";
import type { StaffIdentity } from "./identity";

const DAY_MS = 86_400_000;
/** A send time this far in the past still means "now" (the admin's clock, a slow form). */
const PAST_GRACE_MS = 60_000;
/** Campaigns the list shows. */
const LIST_LIMIT = 100;
/** Due campaigns one cron run sends. */
const DUE_BATCH = 20;

/** The shop a campaign call is about: a platform admin must name one (`?shop=`). */
export function campaignShop(scope: { shopId: string } | "all"): string {
  if (scope === "all") throw fieldError("invalid_input", "shop", "name the shop (?shop=) whose campaigns these are");
  return scope.shopId;
}

function newCampaignId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `cmp_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function toCampaign(r: CampaignRow, counts: { status: string; n: number }[]): Campaign {
  const by = (...statuses: string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((sum, c) => sum + c.n, 0);
  const tally: CampaignCounts = {
    pending: by("pending", "enqueued"),
    deferred: by("deferred"),
    delivered: by("delivered"),
    skippedOptOut: by("skipped_opt_out"),
    capped: by("capped"),
    dead: by("dead"),
  };
  return {
    id: r.id, shopId: r.shopId, name: r.name, text: r.text, audience: r.audience, status: r.status as CampaignStatus, sendAt: r.sendAt, sentAt: r.sentAt,
    cancelledAt: r.cancelledAt, createdBy: { id: r.createdBy, name: r.createdByName }, createdAt: r.createdAt, audienceCount: r.audienceCount, counts: tally,
  };
}

async function withCounts(db: Database, shopId: string, rows: CampaignRow[]): Promise<Campaign[]> {
  const counts = await noticeCountsOf(db, shopId, rows.filter((r) => r.status === "sent").map((r) => r.id));
  return rows.map((r) => toCampaign(r, counts.filter((c) => c.campaignId === r.id)));
}

export async function getCampaign(db: Database, shopId: string, id: string): Promise<Campaign> {
  const row = await findCampaign(db, shopId, id);
  if (!row) throw new DomainError("not_found", `no campaign ${id}`);
  return (await withCounts(db, shopId, [row]))[0]!;
}

export async function listCampaigns(db: Database, shopId: string): Promise<{ campaigns: Campaign[] }> {
  return { campaigns: await withCounts(db, shopId, await listCampaignRows(db, shopId, LIST_LIMIT)) };
}

export async function previewAudience(db: Database, shopId: string, audience: CampaignAudience, now: number): Promise<CampaignPreview> {
  const total = await countAudience(db, shopId, audience, now);
  return { count: Math.min(total, CAMPAIGN_AUDIENCE_MAX), total, max: CAMPAIGN_AUDIENCE_MAX };
}

/**
 * Stores the campaign and, when its time is now, sends it. Returns it with whether notices were
 * stored (the caller hands them to the queue).
 */
export async function createCampaign(db: Database, shopId: string, by: StaffIdentity, body: CampaignCreateBody, now: number): Promise<{ campaign: Campaign; sent: boolean }> {
  const sendAt = body.sendAt ?? now;
  if (sendAt < now - PAST_GRACE_MS) throw fieldError("invalid_input", "sendAt", "must not be in the past");
  if (sendAt > now + CAMPAIGN_SCHEDULE_MAX_DAYS * DAY_MS) throw fieldError("invalid_input", "sendAt", `must be at most ${CAMPAIGN_SCHEDULE_MAX_DAYS} days ahead`);
  if (!(await findShop(db, shopId))) throw new DomainError("not_found", `no shop ${shopId}`);
  const row: CampaignRow = {
    id: newCampaignId(), shopId, name: body.name, text: body.text, audience: body.audience, status: "scheduled", sendAt: Math.max(sendAt, now), sentAt: null,
    cancelledAt: null, audienceCount: null, createdBy: by.staffId, createdByName: by.name, createdAt: now, updatedAt: now,
  };
  await insertCampaign(db, row);
  const sent = row.sendAt <= now && (await sendScheduled(db, row, now)) !== null;
  return { campaign: await getCampaign(db, shopId, row.id), sent };
}

export async function cancelCampaign(db: Database, shopId: string, id: string, now: number): Promise<Campaign> {
  const row = await cancelScheduled(db, shopId, id, now);
  if (!row) {
    const found = await findCampaign(db, shopId, id);
    if (!found) throw new DomainError("not_found", `no campaign ${id}`);
    throw fieldError("conflict", "status", `the campaign is ${found.status}; only a scheduled one can be cancelled`);
  }
  return toCampaign(row, []);
}

/** The cron's step: sends the scheduled campaigns whose time has come; returns how many were sent. */
export async function sendDueCampaigns(db: Database, now: number): Promise<number> {
  let sent = 0;
  for (const c of await dueCampaigns(db, now, DUE_BATCH)) {
    if ((await sendScheduled(db, c, now)) !== null) sent++;
  }
  return sent;
}
