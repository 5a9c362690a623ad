/**
 * Posting a message into the thread: idempotency, session transitions, persist, then broadcast,
 * then the D1 write of any session transition. Used by socket commands and by RPC callers.
 */
import { getServerByName, type Connection } from "partyserver";
import type { Channel, ChatMessage, Entry, MessageBody, MessageKind, Sender, SessionInfo, Unread } from "../../core/protocol";
import { isOpen, openSession, recordMessage, resolveSession, type SessionEvent, type SessionState } from "../../core/domain/session";
import { randomId } from "../../worker/lib/crypto";
import type { ConversationRoom } from "./room";
import { syncSession, type CustomerClaims } from "./session-sync";
import { botTurn, startSession, topicOf } from "./bot";
import { sendEvent } from "./audience";
import { noteAnswerForEmail } from "./email-replies";
import { invitesOnClose, servedByPerson, withInvitation } from "../../core/domain/rating";
import { postRatingInvitation } from "./rating";

export interface PostInput {
  clientId: string;
  sender: Sender;
  kind: MessageKind;
  body: MessageBody;
  channel: Channel;
  entry: Entry | null;
  visibility?: "all" | "staff";
  /** The customer's token claims, recorded in D1 when their message opens a session. */
  customer?: CustomerClaims;
  /** Platform staff stepping into a shop's thread: their messages never take the session. */
  platformStaff?: boolean;
  /** The socket the message came from: it gets `message.acked` carrying the message, not `message.created`. */
  origin?: Connection;
}

export function sessionInfo(s: SessionState): SessionInfo {
  return {
    id: s.id, status: s.status, openedAt: s.openedAt, agentId: s.agentId, agentName: s.agentName, groupKey: s.groupId, resolvedAt: s.resolvedAt,
    personServed: servedByPerson(s), ratingInvitedAt: s.ratingInvitedAt ?? null, rating: s.rating ?? null,
  };
}

/** Appends a message (or returns the one already stored under its clientId) and fans it out. */
export async function postMessage(room: ConversationRoom, input: PostInput): Promise<{ message: ChatMessage; duplicate: boolean }> {
  const now = Date.now();
  const before = room.store.session();
  let session = before;
  const events: SessionEvent[] = [];
  if (input.sender.role === "customer" && !isOpen(session)) {
    session = openSession(randomId("ss"), input.channel, input.entry, now, input.body.text ? topicOf(input.body.text) : null);
    events.push("opened");
  }
  const wasUnassigned = isOpen(session) && session.agentId === null;
  if (isOpen(session) && input.visibility !== "staff") {
    const recorded = recordMessage(session, input.sender.role, input.sender.id, now, input.sender.name, !input.platformStaff);
    session = recorded.session;
    events.push(...recorded.events);
  }
  // The insert is the idempotency check (a resend stores nothing and changes no session); it and
  // the writes below run without an await between them, so they commit together and no other
  // event can take the same seq.
  const { customer, platformStaff: _platform, origin, ...fields } = input;
  const message = room.store.appendUnlessStored({ ...fields, sessionId: isOpen(session) ? session.id : null, createdAt: now });
  if (!message) {
    const existing = room.store.findByClientId(input.sender.id, input.clientId)!;
    if (origin) sendAck(origin, existing, true);
    return { message: existing, duplicate: true };
  }
  // A transition is written; counters and times alone stay in memory (RoomStore.noteActivity).
  if (session !== before && session) {
    if (events.length) room.store.saveSession(session);
    else room.store.noteActivity(session);
  }
  if (events.includes("opened") && customer) room.store.setMeta("customer", JSON.stringify(customer));

  noteAnswerForEmail(room, message, now);
  const unread = room.store.unread();
  room.broadcastEvent({ type: "message.created", message, unread }, message.visibility === "staff" ? "agent" : undefined, origin);
  if (origin) sendAck(origin, message, false, unread);
  if (events.length && session) room.broadcastEvent({ type: "session.changed", session: sessionInfo(session) });
  // The D1 write of a transition leaves with the frames (both wait for the storage commit).
  const transition = events.length ? writeTransition(room, events, now) : null;
  const opened = events.includes("opened");
  // A session the bot no longer holds (queued for or with a person) never returns to it, so its
  // messages need no turn, nor the turn's timer: the bot's chain is for the bot's sessions.
  if (input.sender.role === "customer" && isOpen(session) && (opened || session.status === "bot")) {
    // Bot turns run one at a time, in message order, chained before anything is awaited: a turn
    // awaits search and D1, and a second message arriving meanwhile must see the first turn's
    // outcome (e.g. a hand-off). Each turn first lets the message's frames leave (see
    // `letFramesLeave`). A failed turn must not fail the message: it is stored and delivered, and
    // any agent can still take it.
    room.botChain = room.botChain
      .then(letFramesLeave)
      .then(() => transition)
      .then(() => (opened ? startSession(room, message, now) : botTurn(room, message, now)))
      .catch((err: Error) => console.error("bot turn or hand-off failed", room.ref.threadId, err.message));
    await room.botChain;
  } else if (transition) await transition;
  // A staff member answered a waiting session directly: tell the queue it is theirs.
  if (wasUnassigned && events.includes("assigned") && session) {
    room.store.setMeta("last_agent_id", input.sender.id);
    const claims = room.customerClaims();
    await (await getServerByName(room.bindings.AgentQueue, room.ref.shopId))
      .claim(session.id, input.sender.id, {
        sessionId: session.id, threadId: room.ref.threadId, customerId: room.ref.customerId, customerName: claims?.name ?? room.ref.customerId,
        level: claims?.level ?? "normal", groupKey: session.groupId ?? "presales", priority: 0, seniorOnly: false, previousAgentId: null, preview: "",
      })
      .catch((err: Error) => console.error("queue claim failed", room.ref.threadId, err.message));
  }
  await room.scheduleAlarm();
  return { message, duplicate: false };
}

