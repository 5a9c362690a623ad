/**
 * The 24×7 bot inside the room. A session starts with it unless routing says skip the bot or
 * there is no knowledge to answer from. Each shopper message is one turn: gather the facts
 * (sentiment, intent, the shopper's orders, knowledge search), let the pure policy decide, then
 * answer, suggest, answer an order question, or hand off to a person.
 */
import { asksForHuman, decideBotTurn, greetingFor, type BotAction } from "../../core/domain/bot";
import { detectIntent, type Intent } from "../../core/domain/intent";
import { resolveOrderReference, type OrderSummary } from "../../core/domain/order-reference";
import { DEFAULT_TIME_ZONE, isWithinBusinessHours } from "../../core/domain/routing";
import { isUpset } from "../../core/domain/sentiment";
import { isOpen, type SessionState } from "../../core/domain/session";
import type { Channel, ChatMessage, Entry } from "../../core/protocol";
import { randomId } from "../../worker/lib/crypto";
import { database } from "../../worker/db/client";
import { shopRouting } from "../../worker/services/routing-config";
import { botOrderAnswer, botOrderChoice, botSay } from "./bot-replies";
import { chooseRoute, handOff } from "./handoff";
import { BOT_THRESHOLDS, knowledgePort } from "./knowledge-port";
import { postNotice } from "./post";
import type { ConversationRoom } from "./room";
import { scheduleShownFlush } from "./shown-counts";
import { LruCache } from "../../core/lib/lru";

/** Questions answered from the shopper's own order; after-sales ("怎么退货") goes to the policy articles. */
const ORDER_INTENTS = new Set(["logistics"]);

/** What the bot reads in a shopper's text before searching: pure, and what a turn spends most CPU on. */
interface TextReading {
  intent: ReturnType<typeof detectIntent>;
  askedForHuman: boolean;
  upset: boolean;
}

/**
 * Recent readings, per isolate: a mall's shoppers send the same frequent questions (and tap the
 * same quick replies) all day, and reading one costs ~0.1 ms of the one thread a room shares
 * with its neighbours. Short texts only: long ones rarely repeat.
 */
const readings = new LruCache<string, TextReading>(2_000);
const MAX_REMEMBERED_TEXT = 200;

function readText(text: string): TextReading {
  const known = readings.get(text);
  if (known) return known;
  const reading = { intent: detectIntent(text), askedForHuman: asksForHuman(text), upset: isUpset(text) };
  if (text.length <= MAX_REMEMBERED_TEXT) readings.set(text, reading);
  return reading;
}

/** What a session opened by this text is about, for analytics (the bot's turn reads it from the memo). */
export function topicOf(text: string): Intent {
  return readText(text).intent.intent;
}

/** The first message of a session: route it, then let the bot take the turn or hand off. */
export async function startSession(room: ConversationRoom, message: ChatMessage, now: number): Promise<void> {
  const s = room.store.session();
  if (!isOpen(s)) return;
  const text = message.body.text ?? "";
  const route = await chooseRoute(room, s, text, now);
  const knowledge = knowledgePort(room.bindings);
  if (route.skipBot || !(await knowledge.hasKnowledge(room.ref.shopId))) {
    // Straight to a person, but not into a queue nobody serves at this hour.
    if (await offerLeaveMessageIfClosed(room, s, now)) return;
    await handOff(room, text, now);
    return;
  }
  await botTurn(room, message, now);
}

/** One bot turn for a shopper message in a session the bot still holds. */
export async function botTurn(room: ConversationRoom, message: ChatMessage, now: number): Promise<void> {
  const s = room.store.session();
  if (!isOpen(s) || s.status !== "bot") return;
  const text = message.body.text ?? (message.kind === "order_card" ? "订单到哪了" : "");
  const knowledge = knowledgePort(room.bindings);
  const { intent, askedForHuman, upset } = readText(text);
  const orderQuestion = ORDER_INTENTS.has(intent.intent) || message.kind === "order_card";
  // Search and the orders lookup cost I/O on every message: skip what this turn cannot use.
  const decided = askedForHuman || upset;
  const [hits, orders, timeZone] = await Promise.all([
    text && !decided ? knowledge.search(room.ref.shopId, text, now) : Promise.resolve([]),
    orderQuestion && !decided ? room.orders.list(now) : Promise.resolve([]),
    orderQuestion && !decided ? shopTimeZone(room, now) : Promise.resolve(DEFAULT_TIME_ZONE),
  ]);
  const entryOrderId = message.kind === "order_card" ? message.body.order?.orderId : s.entry?.type === "order" ? s.entry.id : undefined;
  const found = orderQuestion && !decided ? resolveOrderReference({ message: text, orders, now, entryOrderId, timeZone }) : { referenced: false, candidates: [], ambiguous: false };
  const lowKey = `bot_low:${s.id}`;
  const action = decideBotTurn({
    text,
    askedForHuman,
    upset,
    skipBot: false,
    orderQuestion,
    orders: { referenced: found.referenced || message.kind === "order_card", orderIds: found.candidates.map((c) => c.orderId), ambiguous: found.ambiguous },
    hits: hits.map((h) => ({ articleId: h.articleId, question: h.question, confidence: h.confidence })),
    lowStreak: Number(room.store.getMeta(lowKey) ?? 0),
    thresholds: BOT_THRESHOLDS,
  });
  room.store.setMeta(lowKey, String(action.kind === "suggest" ? action.lowStreak : 0));
  await carryOut(room, s, action, text, hits, orders, timeZone, now);
}

