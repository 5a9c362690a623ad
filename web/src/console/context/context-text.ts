/**
 * Words of the context panel that come from data: the resolver's reasons (`time:昨天`,
 * `category:apparel/tops`), shop names, product titles and languages, in the UI language.
 */
import type { ContextProduct, ThreadContext } from "../../common/context-types";
import { categoryName, lang, nameOf, orderStatusName, t } from "../../common/i18n";

/** Why the resolver picked an order, as the agent reads it. */
export function reasonText(reason: string): string {
  if (reason === "card") return t("ctx.reason.card");
  const [kind = "", ...rest] = reason.split(":");
  const value = rest.join(":");
  switch (kind) {
    case "time":
      return t("ctx.reason.time", { v: value });
    case "status": {
      const order = orderStatusName(value);
      return t("ctx.reason.status", { v: order !== value ? order : nameOf("track", value) });
    }
    case "category":
      return t("ctx.reason.category", { v: categoryName(value) });
    case "amount":
      return t("ctx.reason.amount", { v: value });
    case "title":
      return t("ctx.reason.title", { v: value.replace(/\+/g, "、") });
    case "entry":
      return t("ctx.reason.entry");
    default:
      return reason;
  }
}

export function productTitle(p: ContextProduct): string {
  return lang.value === "en" && p.titleEn ? p.titleEn : p.title;
}

export function shopName(ctx: ThreadContext, shopId: string): string {
  const s = ctx.shops.find((x) => x.id === shopId);
  return s ? (lang.value === "en" ? s.nameEn : s.name) : shopId;
}

/** "zh-CN" → "中文（中国）" in Chinese, "Chinese (China)" in English. */
export function localeName(locale: string): string {
  try {
    return new Intl.DisplayNames([lang.value], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}
