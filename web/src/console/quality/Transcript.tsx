import type { ChatMessage } from "../../../../core/protocol";
import { formatTime, noticeText, t } from "../../common/i18n";

/** A message as one line of the reviewer's transcript: text as text (escaped), anything else named. */
function lineOf(m: ChatMessage): string {
  const b = m.body;
  if (m.kind === "system") return b.rating?.score !== undefined ? `${t("quality.rating")}: ${t("quality.stars", { n: b.rating.score })}${b.rating.comment ? ` · ${b.rating.comment}` : ""}` : noticeText(b.notice?.code, b.notice?.params);
  if (m.kind === "image") return t("quality.image");
  if (m.kind === "voice") return t("quality.voice");
  if (m.kind === "order_card") return t("quality.order", { id: b.order?.orderId ?? "" });
  if (m.kind === "product_card") return t("quality.product", { title: b.product?.title ?? "" });
  if (b.article) return [t("quality.article", { title: b.article.question }), b.text].filter(Boolean).join(" ");
  return b.text ?? "";
}

/** 会话记录: one consultation's messages as staff saw them, oldest first, read-only. */
export function Transcript({ messages, truncated }: { messages: readonly ChatMessage[]; truncated: boolean }) {
  if (messages.length === 0) return <p class="empty-hint" data-testid="quality-transcript-empty">{t("quality.transcriptEmpty")}</p>;
  return (
    <>
      <ol class="qa-transcript" data-testid="quality-transcript">
        {messages.map((m) => (
          <li key={m.seq} class={`qa-line qa-line-${m.kind === "system" ? "system" : m.sender.role}${m.kind === "note" ? " qa-line-note" : ""}`} data-testid="quality-line" data-role={m.sender.role}>
            {m.kind !== "system" && (
              <span class="qa-who">
                {m.sender.role === "bot" ? t("sender.bot") : m.sender.name}
                {m.kind === "note" && <span class="qa-note-mark">{t("quality.note")}</span>}
              </span>
            )}
            <span class="qa-text">{lineOf(m)}</span>
            <time class="qa-time" dateTime={new Date(m.createdAt).toISOString()}>
              {formatTime(m.createdAt)}
            </time>
          </li>
        ))}
      </ol>
      {truncated && <p class="muted">{t("quality.truncated")}</p>}
    </>
  );
}