/** The shop's time zone (its business hours name it): "昨天" is a calendar day there. */
async function shopTimeZone(room: ConversationRoom, now: number): Promise<string> {
  return (await shopRouting(database(room.bindings.DB), room.ref.shopId, now)).hours.timeZone;
}

async function carryOut(room: ConversationRoom, s: SessionState, action: BotAction, text: string, hits: Awaited<ReturnType<ReturnType<typeof knowledgePort>["search"]>>, orders: OrderSummary[], timeZone: string, now: number): Promise<void> {
  const knowledge = knowledgePort(room.bindings);
  switch (action.kind) {
    case "answer": {
      const hit = hits.find((h) => h.articleId === action.articleId)!;
      scheduleShownFlush(room, now);
      await botSay(room, s, { article: { id: hit.articleId, question: hit.question, html: hit.answerHtml } });
      return;
    }
    case "suggest":
      if (action.options.length) await botSay(room, s, { notice: { code: "bot.suggest" }, quickReplies: action.options.map((o) => ({ label: o.question, text: o.question })) });
      else await botSay(room, s, { notice: { code: "bot.not_understood" }, quickReplies: [{ label: "转人工", text: "转人工" }] });
      await knowledge.unanswered(room.ref.shopId, text, "no_match", room.ref.threadId, now);
      return;
    case "order_status":
      return botOrderAnswer(room, s, orders.find((o) => o.id === action.orderId)!, timeZone, now);
    case "order_choice":
      return botOrderChoice(room, s, orders.filter((o) => action.orderIds.includes(o.id)));
    case "handoff":
      if (action.reason === "low_confidence" || action.reason === "order_unresolved") await knowledge.unanswered(room.ref.shopId, text, "handoff", room.ref.threadId, now);
      return handOffFromBot(room, s, text, action.reason, now);
  }
}

/** Hands off with a word to the shopper; outside service hours, offers leave-a-message instead. */
export async function handOffFromBot(room: ConversationRoom, s: SessionState, text: string, reason: string, now: number): Promise<void> {
  if (room.store.session()?.status !== "bot") return;
  if (await offerLeaveMessageIfClosed(room, s, now)) return;
  postNotice(room, s, "bot.handoff", { reason }, now);
  await handOff(room, text, now);
}

/** Outside the shop's service hours: tells the shopper and offers leave-a-message (true), else false. */
async function offerLeaveMessageIfClosed(room: ConversationRoom, s: SessionState, now: number): Promise<boolean> {
  const { hours } = await shopRouting(database(room.bindings.DB), room.ref.shopId, now);
  if (isWithinBusinessHours(hours, now)) return false;
  postNotice(room, s, "bot.outside_hours", {}, now);
  room.broadcastEvent({ type: "queue.updated", sessionId: s.id, status: "unavailable", leaveMessage: true }, "customer");
  return true;
}

const GREETING_GAP_MS = 30 * 60_000;

/**
 * Greets a shopper who opens the chat with no session going, at most once per half hour, with
 * quick questions for where they came from (product page → product questions first).
 */
export async function maybeGreet(room: ConversationRoom, channel: Channel, entry: Entry | null, locale: string, now: number): Promise<void> {
  if (isOpen(room.store.session())) return;
  if (now - Number(room.store.getMeta("greeted_at") ?? 0) < GREETING_GAP_MS) return;
  if (!(await knowledgePort(room.bindings).hasKnowledge(room.ref.shopId))) return;
  room.store.setMeta("greeted_at", String(now));
  const g = greetingFor(entry, locale);
  await room.post({
    clientId: randomId("greet"),
    sender: { role: "bot", id: "bot", name: "" },
    kind: "text",
    body: { notice: { code: g.code }, quickReplies: g.quick.map((q) => ({ label: q, text: q })) },
    channel,
    entry,
  });
}
