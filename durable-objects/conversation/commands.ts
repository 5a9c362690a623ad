/**
 * Socket commands. Each frame is parsed with the protocol schemas; a bad frame gets an error
 * frame naming the problem, stores nothing, and the socket stays up.
 */
import { getServerByName, type Connection } from "partyserver";
import { LIMITS, parseClientCommand, sentClientId, type MessageSend, type ServerEvent } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import { isOpen } from "../../core/domain/session";
import type { ConnectionState } from "./connection-state";
import { buildMessageBody } from "./message-body";
import { broadcastUnread, closeSession, postMessage, postNotice, sendAck, sessionInfo } from "./post";
import { PLATFORM_SHOP_ID } from "../../core/protocol";
import { database } from "../../worker/db/client";
import { leaveMessages } from "../../worker/db/schema";
import { randomId } from "../../worker/lib/crypto";
import { emailThreadOf } from "./email-replies";
import { handOffFromBot } from "./bot";
import { botSay } from "./bot-replies";
import { knowledgePort } from "./knowledge-port";
import { RateLimiter } from "./rate-limit";
import type { ConversationRoom } from "./room";
import { errorFrame, sendEvent } from "./audience";
import { checkCredential } from "./credential-check";
import { inviteRating, rateSession } from "./rating";

const limiter = new RateLimiter(LIMITS.messageBurst, LIMITS.messagesPerSecond);
/**
 * Shoppers' messages per client address, over every room of this isolate. Locally that is every
 * room; in production each isolate counts alone (docs/security.md): a per-message call to a shared
 * counter would sit in front of every delivery.
 */
const perAddress = new RateLimiter(LIMITS.addressMessageBurst, LIMITS.addressMessagesPerSecond);

/** The first frame a joining connection receives. */
export function roomJoined(room: ConversationRoom, state: ConnectionState): ServerEvent {
  const s = room.store;
  const session = s.session();
  const email = state.role === "agent" ? emailThreadOf(room) : null;
  return {
    type: "room.joined",
    threadId: room.name,
    role: state.role,
    lastSeq: s.lastSeq(),
    readSeq: { customer: s.readSeq("customer"), agent: s.readSeq("agent") },
    unread: s.unread(),
    session: session ? sessionInfo(session) : null,
    ...(email ? { email: { address: email.address, subject: email.subject } } : {}),
  };
}

/** Sends the messages after `afterSeq`, one batch; `more` asks the client to sync again. */
export function sendSync(room: ConversationRoom, conn: Connection<ConnectionState>, afterSeq: number): void {
  const audience = conn.state?.role ?? "customer";
  const messages = room.store.messagesAfter(afterSeq, LIMITS.syncBatchMax, audience);
  const lastSeq = room.store.lastSeq();
  // `more` when the batch was full: the client asks again from the last seq it got.
  sendEvent(conn, { type: "messages.synced", messages, lastSeq, more: messages.length === LIMITS.syncBatchMax });
}

export async function handleCommand(room: ConversationRoom, conn: Connection<ConnectionState>, raw: string): Promise<void> {
  const state = conn.state;
  if (!state) return;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    sendEvent(conn, errorFrame(new DomainError("invalid_input", "frame is not valid JSON")));
    return;
  }
  const cmd = parseClientCommand(json);
  if (!cmd.ok) {
    sendEvent(conn, errorFrame(new DomainError("invalid_input", cmd.message, cmd.issues), sentClientId(json)));
    return;
  }
  const clientId = cmd.value.type === "message.send" ? cmd.value.clientId : undefined;
  try {
    const allowed = checkCredential(room, conn, state, cmd.value.type, Date.now());
    if (allowed !== true && !(await allowed)) return;
    switch (cmd.value.type) {
      case "message.send":
        return await send(room, conn, state, cmd.value);
      case "typing.set":
        room.broadcastEvent({ type: "typing.changed", side: state.role, name: state.name, typing: cmd.value.typing }, state.role === "customer" ? "agent" : "customer");
        return;
      case "read.mark":
        return markRead(room, state, cmd.value.seq);
      case "history.sync":
        return sendSync(room, conn, cmd.value.afterSeq);
      case "session.resolve":
        return await resolve(room, state);
      case "ping":
        sendEvent(conn, { type: "pong", at: Date.now() });
        return;
      case "platform.intervene":
        return intervene(room, state);
      case "leave_message.submit":
        return await leaveMessage(room, conn, state, cmd.value.text, cmd.value.contact);
      case "bot.feedback":
        return await botFeedback(room, conn, state, cmd.value.seq, cmd.value.helpful);
      case "human.request":
        return await humanRequest(room, state);
      case "session.invite_rating":
        return await inviteRating(room, state, cmd.value.sessionId);
      case "session.rate":
        return await rateSession(room, conn, state, cmd.value);
    }
  } catch (err) {
    sendEvent(conn, errorFrame(err, clientId));
  }
}

