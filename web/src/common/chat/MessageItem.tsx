import type { ChatMessage, Entry } from "../../../../core/protocol";
import { sideOf } from "../../models/conversation-state";
import { channelName, entryName, formatTime, noticeText, t } from "../i18n";
import { useChat } from "./context";
import { MessageContent } from "./MessageContent";
import { RatingItem } from "./RatingCard";

/** "来自: App · 商品页 p-123": where a customer wrote from, for the agent. */
function Origin({ channel, entry }: { channel: ChatMessage["channel"]; entry: Entry | null }) {
  const where = entry ? ` · ${entryName(entry.type)}${entry.id ? ` ${entry.id}` : ""}` : "";
  return <span class="badge badge-origin" data-testid="message-origin">{`${t("conv.from")}: ${channelName(channel)}${where}`}</span>;
}

function senderLabel(m: ChatMessage): string {
  if (m.sender.role === "bot") return m.sender.name ? `${t("sender.bot")} · ${m.sender.name}` : t("sender.bot");
  return m.sender.name;
}

/** What kind of bot message this is, for tests and styles: `article`, `order`, `choices`, `suggest`. */
function botKind(m: ChatMessage): string | undefined {
  if (m.sender.role !== "bot") return undefined;
  const b = m.body;
  if (b.article) return "article";
  if (b.order) return "order";
  if (b.orderChoices?.length) return "choices";
  if (b.quickReplies?.length) return "suggest";
  return "text";
}

/** `continued`: the previous message has the same sender, so the name is not repeated. */
export function MessageItem({ message: m, continued }: { message: ChatMessage; continued: boolean }) {
  const { conversation, perspective, meId, MessageActions, onTicketNotice } = useChat();
  const time = <time dateTime={new Date(m.createdAt).toISOString()}>{formatTime(m.createdAt)}</time>;
  if (m.kind === "system" && m.body.rating) return <RatingItem message={m} />;
  if (m.kind === "system") {
    const staffOnly = m.visibility === "staff";
    return (
      <li class={`msg msg-system${staffOnly ? " msg-system-staff" : ""}`} data-testid="message" data-seq={m.seq} data-role="system" data-notice={m.body.notice?.code} data-visibility={m.visibility}>
        {staffOnly && <span class="staff-only-label">{t("msg.staffOnly")}</span>}
        <NoticeText notice={m.body.notice} open={onTicketNotice} />
        {time}
      </li>
    );
  }
  const outgoing = sideOf(m.sender.role) === perspective;
  const mine = m.sender.id === meId;
  const read = mine && conversation.peerReadSeq.value >= m.seq;
  const note = m.kind === "note";
  return (
    <li class={`msg ${outgoing ? "msg-out" : "msg-in"} msg-role-${m.sender.role}${note ? " msg-note" : ""}`} data-testid="message" data-seq={m.seq} data-role={m.sender.role} data-kind={m.kind} data-bot={botKind(m)}>
      {!mine && !continued && <div class="msg-sender">{senderLabel(m)}</div>}
      <div class="bubble">
        {note && (
          <div class="msg-note-label" data-testid="note-label">
            {t("msg.note")} · {t("msg.staffOnly")}
          </div>
        )}
        <MessageContent message={m} />
      </div>
      <div class="msg-meta">
        {time}
        {m.sender.role === "customer" && perspective === "agent" && <Origin channel={m.channel} entry={m.entry} />}
        {mine && !note && (
          <span class={`receipt${read ? " receipt-read" : ""}`} data-testid="read-receipt" data-read={String(read)}>
            {t(read ? "conv.read" : "conv.unread")}
          </span>
        )}
        {MessageActions && <MessageActions message={m} />}
      </div>
    </li>
  );
}

/** A notice's words; a ticket notice, where the screen can show the ticket, is a button that does. */
function NoticeText({ notice, open }: { notice: ChatMessage["body"]["notice"]; open?: (number: string) => void }) {
  const text = noticeText(notice?.code, notice?.params);
  const number = notice?.code?.startsWith("ticket.") ? notice.params?.number : undefined;
  if (!open || !number) return <span class="msg-notice">{text}</span>;
  return (
    <button type="button" class="msg-notice msg-notice-link" data-testid="ticket-notice-open" aria-label={`${text} · ${t("myTickets.openNotice", { number })}`} onClick={() => open(number)}>
      {text}
    </button>
  );
}
