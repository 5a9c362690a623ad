/**
 * The mall's shared vocabulary: product categories and order statuses. The demo mall, the
 * resolver, routing rules and the UI all use these keys.
 */

/** Product categories as `<department>/<category>`, with display names. */
export const CATEGORIES = {
  "apparel/tops": { zh: "上衣", en: "Tops" },
  "apparel/pants": { zh: "裤子", en: "Pants" },
  "apparel/dresses": { zh: "连衣裙", en: "Dresses" },
  "apparel/outerwear": { zh: "外套", en: "Outerwear" },
  "apparel/shoes": { zh: "鞋靴", en: "Shoes" },
  "electronics/phones": { zh: "手机", en: "Phones" },
  "electronics/laptops": { zh: "笔记本电脑", en: "Laptops" },
  "electronics/tablets": { zh: "平板", en: "Tablets" },
  "electronics/audio": { zh: "耳机音箱", en: "Audio" },
  "electronics/accessories": { zh: "数码配件", en: "Accessories" },
  "food/snacks": { zh: "零食", en: "Snacks" },
  "food/tea": { zh: "茶叶", en: "Tea" },
  "food/fruit": { zh: "水果", en: "Fruit" },
  "food/dairy": { zh: "乳品", en: "Dairy" },
  "beauty/skincare": { zh: "护肤", en: "Skincare" },
  "beauty/makeup": { zh: "彩妆", en: "Makeup" },
  "beauty/haircare": { zh: "洗护", en: "Hair care" },
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_KEYS = Object.keys(CATEGORIES) as Category[];

/** Order life cycle. */
export const ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "shipped",
  "delivered",
  "completed",
  "cancelled",
  "refunding",
  "refunded",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_NAMES: Record<OrderStatus, { zh: string; en: string }> = {
  pending_payment: { zh: "待付款", en: "Awaiting payment" },
  paid: { zh: "待发货", en: "Paid, awaiting shipment" },
  shipped: { zh: "运输中", en: "In transit" },
  delivered: { zh: "已签收", en: "Delivered" },
  completed: { zh: "已完成", en: "Completed" },
  cancelled: { zh: "已取消", en: "Cancelled" },
  refunding: { zh: "退款中", en: "Refund in progress" },
  refunded: { zh: "已退款", en: "Refunded" },
};