async function send(room: ConversationRoom, conn: Connection<ConnectionState>, state: ConnectionState, command: MessageSend): Promise<void> {
  const now = Date.now();
  if (!limiter.take(conn.id, now)) throw new DomainError("rate_limited", `at most ${LIMITS.messagesPerSecond} messages a second`);
  if (state.ip && !perAddress.take(state.ip, now)) throw new DomainError("rate_limited", `at most ${LIMITS.addressMessagesPerSecond} messages a second from one address`);
  if (command.kind === "note" && state.role !== "agent") throw new DomainError("forbidden", "only staff can write internal notes");
  if (state.role === "agent" && command.kind !== "note") intervene(room, state);
  // A resent attachment or card is recognised before its body is built (R2 and D1 reads); a resent
  // text needs no early look, `postMessage` finds it anyway.
  const existing = command.kind === "text" || command.kind === "note" ? null : room.store.findByClientId(state.id, command.clientId);
  if (existing) {
    sendAck(conn, existing, true);
    return;
  }
  const body = await buildMessageBody(room.bindings, room.ref, command);
  // postMessage acks to `conn` as it stores the message (before the bot's turn).
  await postMessage(room, {
    clientId: command.clientId,
    sender: { role: state.role, id: state.id, name: state.name },
    kind: command.kind,
    body,
    channel: state.channel,
    entry: state.entry,
    visibility: command.kind === "note" ? "staff" : "all",
    platformStaff: state.role === "agent" && state.shopId === PLATFORM_SHOP_ID && room.ref.shopId !== PLATFORM_SHOP_ID,
    ...(state.role === "customer" ? { customer: { id: state.id, name: state.name, level: state.level ?? "normal", locale: state.locale ?? "zh-CN" } } : {}),
    origin: conn,
  });
}

function markRead(room: ConversationRoom, state: ConnectionState, seq: number): void {
  const side = state.role;
  const target = Math.min(seq, room.store.lastSeq());
  if (target <= room.store.readSeq(side)) return;
  room.store.setReadSeq(side, target);
  room.broadcastEvent({ type: "read.updated", side, seq: target });
  broadcastUnread(room);
}

async function resolve(room: ConversationRoom, state: ConnectionState): Promise<void> {
  if (state.role !== "agent") throw new DomainError("forbidden", "only staff can resolve a session");
  const session = room.store.session();
  if (!isOpen(session)) throw new DomainError("conflict", "no open session to resolve");
  await closeSession(room, session, state.id, "resolved", Date.now());
}

/**
 * Platform staff stepping into a shop's thread (平台介入) is announced to every side, once per
 * session. Shop staff and the platform's own threads need no announcement.
 */
function intervene(room: ConversationRoom, state: ConnectionState): void {
  if (state.role !== "agent" || state.shopId !== PLATFORM_SHOP_ID || room.ref.shopId === PLATFORM_SHOP_ID) return;
  const session = room.store.session();
  if (!isOpen(session)) return;
  const key = `intervened:${session.id}`;
  if (room.store.getMeta(key)) return;
  room.store.setMeta(key, state.id);
  postNotice(room, session, "platform.intervened", { name: state.name }, Date.now());
}

/** Stores a shopper's message for the shop when nobody could take the chat. */
async function leaveMessage(room: ConversationRoom, conn: Connection<ConnectionState>, state: ConnectionState, text: string, contact?: string): Promise<void> {
  if (state.role !== "customer") throw new DomainError("forbidden", "only the shopper leaves a message");
  const session = room.store.session();
  const id = randomId("lm");
  await database(room.bindings.DB).insert(leaveMessages).values({
    id, shopId: room.ref.shopId, customerId: room.ref.customerId, threadId: room.ref.threadId, sessionId: session?.id ?? null, text, contact: contact ?? null, createdAt: Date.now(),
  });
  sendEvent(conn, { type: "leave_message.saved", id });
  if (session) postNotice(room, session, "leave_message.saved", {}, Date.now());
  const queue = await getServerByName(room.bindings.AgentQueue, room.ref.shopId);
  await queue.leaveMessageLeft({ id, threadId: room.ref.threadId, customerName: state.name, text }).catch((err: Error) => console.error("leave-message notice failed", err.message));
}

/** The shopper rates a bot answer: counters move ranking; "not helpful" feeds the learning loop. */
async function botFeedback(room: ConversationRoom, conn: Connection<ConnectionState>, state: ConnectionState, seq: number, helpful: boolean): Promise<void> {
  if (state.role !== "customer") throw new DomainError("forbidden", "only the shopper rates answers");
  const message = room.store.messageAt(seq);
  const article = message?.sender.role === "bot" ? message.body.article : undefined;
  if (!message || !article) throw new DomainError("invalid_input", "seq: not a bot answer in this thread");
  const key = `feedback:${seq}`;
  if (room.store.getMeta(key)) throw new DomainError("conflict", "this answer was already rated");
  room.store.setMeta(key, helpful ? "1" : "0");
  const knowledge = knowledgePort(room.bindings);
  await knowledge.feedback(room.ref.shopId, article.id, helpful);
  const session = room.store.session();
  if (!helpful) {
    const question = [...room.store.messagesBefore(seq, 5, "customer")].reverse().find((m) => m.sender.role === "customer")?.body.text ?? article.question;
    await knowledge.unanswered(room.ref.shopId, question, "not_helpful", room.ref.threadId, Date.now());
  }
  sendEvent(conn, { type: "bot.feedback_saved", seq, helpful });
  if (!helpful && isOpen(session) && session.status === "bot") await botSay(room, session, { notice: { code: "bot.sorry" }, quickReplies: [{ label: "转人工", text: "转人工" }] });
}

/** The shopper tapped "talk to a person". */
async function humanRequest(room: ConversationRoom, state: ConnectionState): Promise<void> {
  if (state.role !== "customer") throw new DomainError("forbidden", "only the shopper asks for a person");
  const session = room.store.session();
  if (!isOpen(session) || session.status !== "bot") return;
  await handOffFromBot(room, session, "", "asked", Date.now());
}
