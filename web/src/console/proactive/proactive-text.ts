/** Words of the 主动服务 page: notice kinds and outcomes, campaign statuses and audiences, dates. */
import type { CampaignAudience, CampaignStatus } from "../../../../core/protocol/campaigns";
import { lang, nameOf, noticeText, t, type MessageKey } from "../../common/i18n";
import { zhProactivePage } from "../../common/locales/zh-CN-proactive";

/** The kinds of proactive notice, in the order the page lists them. */
export const NOTICE_KINDS = ["shipment", "price_drop", "campaign"] as const;
/** Outcomes, in the order the page lists them. */
export const OUTCOMES = ["delivered", "deferred", "capped", "skipped_opt_out"] as const;

/** A value's name (`proactive.kind.shipment`); a value the server added later shows as sent. */
function named(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in zhProactivePage ? t(key as MessageKey) : value;
}

/** 物流通知 / 降价提醒 / 营销触达. */
export function kindName(kind: string): string {
  return named("proactive.kind", kind);
}

export function outcomeName(outcome: string): string {
  return named("proactive.outcome", outcome);
}

export function campaignStatusName(status: CampaignStatus): string {
  return named("campaigns.status", status);
}

/** The queue message type of a dead letter as the kind of notice it was. */
export function deadLetterKind(body: unknown): string | null {
  const type = (body as { type?: unknown } | null)?.type;
  return type === "shipment_notice" ? "shipment" : type === "price_drop" ? "price_drop" : type === "campaign" ? "campaign" : null;
}

/** What a dead notice would have said, as the shopper would read it. */
export function deadLetterNotice(body: unknown): string {
  const b = body as { code?: unknown; params?: unknown } | null;
  if (typeof b?.code !== "string") return "";
  return noticeText(b.code, typeof b.params === "object" && b.params !== null ? (b.params as Record<string, string>) : undefined);
}

/** A list of names in the language's way (、 or ,). */
export function listOf(items: readonly string[]): string {
  return items.join(t("campaigns.list.sep"));
}

/** 近 30 天下过单 · 黄金会员、VIP · 标签：老客户 */
export function audienceSummary(a: CampaignAudience): string {
  const parts = [t(`campaigns.summary.${a.activity}`, { n: a.withinDays })];
  parts.push(a.levels.length ? listOf(a.levels.map((l) => nameOf("level", l))) : t("campaigns.summary.allLevels"));
  if (a.tags.length) parts.push(t("campaigns.summary.tags", { tags: listOf(a.tags) }));
  return parts.join(" · ");
}

/** A date and time in full (a scheduled send may be weeks ahead): "11/24 18:30", this year's without the year. */
export function dateTime(ms: number, now = Date.now()): string {
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(lang.value, { ...(sameYear ? {} : { year: "numeric" }), month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(ms);
}
