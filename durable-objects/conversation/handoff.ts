/**
 * Hand-off to a person: route the session (rules on text, intent, entry, level, channel, time),
 * then ask the shop's AgentQueue for an agent. Also the room's side of what the queue reports
 * back: assignment, queue position, overflow, transfer, requeue.
 */
import { getServerByName } from "partyserver";
import { routeSession, type RoutingDecision } from "../../core/domain/routing";
import { assignSession, handOffSession, isOpen, requeueSession, type SessionState } from "../../core/domain/session";
import type { EnqueueResult } from "../../core/protocol";
import { database } from "../../worker/db/client";
import { findCustomerOrder, findShopProduct } from "../../worker/db/repos/mall";
import { randomId } from "../../worker/lib/crypto";
import { shopRouting } from "../../worker/services/routing-config";
import { postNotice, sessionInfo, writeTransition } from "./post";
import type { ConversationRoom } from "./room";

/** The categories of what the chat was opened on (a product, or an order's items). */
async function entryCategories(room: ConversationRoom, s: SessionState): Promise<string[]> {
  if (!s.entry?.id) return [];
  const db = database(room.bindings.DB);
  if (s.entry.type === "product") {
    const p = await findShopProduct(db, room.ref.shopId, s.entry.id);
    return p ? [p.category] : [];
  }
  if (s.entry.type === "order") {
    const o = await findCustomerOrder(db, room.ref.shopId, room.ref.customerId, s.entry.id);
    return o ? o.items.map((i) => i.category) : [];
  }
  return [];
}

/** Decides where a session goes, from the shop's rules and what the shopper said. */
export async function routeFor(room: ConversationRoom, s: SessionState, text: string, now: number): Promise<RoutingDecision> {
  const db = database(room.bindings.DB);
  const claims = room.customerClaims();
  const [{ rules, hours }, categories] = await Promise.all([shopRouting(db, room.ref.shopId, now), entryCategories(room, s)]);
  return routeSession(rules, { text, shopId: room.ref.shopId, level: claims?.level ?? "normal", channel: s.channel, entry: s.entry, entryCategories: categories, businessHours: hours }, now);
}

/** Where this session goes if it needs a person; decided once, at the first message. */
export interface RoutingChoice {
  groupKey: string;
  priority: number;
  seniorOnly: boolean;
  skipBot: boolean;
  autoReply?: string;
}

/** Routes the session on the shopper's first message and remembers the choice. */
export async function chooseRoute(room: ConversationRoom, s: SessionState, text: string, now: number): Promise<RoutingChoice> {
  const d = await routeFor(room, s, text, now);
  const choice: RoutingChoice = { groupKey: d.groupKey, priority: d.priority, seniorOnly: d.seniorOnly, skipBot: d.skipBot, ...(d.autoReply ? { autoReply: d.autoReply } : {}) };
  room.store.setMeta(`routing:${s.id}`, JSON.stringify(choice));
  return choice;
}

function storedRoute(room: ConversationRoom, sessionId: string): RoutingChoice | null {
  const raw = room.store.getMeta(`routing:${sessionId}`);
  return raw ? (JSON.parse(raw) as RoutingChoice) : null;
}

/** Hands the open session to the shop's queue (routing it first if that was not done); applies the answer. */
export async function handOff(room: ConversationRoom, text: string, now: number): Promise<EnqueueResult | null> {
  const s = room.store.session();
  if (!isOpen(s) || s.agentId) return null;
  const route = storedRoute(room, s.id) ?? (await chooseRoute(room, s, text, now));
  const { session, events } = handOffSession(room.store.session()!, route.groupKey, now);
  room.store.saveSession(session);
  room.broadcastEvent({ type: "session.changed", session: sessionInfo(session) });
  if (events.length) await writeTransition(room, events, now);
  if (route.autoReply) await room.post({ clientId: randomId("auto"), sender: { role: "bot", id: "bot", name: "" }, kind: "text", body: { text: route.autoReply }, channel: s.channel, entry: null });
  const claims = room.customerClaims();
  const queue = await getServerByName(room.bindings.AgentQueue, room.ref.shopId);
  const result = await queue.enqueue({
    sessionId: s.id, threadId: room.ref.threadId, customerId: room.ref.customerId, customerName: claims?.name ?? room.ref.customerId,
    level: claims?.level ?? "normal", groupKey: route.groupKey, priority: route.priority, seniorOnly: route.seniorOnly,
    previousAgentId: room.store.getMeta("last_agent_id"), preview: text,
  });
  if (result.status === "assigned") await applyAssignment(room, s.id, result.agentId, result.agentName, now);
  else room.broadcastEvent(queueEvent(s.id, result), "customer");
  return result;
}

function queueEvent(sessionId: string, r: Exclude<EnqueueResult, { status: "assigned" }>) {
  return r.status === "queued"
    ? { type: "queue.updated" as const, sessionId, status: "queued" as const, position: r.position, etaSec: r.etaSec, leaveMessage: false }
    : { type: "queue.updated" as const, sessionId, status: "unavailable" as const, leaveMessage: true };
}

/** The queue gave this session to an agent: record it, tell both sides, write D1. */
export async function applyAssignment(room: ConversationRoom, sessionId: string, agentId: string, agentName: string, now: number): Promise<void> {
  const s = room.store.session();
  if (!isOpen(s) || s.id !== sessionId) return;
  const { session, events } = assignSession(s, agentId, agentName, now);
  room.store.saveSession(session);
  room.store.setMeta("last_agent_id", agentId);
  postNotice(room, session, "agent.assigned", { name: agentName }, now);
  room.broadcastEvent({ type: "session.changed", session: sessionInfo(session) });
  await writeTransition(room, events.length ? events : ["assigned"], now);
}

/** The session went back to waiting (agent offline, or transferred to a group); D1 shows it unassigned. */
export async function applyRequeue(room: ConversationRoom, sessionId: string, groupKey: string | null, now: number): Promise<void> {
  const s = room.store.session();
  if (!isOpen(s) || s.id !== sessionId) return;
  const session = requeueSession(s, groupKey);
  room.store.saveSession(session);
  postNotice(room, session, "session.requeued", {}, now);
  room.broadcastEvent({ type: "session.changed", session: sessionInfo(session) });
  await writeTransition(room, [], now);
}
