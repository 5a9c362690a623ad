/**
 * The snapshot of an order that a chat card carries: built in one place for the room's cards,
 * the bot's answers and the agent's context panel, so all three show the same thing.
 */
import type { OrderCard } from "../protocol/message";

export interface CardableOrder {
  id: string;
  status: string;
  totalCents: number;
  createdAt: number;
  items: readonly { title: string }[];
}

export function orderCardOf(o: CardableOrder): OrderCard {
  const first = o.items[0];
  return {
    orderId: o.id,
    title: first ? (o.items.length > 1 ? `${first.title} 等${o.items.length}件` : first.title) : o.id,
    status: o.status,
    totalCents: o.totalCents,
    createdAt: new Date(o.createdAt).toISOString(),
  };
}
