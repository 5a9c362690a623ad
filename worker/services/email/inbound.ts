/**
 * The e-mail door, the Worker's half: a mail to `<shopId>@EMAIL_DOMAIN` (Cloudflare Email Routing
 * delivers it to this Worker's `email` handler) becomes the shopper's message in their thread
 * with that shop, the same thread the app and the web open, when the mall gave us their address
 * and the mail is authenticated; otherwise a thread of the address's own. Images come along as
 * image messages; the bot answers as in chat; answers go back by mail (email-replies.ts).
 *
 * Refused at the SMTP level (the sender's server tells them): a mailbox we do not have, a mail
 * too large, more than 20 mails a minute from one sender. Dropped quietly: automatic mail (out-of-office, bounces, lists), so two robots
 * never write to each other.
 */
import PostalMime, { type Email } from "postal-mime";
import { getServerByName } from "partyserver";
import { clip, newTextOf, normalizeAddress, senderAuthenticated, shopOfServiceAddress, textOfHtml } from "../../../core/domain/email";
import { LIMITS, threadIdOf, type Attachment } from "../../../core/protocol";
import type { InboundEmail } from "../../../durable-objects/conversation/email-replies";
import type { CustomerClaims } from "../../../durable-objects/conversation/session-sync";
import { database } from "../../db/client";
import { findCustomerByEmail } from "../../db/repos/customers";
import { findShop } from "../../db/repos/shops";
import { sha256Hex } from "../../lib/crypto";
import { checkFile, putThreadFile } from "../uploads";

/** The largest mail taken in, attachments included. */
export const EMAIL_MAX_BYTES = 10 * 1024 * 1024;
/** Images taken from one mail; more are listed by name. */
const MAX_IMAGES = 4;
const MIN_IMAGE_BYTES = 2048;

export type MailOutcome =
  | { status: "posted"; threadId: string; seqs: number[]; linked: boolean }
  | { status: "rejected"; reason: string }
  | { status: "ignored"; reason: string };

/** The mail handler: refuses through the SMTP answer, logs what it drops. */
export async function handleIncomingMail(message: ForwardableEmailMessage, env: Env): Promise<MailOutcome> {
  const outcome = await takeMail(message, env);
  if (outcome.status === "rejected") message.setReject(outcome.reason);
  else if (outcome.status === "ignored") console.log("mail dropped", outcome.reason);
  return outcome;
}

function header(mail: Email, name: string): string[] {
  return mail.headers.filter((h) => h.key === name).map((h) => h.value);
}

/** Automatic mail (RFC 3834 Auto-Submitted, Precedence, bounces): answering it could loop. */
function automatic(mail: Email, from: string): string | null {
  const auto = header(mail, "auto-submitted")[0]?.trim().toLowerCase();
  if (auto && auto !== "no") return `auto-submitted: ${auto}`;
  const precedence = header(mail, "precedence")[0]?.trim().toLowerCase();
  if (precedence && ["bulk", "junk", "list", "auto_reply"].includes(precedence)) return `precedence: ${precedence}`;
  if (header(mail, "list-id").length || header(mail, "x-autoreply").length || header(mail, "x-autorespond").length) return "list or auto-reply";
  if (/^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/.test(from)) return `sender ${from}`;
  return null;
}

async function takeMail(message: ForwardableEmailMessage, env: Env): Promise<MailOutcome> {
  const domain = env.EMAIL_DOMAIN;
  if (!domain) return { status: "rejected", reason: "this domain receives no mail" };
  if (message.rawSize > EMAIL_MAX_BYTES) return { status: "rejected", reason: `message too large (at most ${EMAIL_MAX_BYTES / 1024 / 1024} MB)` };
  const shopId = shopOfServiceAddress(message.to, domain);
  const db = database(env.DB);
  if (!shopId || !(await findShop(db, shopId))) return { status: "rejected", reason: "no such mailbox" };
  // Per sender (the envelope's, before anything is parsed): a mail loop or a flood from one
  // address is turned away in the SMTP answer. Many senders are Email Routing's to limit.
  const sender = normalizeAddress(message.from) ?? message.from.toLowerCase();
  if (!(await env.MAIL_RATE_LIMITER.limit({ key: `mail:${sender}` })).success) return { status: "rejected", reason: `too many mails from ${sender}; try again in a minute` };

  const mail = await PostalMime.parse(message.raw, { attachmentEncoding: "arraybuffer" });
  const from = normalizeAddress(mail.from?.address ?? message.from);
  if (!from) return { status: "ignored", reason: "no sender address" };
  const auto = automatic(mail, from);
  if (auto) return { status: "ignored", reason: auto };

  const linked = senderAuthenticated(header(mail, "authentication-results"), from) ? await findCustomerByEmail(db, from) : undefined;
  const written = newTextOf(mail.text ?? textOfHtml(mail.html ?? ""));
  const customer: CustomerClaims = linked
    ? { id: linked.id, name: linked.name, level: linked.level, locale: linked.locale }
    : {
        id: `m_${(await sha256Hex(from)).slice(0, 24)}`,
        name: clip((mail.from?.name || from.split("@")[0]!).trim(), 64),
        level: "normal",
        locale: /[\u3400-\u9fff]/.test(`${mail.subject ?? ""}${written}`) ? "zh-CN" : "en-US",
      };
  const threadId = threadIdOf(shopId, customer.id);
  // The same mail delivered again posts nothing new and overwrites its own images.
  const clientId = `em_${(await sha256Hex(mail.messageId ?? `${from}|${mail.date ?? ""}|${mail.subject ?? ""}|${written}`)).slice(0, 40)}`;
  const { images, skipped } = await storeImages(env, mail, threadId, customer.id, clientId);
  const skippedLine = skipped.length ? `\n[${customer.locale === "en-US" ? "attachments not shown" : "未显示的附件"}: ${skipped.join(", ")}]` : "";
  const text = clip(`${written || (mail.subject ?? "").trim()}${skippedLine}`.trim(), LIMITS.textMaxChars);
  if (!text && !images.length) return { status: "ignored", reason: "empty mail" };

  const inbound: InboundEmail = {
    clientId,
    messageId: mail.messageId ?? null,
    address: from,
    subject: clip((mail.subject ?? "").trim(), 200),
    text,
    images,
    customer,
  };
  const room = await getServerByName(env.ConversationRoom, threadId);
  const seqs = await room.receiveEmail(inbound);
  return { status: "posted", threadId, seqs, linked: Boolean(linked) };
}

/**
 * The mail's images, checked as uploads are, into the thread's R2 prefix under keys of the mail's
 * own; the names of the other attachments. Images under 2 kB are spacers and tracking pixels.
 */
async function storeImages(env: Env, mail: Email, threadId: string, customerId: string, clientId: string): Promise<{ images: Attachment[]; skipped: string[] }> {
  const images: Attachment[] = [];
  const skipped: string[] = [];
  for (const a of mail.attachments) {
    const bytes: ArrayBuffer = a.content instanceof ArrayBuffer ? a.content : new TextEncoder().encode(String(a.content)).slice().buffer;
    if (a.mimeType.startsWith("image/") && bytes.byteLength < MIN_IMAGE_BYTES) continue;
    const check = images.length < MAX_IMAGES ? checkFile(a.mimeType, bytes) : null;
    if (!check?.ok || check.family !== "image") {
      skipped.push(clip(a.filename ?? a.mimeType, 80));
      continue;
    }
    const key = await putThreadFile(env, threadId, `${clientId}-i${images.length}`, check.mime, bytes, customerId);
    images.push({ key, mime: check.mime, size: bytes.byteLength });
  }
  return { images, skipped };
}