/** Tells the sending socket its message is stored: the stored message itself, so no `message.created` follows. */
export function sendAck(origin: Connection, message: ChatMessage, duplicate: boolean, unread?: Unread): void {
  sendEvent(origin, { type: "message.acked", clientId: message.clientId, seq: message.seq, duplicate, message, ...(unread ? { unread } : {}) });
}

/**
 * Waits until the frames just sent are on their way before the bot's turn takes the thread. The
 * output gate holds them until the storage commit, and the commit waits for whatever JS follows
 * without an I/O wait in between: a turn run at once delayed every delivery (+1 ms at the median).
 * A 0 ms timer was not enough either: it often fired before workerd had written the released
 * frames to the socket, so the turn (~0.3 ms of JS) still came first, and bot-served threads' p99
 * was 2.7 ms against 1.5 ms for agent-served ones (`npm run bench`). After 1 ms both are 1.4 ms.
 * The shopper waits 1 ms longer for the bot's answer.
 */
function letFramesLeave(): Promise<void> {
  // workerd's own timer: the global setTimeout (Node's, under nodejs_compat) builds a Timeout object per call.
  return scheduler.wait(1);
}

/**
 * Resolves the open session, posts a system notice, and records the transition. A session a
 * person served also invites the shopper to rate it (满意度评价), unless staff already did.
 */
export async function closeSession(room: ConversationRoom, session: SessionState, by: string, reason: "resolved" | "idle", now: number): Promise<SessionState> {
  let resolved = resolveSession(session, by, reason, now);
  const invite = invitesOnClose(resolved);
  if (invite) resolved = withInvitation(resolved, now);
  room.store.saveSession(resolved);
  postNotice(room, resolved, reason === "idle" ? "session.closed_idle" : "session.resolved", {}, now);
  if (invite) postRatingInvitation(room, resolved, now);
  room.broadcastEvent({ type: "session.changed", session: sessionInfo(resolved) });
  await writeTransition(room, ["resolved"], now);
  await (await getServerByName(room.bindings.AgentQueue, room.ref.shopId)).release(resolved.id).catch((err: Error) => console.error("queue release failed", err.message));
  await room.scheduleAlarm();
  return resolved;
}

/** Appends and broadcasts a system notice (a code the UI translates, with parameters). */
export function postNotice(room: ConversationRoom, s: SessionState, code: string, params: Record<string, string>, now: number, visibility: "all" | "staff" = "all"): ChatMessage {
  return postSystem(room, s, { notice: { code, ...(Object.keys(params).length ? { params } : {}) } }, now, visibility);
}

/** Appends and broadcasts a system message with any body (a notice with a rating card, say). */
export function postSystem(room: ConversationRoom, s: SessionState, body: MessageBody, now: number, visibility: "all" | "staff" = "all"): ChatMessage {
  const notice = room.store.append({
    clientId: randomId("sys"),
    sessionId: s.id,
    sender: { role: "system", id: "system", name: "system" },
    kind: "system",
    body,
    channel: s.channel,
    entry: null,
    visibility,
    createdAt: now,
  });
  room.broadcastEvent({ type: "message.created", message: notice }, visibility === "staff" ? "agent" : undefined);
  return notice;
}

/** Tells both sides the unread counts (after a read; a posted message carries them itself). */
export function broadcastUnread(room: ConversationRoom): void {
  room.broadcastEvent({ type: "unread.changed", unread: room.store.unread() });
}

/**
 * D1 writes are chained so they land in order, and each writes the session as it is when its
 * turn comes, never an older snapshot.
 */
export function writeTransition(room: ConversationRoom, events: SessionEvent[], now: number): Promise<unknown> {
  room.syncChain = room.syncChain.then(() => {
    const current = room.store.session();
    return current ? syncSession(room.bindings, room.store, room.ref, current, events, now, room.customerClaims()) : undefined;
  });
  return room.syncChain;
}
