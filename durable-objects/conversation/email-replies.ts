/**
 * The e-mail door, the room's half: a thread a shopper wrote to by mail answers by mail. Answers
 * (the agent's and the bot's) are not mailed one by one: the room's alarm sends, a short while
 * after the first unsent one (`EMAIL_REPLY_DELAY_SECONDS`, 60 by default), one mail with every
 * answer the shopper has not read by then, in the app or on the web, threaded under their last
 * mail (`In-Reply-To`, `References`). A failed send is retried with backoff and, after the last
 * try, reported to the thread's staff in a note; a sent mail is noted there too.
 */
import * as v from "valibot";
import { composeReplyMail, replySubject } from "../../core/domain/email";
import type { Attachment, ChatMessage } from "../../core/protocol";
import { database } from "../../worker/db/client";
import { findShop } from "../../worker/db/repos/shops";
import { shopMailbox } from "../../worker/services/email/mailbox";
import type { ConversationRoom } from "./room";
import type { CustomerClaims } from "./session-sync";
import { postNotice } from "./post";

/** Where the thread's mail goes: kept from the shopper's last mail. */
const EmailThread = v.object({
  address: v.string(),
  subject: v.string(),
  /** Message-IDs of the shopper's mails, newest last (the last 10), for threading. */
  messageIds: v.array(v.string()),
  locale: v.picklist(["zh-CN", "en-US"]),
});
export type EmailThread = v.InferOutput<typeof EmailThread>;

const THREAD = "email_thread";
/** Answers up to this seq were mailed, or were in the thread before it had mail. */
const MAILED_THROUGH = "email_mailed_through_seq";
const DUE = "email_due_at";
const ATTEMPTS = "email_attempts";
/** Waits before retrying a failed send; after the last, staff are told. */
const RETRY_MS = [60_000, 5 * 60_000, 30 * 60_000] as const;

export interface InboundEmail {
  /** Derived from the mail's Message-ID: the same mail delivered twice posts once. */
  clientId: string;
  messageId: string | null;
  address: string;
  subject: string;
  text: string;
  images: Attachment[];
  customer: CustomerClaims;
}

export function emailThreadOf(room: ConversationRoom): EmailThread | null {
  const raw = room.store.getMeta(THREAD);
  if (raw === null) return null;
  const parsed = v.safeParse(EmailThread, JSON.parse(raw));
  return parsed.success ? parsed.output : null;
}

function replyDelayMs(room: ConversationRoom): number {
  const sec = Number(room.bindings.EMAIL_REPLY_DELAY_SECONDS ?? "60");
  return Number.isFinite(sec) && sec >= 0 ? sec * 1000 : 60_000;
}

/** Posts a shopper's mail into the thread (its text, then its images) and remembers where answers go. */
export async function receiveEmail(room: ConversationRoom, mail: InboundEmail): Promise<number[]> {
  const before = emailThreadOf(room);
  // The thread's history before its first mail stays out of the shopper's inbox.
  if (before === null) room.store.setMeta(MAILED_THROUGH, String(room.store.lastSeq()));
  const known = before?.messageIds ?? [];
  const messageIds = mail.messageId && !known.includes(mail.messageId) ? [...known, mail.messageId].slice(-10) : known;
  const thread: EmailThread = { address: mail.address, subject: mail.subject || before?.subject || "", messageIds, locale: mail.customer.locale === "en-US" ? "en-US" : "zh-CN" };
  room.store.setMeta(THREAD, JSON.stringify(thread));
  const sender = { role: "customer" as const, id: mail.customer.id, name: mail.customer.name };
  const seqs: number[] = [];
  if (mail.text) {
    const { message } = await room.post({ clientId: mail.clientId, sender, kind: "text", body: { text: mail.text }, channel: "email", entry: null, customer: mail.customer });
    seqs.push(message.seq);
  }
  for (const [i, image] of mail.images.entries()) {
    const { message } = await room.post({ clientId: `${mail.clientId}-i${i}`, sender, kind: "image", body: { attachment: image }, channel: "email", entry: null, customer: mail.customer });
    seqs.push(message.seq);
  }
  return seqs;
}

