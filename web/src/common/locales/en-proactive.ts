import type { zhProactive } from "./zh-CN-proactive";

/** Proactive notices in English; the mall's own tracking text (`description`) stays as sent. */
export const enProactive: Record<keyof typeof zhProactive, string> = {
  "notice.shipment.collected": "Shipping update: order {orderId} has shipped with {carrier}, tracking number {trackingNo}. {description}",
  "notice.shipment.out_for_delivery": "Shipping update: order {orderId} is out for delivery ({carrier} {trackingNo}). {description}",
  "notice.shipment.delivered": "Shipping update: order {orderId} has been delivered ({carrier} {trackingNo}). {description}",
  "notice.shipment.exception": "Shipping update: there is a problem delivering order {orderId} ({carrier} {trackingNo}): {description} Reply here if you need help.",
  "notice.shipment.returned": "Shipping update: the parcel of order {orderId} was returned ({carrier} {trackingNo}). {description}",
};
