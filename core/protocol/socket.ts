/**
 * The ConversationRoom's WebSocket protocol. Commands are imperative (`message.send`), events are
 * past tense (`message.created`). Every frame in either direction is validated with these schemas.
 */
import * as v from "valibot";
import { ErrorBody } from "./common";
import { parseInput, type Parsed } from "./validate";
import { ChatMessage, ClientId, FileKey, MessageText } from "./message";
import { LIMITS } from "./limits";

const SendText = v.object({ type: v.literal("message.send"), clientId: ClientId, kind: v.literal("text"), text: MessageText });
const SendImage = v.object({ type: v.literal("message.send"), clientId: ClientId, kind: v.literal("image"), key: FileKey });
const SendVoice = v.object({
  type: v.literal("message.send"),
  clientId: ClientId,
  kind: v.literal("voice"),
  key: FileKey,
  durationSec: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(300))),
});
const SendOrderCard = v.object({ type: v.literal("message.send"), clientId: ClientId, kind: v.literal("order_card"), orderId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });
const SendNote = v.object({ type: v.literal("message.send"), clientId: ClientId, kind: v.literal("note"), text: MessageText });
const SendProductCard = v.object({ type: v.literal("message.send"), clientId: ClientId, kind: v.literal("product_card"), productId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

/** `message.send`: one schema per kind, so an error names the field that is wrong for that kind. */
export const MessageSend = v.variant("kind", [SendText, SendImage, SendVoice, SendOrderCard, SendProductCard, SendNote], "kind must be one of text, image, voice, order_card, product_card, note");
export type MessageSend = v.InferOutput<typeof MessageSend>;

export const TypingSet = v.object({ type: v.literal("typing.set"), typing: v.boolean() });
export const ReadMark = v.object({ type: v.literal("read.mark"), seq: v.pipe(v.number(), v.integer(), v.minValue(0)) });
export const HistorySync = v.object({ type: v.literal("history.sync"), afterSeq: v.pipe(v.number(), v.integer(), v.minValue(0)) });
export const SessionResolve = v.object({ type: v.literal("session.resolve") });
export const Ping = v.object({ type: v.literal("ping") });
/** Platform staff announce they are stepping into a shop's thread (平台介入). */
export const PlatformIntervene = v.object({ type: v.literal("platform.intervene") });
/** The shopper rates a bot answer (message `seq`) as helpful or not. */
export const BotFeedback = v.object({ type: v.literal("bot.feedback"), seq: v.pipe(v.number(), v.integer(), v.minValue(1)), helpful: v.boolean() });
/** The shopper asks for a person from a button (same as typing 转人工). */
export const HumanRequest = v.object({ type: v.literal("human.request") });
/** A shopper leaves a message when nobody can take the chat (留言). */
export const LeaveMessageSubmit = v.object({
  type: v.literal("leave_message.submit"),
  text: MessageText,
  contact: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64, "must be at most 64 characters"))),
});

/** A session of this thread, by its id (`ss_…`). */
const SessionRef = v.pipe(v.string("must be a string"), v.minLength(1, "must not be empty"), v.maxLength(64, "must be at most 64 characters"));
/** A satisfaction score: 1 (非常不满意) to 5 (非常满意), whole stars only. */
export const RatingScore = v.pipe(v.number("must be a number from 1 to 5"), v.integer("must be a whole number from 1 to 5"), v.minValue(1, "must be from 1 to 5"), v.maxValue(5, "must be from 1 to 5"));
/** Staff invite the shopper to rate the thread's latest session (满意度评价), once per session. */
export const SessionInviteRating = v.object({ type: v.literal("session.invite_rating"), sessionId: SessionRef });
/** The shopper rates the session they were invited to rate: once, within 24 hours of the invitation. */
export const SessionRate = v.object({
  type: v.literal("session.rate"),
  sessionId: SessionRef,
  score: RatingScore,
  comment: v.optional(v.pipe(v.string("must be a string"), v.trim(), v.maxLength(LIMITS.ratingCommentMaxChars, `must be at most ${LIMITS.ratingCommentMaxChars} characters`))),
});

/** Every frame a client may send to a room, by its `type`. */
const COMMANDS = {
  "message.send": MessageSend,
  "typing.set": TypingSet,
  "read.mark": ReadMark,
  "history.sync": HistorySync,
  "session.resolve": SessionResolve,
  ping: Ping,
  "platform.intervene": PlatformIntervene,
  "leave_message.submit": LeaveMessageSubmit,
  "bot.feedback": BotFeedback,
  "human.request": HumanRequest,
  "session.invite_rating": SessionInviteRating,
  "session.rate": SessionRate,
} as const;
type CommandType = keyof typeof COMMANDS;
export type ClientCommand = v.InferOutput<(typeof COMMANDS)[CommandType]>;

const COMMAND_TYPES = Object.keys(COMMANDS) as CommandType[];
/** What a frame with no known `type` is told. */
const KnownType = v.object({ type: v.picklist(COMMAND_TYPES, `type must be one of ${COMMAND_TYPES.join(", ")}`) }, `a frame must be an object with a type (one of ${COMMAND_TYPES.join(", ")})`);

/**
 * Validates a client frame once, with the schema its `type` names (a message with its kind's
 * fields). Checking a union first and the command again after is twice the work and garbage on
 * the room's busiest path.
 */
export function parseClientCommand(input: unknown): Parsed<ClientCommand> {
  const type = input !== null && typeof input === "object" ? (input as { type?: unknown }).type : undefined;
  if (typeof type === "string" && Object.hasOwn(COMMANDS, type)) return parseInput(COMMANDS[type as CommandType], input) as Parsed<ClientCommand>;
  return parseInput(KnownType, input) as Parsed<never>;
}

