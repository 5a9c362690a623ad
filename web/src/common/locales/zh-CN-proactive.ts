/** Proactive notices posted into a shopper's thread (core/domain/proactive): `notice.<code>`. */
export const zhProactive = {
  "notice.shipment.collected": "物流通知：您的订单 {orderId} 已发货，{carrier} 运单号 {trackingNo}。{description}",
  "notice.shipment.out_for_delivery": "物流通知：您的订单 {orderId} 正在派送，请保持电话畅通（{carrier} {trackingNo}）。{description}",
  "notice.shipment.delivered": "物流通知：您的订单 {orderId} 已签收（{carrier} {trackingNo}）。{description}",
  "notice.shipment.exception": "物流通知：您的订单 {orderId} 配送异常（{carrier} {trackingNo}）：{description} 如需帮助，请直接回复。",
  "notice.shipment.returned": "物流通知：您的订单 {orderId} 的包裹已退回（{carrier} {trackingNo}）。{description}",
} as const;
