/**
 * Shapes of `GET /api/context` and `GET /api/context/resolve`, mirroring
 * worker/services/context/types.ts as narrowly as the console's context panel reads them.
 */
import type { OrderCard } from "../../../core/protocol";

export interface TrackEvent {
  status: string;
  description: string;
  location: string | null;
  occurredAt: number;
}

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
  /** Events oldest first; `latest` is the last of them. */
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

export interface ContextSession {
  id: string;
  shopId: string;
  channel: string;
  status: string;
  outcome: "open" | "resolved" | "closed_idle";
  handledBy: "agent" | "bot" | null;
  groupKey: string | null;
  agent: { id: string; name: string } | null;
  entry: { type: string; id: string | null } | null;
  openedAt: number;
  resolvedAt: number | null;
  closeReason: string | null;
  rating: number | null;
}

export type ContextEntry =
  | { type: "product"; id: string; product: ContextProduct | null }
  | { type: "order"; id: string; order: ContextOrder | null }
  | { type: "shop" | "help"; id: string | null }
  | null;

export interface ThreadContext {
  threadId: string;
  shopId: string;
  scope: "shop" | "all";
  entry: ContextEntry;
  customer: {
    id: string;
    known: boolean;
    name: string;
    level: string;
    tags: string[];
    locale: string;
    channels: { channel: string; sessions: number; lastAt: number }[];
  };
  orders: { total: number; items: ContextOrder[] };
  browsing: { product: ContextProduct | null; productId: string; shopId: string; views: number; lastViewedAt: number; channel: string }[];
  cart: { updatedAt: number | null; items: { product: ContextProduct | null; productId: string; shopId: string; qty: number; addedAt: number }[] };
  sessions: ContextSession[];
  complaints: {
    sessions: ContextSession[];
    leaveMessages: { id: string; shopId: string; text: string; status: string; createdAt: number }[];
    tickets: unknown[];
    ticketsAvailable: boolean;
  };
  shops: { id: string; name: string; nameEn: string }[];
}

export interface ResolvedReference {
  referenced: boolean;
  ambiguous: boolean;
  candidates: { orderId: string; confidence: number; reasons: string[]; order: ContextOrder }[];
}