/** The clientId of a `message.send` frame, when well formed: its error answer names the message it refuses. */
export function sentClientId(input: unknown): string | undefined {
  const frame = input as { type?: unknown; clientId?: unknown } | null;
  return typeof frame === "object" && frame !== null && frame.type === "message.send" && v.is(ClientId, frame.clientId) ? frame.clientId : undefined;
}

export const Side = v.picklist(["customer", "agent"]);
export type Side = v.InferOutput<typeof Side>;

export const SessionInfo = v.object({
  id: v.string(),
  status: v.picklist(["bot", "queued", "assigned", "resolved"]),
  openedAt: v.number(),
  agentId: v.nullable(v.string()),
  agentName: v.optional(v.nullable(v.string())),
  groupKey: v.optional(v.nullable(v.string())),
  resolvedAt: v.nullable(v.number()),
  /** A person (not only the bot) served it: it may be rated (满意度评价). */
  personServed: v.optional(v.boolean()),
  /** When the shopper was invited to rate it, if they were. */
  ratingInvitedAt: v.optional(v.nullable(v.number())),
  /** The shopper's score (1-5), once rated. */
  rating: v.optional(v.nullable(v.number())),
});
export type SessionInfo = v.InferOutput<typeof SessionInfo>;

export const Unread = v.object({ customer: v.number(), agent: v.number() });
export type Unread = v.InferOutput<typeof Unread>;

/** Sent once to a connection when it joins: who it is and where the thread stands. */
export const RoomJoined = v.object({
  type: v.literal("room.joined"),
  threadId: v.string(),
  role: v.picklist(["customer", "agent"]),
  lastSeq: v.number(),
  readSeq: v.object({ customer: v.number(), agent: v.number() }),
  unread: Unread,
  session: v.nullable(SessionInfo),
  /** To staff, when the shopper wrote by e-mail: where answers are mailed, and the mail's subject. */
  email: v.optional(v.object({ address: v.string(), subject: v.string() })),
});
/** A new message; a posted one carries both sides' unread counts, which it changes (one frame, not two). */
export const MessageCreated = v.object({ type: v.literal("message.created"), message: ChatMessage, unread: v.optional(Unread) });
/**
 * To the sending connection instead of `message.created`: the stored message (the original one
 * for a duplicate) and, for a new one, both sides' unread counts. One frame, not two.
 */
export const MessageAcked = v.object({
  type: v.literal("message.acked"),
  clientId: v.string(),
  seq: v.number(),
  duplicate: v.boolean(),
  message: ChatMessage,
  unread: v.optional(Unread),
});
export const MessagesSynced = v.object({ type: v.literal("messages.synced"), messages: v.array(ChatMessage), lastSeq: v.number(), more: v.boolean() });
export const TypingChanged = v.object({ type: v.literal("typing.changed"), side: Side, name: v.string(), typing: v.boolean() });
export const ReadUpdated = v.object({ type: v.literal("read.updated"), side: Side, seq: v.number() });
export const UnreadChanged = v.object({ type: v.literal("unread.changed"), unread: Unread });
export const SessionChanged = v.object({ type: v.literal("session.changed"), session: SessionInfo });
export const Pong = v.object({ type: v.literal("pong"), at: v.number() });
/** To the waiting shopper: where they are in the queue, or that nobody is available. */
export const QueueUpdated = v.object({
  type: v.literal("queue.updated"),
  sessionId: v.string(),
  status: v.picklist(["queued", "unavailable", "overflowed"]),
  position: v.optional(v.number()),
  etaSec: v.optional(v.number()),
  /** Leave-a-message is offered (nobody online, or the wait is too long). */
  leaveMessage: v.boolean(),
});
export const LeaveMessageSaved = v.object({ type: v.literal("leave_message.saved"), id: v.string() });
export const FeedbackSaved = v.object({ type: v.literal("bot.feedback_saved"), seq: v.number(), helpful: v.boolean() });
/** To the rating connection: the room stored its `session.rate` (both sides also get the `rating.rated` notice). */
export const RatingSaved = v.object({ type: v.literal("session.rating_saved"), sessionId: v.string(), score: v.number(), comment: v.optional(v.string()) });
export const ErrorFrame = v.object({ type: v.literal("error"), ...ErrorBody.entries, clientId: v.optional(v.string()) });

/** Parts of the agent's context panel that mall data can change (docs/mall-integration.md §7). */
export const CONTEXT_PARTS = ["customer", "orders", "tracking", "cart", "browsing"] as const;
export const ContextPart = v.picklist(CONTEXT_PARTS);
export type ContextPart = v.InferOutput<typeof ContextPart>;
/**
 * To staff only: the mall changed data the panel shows (a webhook applied, not a duplicate or an
 * older event), so reload those parts. Carries no data: the panel reloads through the context API,
 * which applies the caller's tenancy scope.
 */
export const ContextChanged = v.object({ type: v.literal("context.changed"), parts: v.pipe(v.array(ContextPart), v.minLength(1)) });

/** Every frame a room may send. The web validates what it receives with this. */
export const ServerEvent = v.variant("type", [
  RoomJoined, MessageCreated, MessageAcked, MessagesSynced, TypingChanged, ReadUpdated, UnreadChanged, SessionChanged, Pong, ErrorFrame,
  QueueUpdated, LeaveMessageSaved, FeedbackSaved, RatingSaved, ContextChanged,
]);
export type ServerEvent = v.InferOutput<typeof ServerEvent>;
export type ErrorFrame = v.InferOutput<typeof ErrorFrame>;
