/**
 * UI language: zh-CN by default, English second, chosen with the language switch and kept in
 * localStorage. `t()` reads the `lang` signal, so any component calling it re-renders on a switch.
 */
import { signal } from "@preact/signals";
import { CATEGORIES, ORDER_STATUS_NAMES } from "../../../core/domain/catalog";
import { LIMITS } from "../../../core/protocol/limits";
import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";
import { storage } from "./storage";

export type Lang = "zh-CN" | "en";
export type MessageKey = keyof typeof zhCN;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };
const STORAGE_KEY = "kefu.lang";

/** The current UI language. */
export const lang = signal<Lang>(storage.local.get(STORAGE_KEY) === "en" ? "en" : "zh-CN");

/** Switches the language, remembers it and tells assistive technology via `<html lang>`. */
export function setLang(next: Lang): void {
  lang.value = next;
  storage.local.set(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** A translated string; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[lang.value][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** Whether a key built at run time (`errors.${code}`) exists. */
function hasKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** A server or client error code as a sentence; unknown codes read as a server error. */
export function errorText(code: string): string {
  const key = `errors.${code}`;
  return t(hasKey(key) ? key : "errors.internal", { mb: LIMITS.imageMaxBytes / 1048576, max: LIMITS.textMaxChars });
}

/**
 * System and bot notices carry a code (`session.transferred`) and parameters (`{ to }`) the UI
 * translates; a hand-off `reason` (`asked`) is a code too.
 */
export function noticeText(code: string | undefined, params?: Record<string, string>): string {
  const key = `notice.${code}`;
  const named = params?.reason !== undefined ? { ...params, reason: nameOf("handoff", params.reason) } : params;
  return t(hasKey(key) ? key : "notice.unknown", named);
}

type NamePrefix = "intent" | "policy" | "agentStatus" | "dept" | "level" | "offline" | "track" | "handoff" | "kbKind" | "kbStatus" | "outcome" | "unReason";

/** A translated name for a run-time value (`intent.logistics`, `policy.sticky`); unknown values show as sent. */
export function nameOf(prefix: NamePrefix, value: string): string {
  const key = `${prefix}.${value}`;
  return hasKey(key) ? t(key) : value;
}

/** Channel (`app`) and entry type (`product`) names; unknown values show as sent. */
export function channelName(channel: string): string {
  const key = `channel.${channel}`;
  return hasKey(key) ? t(key) : channel;
}

export function entryName(type: string): string {
  const key = `entry.${type}`;
  return hasKey(key) ? t(key) : type;
}

export function orderStatusName(status: string): string {
  const names = (ORDER_STATUS_NAMES as Record<string, { zh: string; en: string }>)[status];
  return names ? (lang.value === "en" ? names.en : names.zh) : status;
}

export function categoryName(category: string): string {
  const names = (CATEGORIES as Record<string, { zh: string; en: string }>)[category];
  return names ? (lang.value === "en" ? names.en : names.zh) : category;
}

/** Prices are stored in cents (分) of CNY. */
export function formatMoney(cents: number): string {
  return new Intl.NumberFormat(lang.value, { style: "currency", currency: "CNY" }).format(cents / 100);
}

/** Today: "14:05"; yesterday: "昨天 14:05"; older: a short date and time. */
export function formatTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const hm = new Intl.DateTimeFormat(lang.value, { hour: "2-digit", minute: "2-digit", hour12: false }).format(d);
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  if (ms >= today.getTime()) return hm;
  if (ms >= today.getTime() - 86_400_000) return `${t("time.yesterday")} ${hm}`;
  const date = new Intl.DateTimeFormat(lang.value, { month: "2-digit", day: "2-digit" }).format(d);
  return `${date} ${hm}`;
}
