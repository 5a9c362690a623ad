/**
 * Chat messages as stored by a ConversationRoom and delivered to clients.
 */
import * as v from "valibot";
import { Channel, Entry } from "./common";
import { LIMITS } from "./limits";

export const SENDER_ROLES = ["customer", "agent", "bot", "system"] as const;
export const SenderRole = v.picklist(SENDER_ROLES);
export type SenderRole = v.InferOutput<typeof SenderRole>;

export const MESSAGE_KINDS = ["text", "image", "voice", "order_card", "product_card", "system", "note"] as const;
export const MessageKind = v.picklist(MESSAGE_KINDS);
export type MessageKind = v.InferOutput<typeof MessageKind>;

/** Idempotency key chosen by the sender: a resend with the same key returns the first `seq`. */
export const ClientId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8-64 letters, digits, '_' or '-'"));

export const MessageText = v.pipe(
  v.string("must be a string"),
  v.trim(),
  v.minLength(1, "must not be empty"),
  v.maxLength(LIMITS.textMaxChars, `must be at most ${LIMITS.textMaxChars} characters`),
);

/** An R2 object key the upload route returned: `threads/<shop>/<customer>/<name>`. */
export const FileKey = v.pipe(v.string(), v.regex(/^threads\/[a-z0-9-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_.-]{1,80}$/, "must be a key returned by the upload route"));

/** A snapshot of an order, embedded so the card renders the same forever. */
export const OrderCard = v.object({
  orderId: v.string(),
  title: v.string(),
  status: v.string(),
  totalCents: v.number(),
  createdAt: v.string(),
  image: v.optional(v.string()),
});
export type OrderCard = v.InferOutput<typeof OrderCard>;

/** A snapshot of a product. */
export const ProductCard = v.object({
  productId: v.string(),
  title: v.string(),
  priceCents: v.number(),
  category: v.string(),
  image: v.optional(v.string()),
});
export type ProductCard = v.InferOutput<typeof ProductCard>;

export const Attachment = v.object({
  key: FileKey,
  mime: v.string(),
  size: v.number(),
  durationSec: v.optional(v.number()),
});
export type Attachment = v.InferOutput<typeof Attachment>;

/** A logistics step shown under an order answer. */
export const TrackingStep = v.object({
  carrier: v.string(),
  trackingNo: v.string(),
  status: v.string(),
  description: v.string(),
  location: v.nullable(v.string()),
  at: v.number(),
});
export type TrackingStep = v.InferOutput<typeof TrackingStep>;

/** A bot answer taken from a knowledge article (HTML rendered and sanitised on the server). */
export const ArticleAnswer = v.object({ id: v.string(), question: v.string(), html: v.string() });

/**
 * The session a satisfaction rating is about. An invitation (`rating.invited`) carries when it
 * lapses; the rating given (`rating.rated`) carries the score and the shopper's comment.
 */
export const RatingBody = v.object({
  sessionId: v.string(),
  expiresAt: v.optional(v.number()),
  score: v.optional(v.number()),
  comment: v.optional(v.string()),
});
export type RatingBody = v.InferOutput<typeof RatingBody>;

/** What a stored message carries, by kind. */
export const MessageBody = v.object({
  text: v.optional(v.string()),
  article: v.optional(ArticleAnswer),
  /** Buttons the shopper can tap to send that text (您是不是想问 / greeting topics). */
  quickReplies: v.optional(v.array(v.object({ label: v.string(), text: v.string() }))),
  /** Orders to choose from when the question could mean several. */
  orderChoices: v.optional(v.array(OrderCard)),
  /** The logistics track of the order an answer is about, newest first. */
  tracking: v.optional(v.array(TrackingStep)),
  attachment: v.optional(Attachment),
  order: v.optional(OrderCard),
  product: v.optional(ProductCard),
  /** For system notices: a code the UI translates, with parameters. */
  notice: v.optional(v.object({ code: v.string(), params: v.optional(v.record(v.string(), v.string())) })),
  /** A satisfaction rating (满意度评价), with notice `rating.invited` or `rating.rated`. */
  rating: v.optional(RatingBody),
});
export type MessageBody = v.InferOutput<typeof MessageBody>;

export const Sender = v.object({
  role: SenderRole,
  id: v.string(),
  name: v.string(),
});
export type Sender = v.InferOutput<typeof Sender>;

/** A message as every participant receives it. */
export const ChatMessage = v.object({
  seq: v.number(),
  clientId: v.string(),
  threadId: v.string(),
  sessionId: v.nullable(v.string()),
  sender: Sender,
  kind: MessageKind,
  body: MessageBody,
  channel: Channel,
  entry: v.nullable(Entry),
  /** `staff`: an internal note, never shown to the shopper. */
  visibility: v.optional(v.picklist(["all", "staff"]), "all"),
  createdAt: v.number(),
});
export type ChatMessage = v.InferOutput<typeof ChatMessage>;