/** An answer was posted: arms the mail, unless one is already armed. */
export function noteAnswerForEmail(room: ConversationRoom, message: ChatMessage, now: number): void {
  if (message.visibility === "staff" || message.sender.role === "customer") return;
  if (room.store.getMeta(THREAD) === null || room.store.getMeta(DUE) !== null) return;
  room.store.setMeta(DUE, String(now + replyDelayMs(room)));
}

/** When the next mail is due, or null. */
export function emailDueAt(room: ConversationRoom): number | null {
  const at = room.store.getMeta(DUE);
  return at === null ? null : Number(at);
}

/**
 * Sends the due mail, one at a time: a call while a mail is out waits for it (alarms never
 * overlap, but a test's alarm run can meet the one workerd started).
 */
export function flushEmailReplies(room: ConversationRoom, now: number): Promise<void> {
  const out: Promise<void> = (room.mailOut ?? Promise.resolve()).then(() => sendDueMail(room, now)).finally(() => {
    if (room.mailOut === out) room.mailOut = undefined;
  });
  room.mailOut = out;
  return out;
}

/** The answers after both the last mailed one and what the shopper has read, in one mail. */
async function sendDueMail(room: ConversationRoom, now: number): Promise<void> {
  const due = emailDueAt(room);
  if (due === null || due > now) return;
  const store = room.store;
  // Claimed before anything is awaited: an answer posted while this mail is out arms the next.
  store.deleteMeta(DUE);
  const thread = emailThreadOf(room);
  const after = Math.max(Number(store.getMeta(MAILED_THROUGH) ?? 0), store.readSeq("customer"));
  const through = store.lastSeq();
  const answers = store.messagesAfter(after, 200, "customer").filter((m) => m.seq <= through);
  const mailbox = shopMailbox(room.bindings, room.ref.shopId);
  const shop = await findShop(database(room.bindings.DB), room.ref.shopId).catch(() => undefined);
  const shopName = (thread?.locale === "en-US" ? shop?.nameEn : shop?.name) ?? room.ref.shopId;
  const mail = thread ? composeReplyMail(answers, thread.locale, shopName) : null;
  if (!mail || !thread || !mailbox || !room.bindings.EMAIL) {
    store.setMeta(MAILED_THROUGH, String(through));
    return;
  }
  const last = thread.messageIds[thread.messageIds.length - 1];
  try {
    await room.bindings.EMAIL.send({
      from: { email: mailbox, name: shopName },
      to: thread.address,
      subject: replySubject(thread.subject, thread.locale === "en-US" ? `Your message to ${shopName}` : `${shopName} 客服回复`),
      text: mail.text,
      html: mail.html,
      // Auto-Submitted keeps the shopper's out-of-office answers from writing back (RFC 3834).
      headers: { ...(last ? { "In-Reply-To": last, References: thread.messageIds.join(" ") } : {}), "Auto-Submitted": "auto-replied" },
    });
  } catch (err) {
    const attempts = Number(store.getMeta(ATTEMPTS) ?? 0) + 1;
    console.error("reply mail failed", room.ref.threadId, attempts, (err as Error).message);
    if (attempts <= RETRY_MS.length) {
      store.setMeta(ATTEMPTS, String(attempts));
      const retryAt = now + RETRY_MS[attempts - 1]!;
      store.setMeta(DUE, String(Math.min(retryAt, emailDueAt(room) ?? retryAt)));
      return;
    }
    noteToStaff(room, "email.failed", { to: thread.address, error: (err as Error).message.slice(0, 200) }, now);
    store.deleteMeta(ATTEMPTS);
    return;
  }
  store.setMeta(MAILED_THROUGH, String(through));
  store.deleteMeta(ATTEMPTS);
  noteToStaff(room, "email.sent", { to: thread.address, count: String(mail.count) }, now);
}

/** A note for the thread's staff only (the shopper never sees it), in the current session if any. */
function noteToStaff(room: ConversationRoom, code: string, params: Record<string, string>, now: number): void {
  const session = room.store.session();
  if (!session) return;
  postNotice(room, session, code, params, now, "staff");
}
