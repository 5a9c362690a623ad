/**
 * Shapes of order-reference resolution: the orders a shopper may mean, and what each signal
 * extractor reports about a message.
 */
import type { Category, OrderStatus } from "../catalog";

/** One line of an order, as the resolver needs it. */
export interface OrderItemSummary {
  productId: string;
  title: string;
  category: Category | string;
  qty: number;
  priceCents: number;
}

/** An order of the shopper; all times are epoch ms. */
export interface OrderSummary {
  id: string;
  shopId: string;
  status: OrderStatus;
  totalCents: number;
  createdAt: number;
  paidAt?: number;
  shippedAt?: number;
  deliveredAt?: number;
  items: OrderItemSummary[];
}

export interface ResolveInput {
  message: string;
  orders: OrderSummary[];
  /** Epoch ms of the message. */
  now: number;
  /** IANA zone the shopper's calendar words are read in; default Asia/Shanghai. */
  timeZone?: string;
  /** The order page the chat was opened from, if any. */
  entryOrderId?: string;
}

export interface OrderCandidate {
  orderId: string;
  /** 0..1: how sure the resolver is that this is the order meant. */
  confidence: number;
  /** Short machine-readable reasons, e.g. `time:昨天`, `category:apparel/shoes`, `entry`. */
  reasons: string[];
}

export interface ResolveResult {
  /** Best first; only orders credible enough to show. Empty when nothing fits. */
  candidates: OrderCandidate[];
  /** The top candidates are too close to pick: show a short choice of cards. */
  ambiguous: boolean;
  /** The message is about an order at all ("在吗" is not; "我的快递到哪了" is). */
  referenced: boolean;
}

/**
 * What one signal says about each order: `match` in 0..1 per order, the weight of the signal,
 * and a label for the reasons list. Extractors produce these; scoring combines them.
 */
export interface SignalScore {
  kind: "time" | "product" | "status" | "amount" | "entry" | "id";
  weight: number;
  /** Weight kept when no order matches at all: fuzzy signals (dates) are often misremembered. */
  weightWhenUnmatched: number;
  match: (order: OrderSummary) => { score: number; reason?: string };
}
