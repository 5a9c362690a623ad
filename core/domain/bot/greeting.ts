/**
 * What the bot says first, by where the chat was opened: a product page asks about that product,
 * an order page about that order, anywhere else the usual topics.
 */
import type { Entry } from "../../protocol/common";

export interface Greeting {
  code: "bot.greeting.product" | "bot.greeting.order" | "bot.greeting.general";
  /** Quick questions offered as buttons, in the shopper's language. */
  quick: string[];
}

const QUICK = {
  product: { zh: ["这款有现货吗？", "尺码/规格怎么选？", "什么时候发货？", "有优惠券吗？"], en: ["Is this in stock?", "Which size should I choose?", "When will it ship?", "Any coupons?"] },
  order: { zh: ["我的快递到哪了？", "可以修改地址吗？", "怎么申请退货？", "发票怎么开？"], en: ["Where is my parcel?", "Can I change the address?", "How do I return it?", "How do I get an invoice?"] },
  general: { zh: ["我的快递到哪了？", "怎么申请退货退款？", "有什么优惠活动？", "转人工"], en: ["Where is my parcel?", "How do I get a refund?", "Any promotions?", "Talk to an agent"] },
} as const;

export function greetingFor(entry: Entry | null, locale: string): Greeting {
  const lang = locale.startsWith("en") ? "en" : "zh";
  if (entry?.type === "product") return { code: "bot.greeting.product", quick: [...QUICK.product[lang]] };
  if (entry?.type === "order") return { code: "bot.greeting.order", quick: [...QUICK.order[lang]] };
  return { code: "bot.greeting.general", quick: [...QUICK.general[lang]] };
}
