/**
 * The bot's answer about one order: what was bought, when, and where it is now, in the
 * shopper's language ("您昨天购买的 纯棉T恤 已由 顺丰速运 揽收，最新：…").
 */
import { ORDER_STATUS_NAMES, type OrderStatus } from "../catalog";
import { dayNumberAt } from "../order-reference/calendar";

export interface TrackStep {
  carrier: string;
  /** The parcel's number: an order may ship in several parcels, each with its own track. */
  trackingNo?: string;
  status: string;
  description: string;
  location: string | null;
  occurredAt: number;
}

export interface OrderForAnswer {
  status: string;
  createdAt: number;
  items: { title: string; qty: number }[];
}

/** Calendar-day difference in a time zone (today 0, yesterday 1, …), the calendar the resolver reads "昨天" in. */
function daysAgo(t: number, now: number, timeZone: string): number {
  return dayNumberAt(now, timeZone) - dayNumberAt(t, timeZone);
}

function whenZh(t: number, now: number, tz: string): string {
  const d = daysAgo(t, now, tz);
  if (d === 0) return "今天";
  if (d === 1) return "昨天";
  if (d === 2) return "前天";
  const p = new Intl.DateTimeFormat("zh-CN", { timeZone: tz, month: "numeric", day: "numeric" }).format(new Date(t));
  return p;
}

function whenEn(t: number, now: number, tz: string): string {
  const d = daysAgo(t, now, tz);
  if (d === 0) return "today";
  if (d === 1) return "yesterday";
  return `on ${new Intl.DateTimeFormat("en-US", { timeZone: tz, month: "short", day: "numeric" }).format(new Date(t))}`;
}

/**
 * How long ago a step happened. Relative on purpose: the sentence is stored text, read in any
 * time zone, and the track card under it shows each step's time in the reader's own.
 */
function ago(t: number, now: number, en: boolean): string {
  const minutes = Math.max(0, Math.floor((now - t) / 60_000));
  if (minutes < 1) return en ? "just now" : "刚刚";
  if (minutes < 60) return en ? `${minutes} min ago` : `${minutes}分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return en ? `${hours} h ago` : `${hours}小时前`;
  const days = Math.floor(hours / 24);
  return en ? `${days} day${days > 1 ? "s" : ""} ago` : `${days}天前`;
}

/**
 * One sentence about the order's state and its latest logistics step (track newest first).
 * "Yesterday" is a calendar day in the shop's time zone, the one the shopper's "昨天" was read in.
 * An order shipped in several parcels says so, and speaks of the parcel with the latest step; a
 * parcel handed to another carrier on the way (a last-mile or cross-border partner, same number)
 * names both: the shopper's next question is whose courier is coming.
 */
export function describeOrder(order: OrderForAnswer, track: TrackStep[], now: number, locale: string, timeZone: string): string {
  const en = locale.startsWith("en");
  const first = order.items[0];
  const what = first ? `${first.title}${order.items.length > 1 ? (en ? ` and ${order.items.length - 1} more` : ` 等${order.items.length}件`) : ""}` : "";
  const status = ORDER_STATUS_NAMES[order.status as OrderStatus] ?? { zh: order.status, en: order.status };
  const latest = track[0];
  const parcels = new Set(track.map((s) => s.trackingNo)).size;
  const pickup = track.filter((s) => s.trackingNo === latest?.trackingNo).at(-1);
  const handedOver = latest !== undefined && latest.carrier !== pickup!.carrier;
  if (en) {
    const head = `The ${what} you ordered ${whenEn(order.createdAt, now, timeZone)} is: ${status.en.toLowerCase()}.`;
    if (!latest) return head;
    const split = parcels > 1 ? ` It ships in ${parcels} parcels; the one last updated:` : "";
    const carriers = handedOver ? `${pickup!.carrier} picked it up, now with ${latest.carrier}` : `${pickup!.carrier} picked it up`;
    return `${head}${split} ${carriers}; latest (${ago(latest.occurredAt, now, true)}${latest.location ? `, ${latest.location}` : ""}): ${latest.description}`;
  }
  const head = `您${whenZh(order.createdAt, now, timeZone)}购买的「${what}」当前状态：${status.zh}。`;
  if (!latest) return head;
  const split = parcels > 1 ? `共${parcels}个包裹，最近更新的包裹` : "";
  const carriers = handedOver ? `已由${pickup!.carrier}揽收，现由${latest.carrier}配送` : `已由${pickup!.carrier}揽收`;
  return `${head}${split}${carriers}，最新（${ago(latest.occurredAt, now, false)}${latest.location ? ` ${latest.location}` : ""}）：${latest.description}`;
}
