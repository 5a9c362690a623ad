/**
 * The mail a shopper who wrote by e-mail gets: the thread's answers they have not read, the
 * agent's and the bot's, in order, as plain text and as simple HTML. What a chat shows as buttons
 * (quick replies, orders to choose) becomes "reply with …", since a mail has no buttons; the
 * notices proactive service posts (parcels, price drops, the shop's campaigns) go along, within
 * the shopper's opt-out, caps and quiet hours; images
 * stay in the thread (their links need the shopper's login); internal notes never leave.
 */
import type { ChatMessage } from "../../protocol";
import { proactiveNoticeTemplate } from "../proactive/notice-text";

export type MailLocale = "zh-CN" | "en-US";

export interface ReplyMail {
  text: string;
  html: string;
  /** How many of the thread's messages it carries. */
  count: number;
}

const WORDS = {
  "zh-CN": {
    bot: "智能客服",
    agent: "客服",
    image: "[图片] 请在商城 App 或网页的客服对话中查看",
    voice: "[语音] 请在商城 App 或网页的客服对话中查看",
    choose: "回复以下任一项即可：",
    whichOrder: "您想咨询的是哪一笔订单？回复订单号即可：",
    order: "订单",
    track: "物流",
    footer: (shop: string) => `直接回复此邮件即可继续咨询。\n— ${shop} 客服`,
    notices: {
      "agent.assigned": "客服 {name} 已接入",
      "bot.not_understood": "抱歉，我没能理解您的问题。可以换个说法，或回复“转人工”。",
      "bot.sorry": "抱歉没能帮到您，需要的话回复“转人工”。",
      "bot.outside_hours": "现在是非营业时间，客服上班后会第一时间回复您。",
      "leave_message.saved": "已收到留言，客服会尽快回复。",
      "bot.suggest": "您是不是想问：",
    } as Record<string, string>,
  },
  "en-US": {
    bot: "Assistant",
    agent: "Agent",
    image: "[image] open the chat in the mall's app or website to view it",
    voice: "[voice message] open the chat in the mall's app or website to hear it",
    choose: "Reply with any of these:",
    whichOrder: "Which order is this about? Reply with its number:",
    order: "Order",
    track: "Shipping",
    footer: (shop: string) => `Reply to this e-mail to go on.\n— ${shop} customer service`,
    notices: {
      "agent.assigned": "{name} has joined the conversation",
      "bot.not_understood": "Sorry, I didn't understand. Try asking another way, or reply \"agent\".",
      "bot.sorry": "Sorry that didn't help. Reply \"agent\" to talk to a person.",
      "bot.outside_hours": "Our agents are away right now; they will reply as soon as they are back.",
      "leave_message.saved": "Message received; an agent will reply soon.",
      "bot.suggest": "Did you mean:",
    } as Record<string, string>,
  },
} as const;

/** Text of sanitised HTML (an article's answer): block ends become line breaks, tags go. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h[1-6]|\/div|\/tr)\b[^>]*>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "· ")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    .replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function fill(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => params?.[k] ?? "");
}

/** The lines one message says in a mail; none when it says nothing a mail can carry. */
function linesOf(m: ChatMessage, locale: MailLocale): string[] {
  const w = WORDS[locale];
  const b = m.body;
  const lines: string[] = [];
  const notice = b.notice ? (w.notices[b.notice.code] ?? proactiveNoticeTemplate(b.notice.code, locale)) : undefined;
  if (b.notice?.code === "bot.which_order") lines.push(w.whichOrder);
  else if (notice) lines.push(fill(notice, b.notice?.params));
  if (b.text) lines.push(b.text);
  if (b.article) lines.push(`【${b.article.question}】`, textOfHtml(b.article.html));
  if (b.order) lines.push(`${w.order} ${b.order.orderId} · ${b.order.title} · ${b.order.status}`);
  const step = b.tracking?.[0];
  if (step) lines.push(`${w.track}: ${step.description}${step.location ? ` (${step.location})` : ""} · ${step.carrier} ${step.trackingNo}`);
  for (const o of b.orderChoices ?? []) lines.push(`· ${o.orderId} ${o.title}`);
  if (b.quickReplies?.length && !b.orderChoices) {
    if (b.notice?.code !== "bot.suggest") lines.push(w.choose);
    for (const q of b.quickReplies) lines.push(`· ${q.text}`);
  }
  if (m.kind === "image") lines.push(w.image);
  if (m.kind === "voice") lines.push(w.voice);
  return lines;
}

/**
 * The mail for `messages` (the thread's unread answers, oldest first), or null when none of them
 * says anything a mail can carry (system notices, notes, the shopper's own words).
 */
export function composeReplyMail(messages: readonly ChatMessage[], locale: MailLocale, shopName: string): ReplyMail | null {
  const w = WORDS[locale];
  const parts: { who: string; lines: string[] }[] = [];
  let count = 0;
  for (const m of messages) {
    if (m.visibility === "staff" || m.kind === "note" || m.sender.role === "customer") continue;
    // A system notice goes only when a mail has words for it (who joined, the hours, the parcel's news).
    const lines = linesOf(m, locale);
    if (!lines.length) continue;
    count++;
    const who = m.sender.role === "bot" ? w.bot : m.sender.role === "agent" ? (m.sender.name || w.agent) : shopName;
    const last = parts[parts.length - 1];
    // One heading for a run of messages from the same person.
    if (last && last.who === who) last.lines.push(...lines);
    else parts.push({ who, lines });
  }
  if (!parts.length) return null;
  const footer = w.footer(shopName);
  const text = `${parts.map((p) => `${p.who}:\n${p.lines.join("\n")}`).join("\n\n")}\n\n${footer}\n`;
  const html =
    `<div style="font-family:sans-serif;font-size:14px;line-height:1.6">` +
    parts.map((p) => `<p><strong>${escapeHtml(p.who)}</strong><br>${p.lines.map((l) => escapeHtml(l).replace(/\n/g, "<br>")).join("<br>")}</p>`).join("") +
    `<p style="color:#888">${escapeHtml(footer).replace(/\n/g, "<br>")}</p></div>`;
  return { text, html, count };
}
