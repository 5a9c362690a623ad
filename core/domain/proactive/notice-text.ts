/**
 * What a proactive notice posted into a shopper's thread says, per language: the console and the
 * widget show it (`notice.<code>` in their message tables), and a mailed thread's answer mail
 * carries it (core/domain/email). The mall's own tracking text (`description`) stays as sent.
 */
export const zhProactive = {
  "notice.shipment.collected": "物流通知：您的订单 {orderId} 已发货，{carrier} 运单号 {trackingNo}。{description}",
  "notice.shipment.out_for_delivery": "物流通知：您的订单 {orderId} 正在派送，请保持电话畅通（{carrier} {trackingNo}）。{description}",
  "notice.shipment.delivered": "物流通知：您的订单 {orderId} 已签收（{carrier} {trackingNo}）。{description}",
  "notice.shipment.exception": "物流通知：您的订单 {orderId} 配送异常（{carrier} {trackingNo}）：{description} 如需帮助，请直接回复。",
  "notice.shipment.returned": "物流通知：您的订单 {orderId} 的包裹已退回（{carrier} {trackingNo}）。{description}",
  "notice.price.dropped": "降价提醒：您关注的「{title}」降价了，现价 ¥{now}（原价 ¥{was}）。",
  "notice.campaign.message": "店铺消息：{text}",
} as const;

export const enProactive: Record<keyof typeof zhProactive, string> = {
  "notice.shipment.collected": "Shipping update: order {orderId} has shipped with {carrier}, tracking number {trackingNo}. {description}",
  "notice.shipment.out_for_delivery": "Shipping update: order {orderId} is out for delivery ({carrier} {trackingNo}). {description}",
  "notice.shipment.delivered": "Shipping update: order {orderId} has been delivered ({carrier} {trackingNo}). {description}",
  "notice.shipment.exception": "Shipping update: there is a problem delivering order {orderId} ({carrier} {trackingNo}): {description} Reply here if you need help.",
  "notice.shipment.returned": "Shipping update: the parcel of order {orderId} was returned ({carrier} {trackingNo}). {description}",
  "notice.price.dropped": "Price drop: “{titleEn}”, which you looked at, is now ¥{now} (was ¥{was}).",
  "notice.campaign.message": "From the shop: {text}",
};

/** The text of a proactive notice `code` (e.g. `shipment.delivered`), or undefined when it is not one. */
export function proactiveNoticeTemplate(code: string, locale: "zh-CN" | "en-US"): string | undefined {
  const key = `notice.${code}`;
  if (!(key in zhProactive)) return undefined;
  return (locale === "en-US" ? enProactive : zhProactive)[key as keyof typeof zhProactive];
}
