/**
 * What the bot posts: plain replies, knowledge answers, order answers with the track, and order
 * choices. Every bot message goes through `room.post`, so it gets a seq and reaches all sides.
 */
import { describeOrder } from "../../core/domain/bot";
import type { OrderSummary } from "../../core/domain/order-reference";
import type { SessionState } from "../../core/domain/session";
import type { MessageBody } from "../../core/protocol";
import { orderCardOf } from "../../core/domain/order-card";
import { randomId } from "../../worker/lib/crypto";
import type { ConversationRoom } from "./room";

/** Posts a bot message into the session. */
export async function botSay(room: ConversationRoom, s: SessionState, body: MessageBody): Promise<void> {
  await room.post({ clientId: randomId("bot"), sender: { role: "bot", id: "bot", name: "" }, kind: "text", body, channel: s.channel, entry: null });
}

/** Answers about one order: a sentence, the order card and the logistics track. */
export async function botOrderAnswer(room: ConversationRoom, s: SessionState, order: OrderSummary, timeZone: string, now: number): Promise<void> {
  const track = await room.orders.track(order, now);
  const locale = room.customerClaims()?.locale ?? "zh-CN";
  const text = describeOrder(order, track, now, locale, timeZone);
  await botSay(room, s, {
    text,
    order: orderCardOf(order),
    tracking: track.map((t) => ({ carrier: t.carrier, trackingNo: t.trackingNo, status: t.status, description: t.description, location: t.location, at: t.occurredAt })),
  });
}

/** Several orders fit: show them as cards to tap (never "please give the order number"). */
export async function botOrderChoice(room: ConversationRoom, s: SessionState, orders: OrderSummary[]): Promise<void> {
  await botSay(room, s, { notice: { code: "bot.which_order" }, orderChoices: orders.map(orderCardOf) });
}
