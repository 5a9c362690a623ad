/**
 * Shapes of the agent panel's context of a thread (`GET /api/context`) and of order-reference
 * resolution (`GET /api/context/resolve`): built by the worker, read by the console.
 */
import type { OrderCard } from "./message";
import type { TicketCategory, TicketPriority, TicketStatus } from "./tickets";

export interface TrackEvent {
  status: string;
  description: string;
  location: string | null;
  occurredAt: number;
}

/** An order with its parcel track, and the card an agent sends into the chat in one click. */
export interface ContextOrder {
  id: string;
  shopId: string;
  status: string;
  totalCents: number;
  items: { productId: string; title: string; category: string; qty: number; priceCents: number }[];
  createdAt: number;
  paidAt: number | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  updatedAt: number;
  card: OrderCard;
  /** null until a tracking event arrived. `events` oldest first; `latest` is the last of them. */
  shipment: { carrier: string; trackingNo: string; latest: TrackEvent; events: TrackEvent[] } | null;
}

export interface ContextProduct {
  id: string;
  shopId: string;
  title: string;
  titleEn: string;
  category: string;
  priceCents: number;
  stock: number;
  image: string | null;
}

/** A past or current consultation (一次咨询) with its outcome. */
export interface ContextSession {
  id: string;
  shopId: string;
  channel: string;
  status: string;
  /** `open`, `resolved` (closed by staff) or `closed_idle` (timed out). */
  outcome: "open" | "resolved" | "closed_idle";
  /** Who answered: an agent, only the bot, or nobody. */
  handledBy: "agent" | "bot" | null;
  groupKey: string | null;
  agent: { id: string; name: string } | null;
  entry: { type: string; id: string | null } | null;
  openedAt: number;
  resolvedAt: number | null;
  closeReason: string | null;
  rating: number | null;
  /** The shopper's comment with their rating, if any. */
  ratingComment: string | null;
}

/** A page of the customer's orders in scope, newest first (`GET /api/context/orders`). */
export interface OrdersPage {
  /** Every order in scope, not just this page's. */
  total: number;
  items: ContextOrder[];
  /** Cursor of the next (older) page: pass it back as `before`; null on the last page. */
  next: string | null;
}

export interface ThreadContext {
  threadId: string;
  shopId: string;
  /** `shop`: this shop's orders and history only; `all`: every shop's (platform staff). */
  scope: "shop" | "all";
  /** What the chat was opened on, resolved; null when not given. Shown on top of the panel. */
  entry: { type: "product"; id: string; product: ContextProduct | null } | { type: "order"; id: string; order: ContextOrder | null } | { type: "shop" | "help"; id: string | null } | null;
  customer: {
    id: string;
    /** false: the mall never pushed this customer (a guest, or not synced yet); the rest are defaults. */
    known: boolean;
    name: string;
    level: string;
    tags: string[];
    locale: string;
    /** Channels of their sessions in scope, most used first. */
    channels: { channel: string; sessions: number; lastAt: number }[];
  };
  /** The first page of orders (newest first, at most 50); `GET /api/context/orders` pages on from `next`. */
  orders: OrdersPage;
  /** Distinct products viewed recently, latest first. */
  browsing: { product: ContextProduct | null; productId: string; shopId: string; views: number; lastViewedAt: number; channel: string }[];
  cart: { updatedAt: number | null; items: { product: ContextProduct | null; productId: string; shopId: string; qty: number; addedAt: number }[] };
  /** Newest first. */
  sessions: ContextSession[];
  complaints: {
    /** Sessions routed to the complaints group or closed as a complaint. */
    sessions: ContextSession[];
    leaveMessages: { id: string; shopId: string; text: string; status: string; createdAt: number }[];
    /** The customer's tickets (工单) in scope, active first then newest, at most 20. */
    tickets: ContextTicket[];
  };
  /** Names of the shops that appear above. */
  shops: { id: string; name: string; nameEn: string }[];
}

/** A ticket as the context panel lists it; the 工单 page shows the rest. */
export interface ContextTicket {
  id: string;
  number: number;
  shopId: string;
  title: string;
  category: TicketCategory;
  status: TicketStatus;
  priority: TicketPriority;
  createdAt: number;
  dueAt: number;
  overdue: boolean;
}

export interface ResolvedReference {
  referenced: boolean;
  ambiguous: boolean;
  /** Best first, each with its order (card and track). */
  candidates: { orderId: string; confidence: number; reasons: string[]; order: ContextOrder }[];
}
