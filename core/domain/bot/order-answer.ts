/**
 * The bot's answer about one order: what was bought, when, and where it is now, in the
 * shopper's language ("您昨天购买的 纯棉T恤 已由 顺丰速运 揽收，最新：…").
 */
import { ORDER_STATUS_NAMES, type OrderStatus } from "../catalog";

export interface TrackStep {
  carrier: string;
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

const DAY = 86_400_000;

/** Calendar-day difference in a time zone (today 0, yesterday 1, …). */
function daysAgo(t: number, now: number, timeZone: string): number {
  const day = (x: number) => {
    const p = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(x));
    return Date.parse(`${p}T00:00:00Z`);
  };
  return Math.round((day(now) - day(t)) / DAY);
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

function clock(t: number, tz: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: tz, month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(t));
}

/** One sentence about the order's state and its latest logistics step (track newest first). */
export function describeOrder(order: OrderForAnswer, track: TrackStep[], now: number, locale: string, timeZone = "Asia/Shanghai"): string {
  const en = locale.startsWith("en");
  const first = order.items[0];
  const what = first ? `${first.title}${order.items.length > 1 ? (en ? ` and ${order.items.length - 1} more` : ` 等${order.items.length}件`) : ""}` : "";
  const status = ORDER_STATUS_NAMES[order.status as OrderStatus] ?? { zh: order.status, en: order.status };
  const latest = track[0];
  const pickup = track.at(-1);
  if (en) {
    const head = `The ${what} you ordered ${whenEn(order.createdAt, now, timeZone)} is: ${status.en.toLowerCase()}.`;
    if (!latest) return head;
    return `${head} ${pickup!.carrier} picked it up; latest (${clock(latest.occurredAt, timeZone, "en-US")}${latest.location ? `, ${latest.location}` : ""}): ${latest.description}`;
  }
  const head = `您${whenZh(order.createdAt, now, timeZone)}购买的「${what}」当前状态：${status.zh}。`;
  if (!latest) return head;
  return `${head}已由${pickup!.carrier}揽收，最新（${clock(latest.occurredAt, timeZone, "zh-CN")}${latest.location ? ` ${latest.location}` : ""}）：${latest.description}`;
}
