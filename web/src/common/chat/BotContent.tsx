import { useLayoutEffect, useRef } from "preact/hooks";
import type { ChatMessage } from "../../../../core/protocol";
import { noticeText, t } from "../i18n";
import { AnswerFeedback } from "./AnswerFeedback";
import { OrderChoices, QuickReplies } from "./BotChoices";
import { OrderCardView } from "./Cards";
import { useChat } from "./context";
import { TrackTimeline } from "./Tracking";

/**
 * A knowledge answer. Its HTML was rendered from Markdown and sanitised by the server when the
 * article was saved: the one place the chat renders HTML. Links open in a new tab.
 */
function ArticleAnswer({ article, seq }: { article: NonNullable<ChatMessage["body"]["article"]>; seq: number }) {
  const { perspective } = useChat();
  const html = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    for (const a of html.current?.querySelectorAll("a[href]") ?? []) {
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer nofollow");
    }
  }, [article.html]);
  return (
    <div class="bot-article" data-testid="bot-article" data-article-id={article.id}>
      <div class="bot-article-q">{article.question}</div>
      <div class="bot-article-html" ref={html} dangerouslySetInnerHTML={{ __html: article.html }} />
      {perspective === "customer" ? <AnswerFeedback seq={seq} /> : <div class="bot-article-src">{t("bot.fromKnowledge")}</div>}
    </div>
  );
}

/**
 * What the bot says, in the order a reader takes it in: its words (a translated notice, or a
 * sentence), a knowledge answer, an order with its logistics track, orders to choose from,
 * quick replies.
 */
export function BotContent({ message }: { message: ChatMessage }) {
  const { body } = message;
  const tracking = body.tracking ?? [];
  const first = tracking[0];
  return (
    <div class="bot-content">
      {body.notice && <p class="msg-text bot-notice">{noticeText(body.notice.code, body.notice.params)}</p>}
      {body.text && <p class="msg-text">{body.text}</p>}
      {body.article && <ArticleAnswer article={body.article} seq={message.seq} />}
      {body.order && <OrderCardView order={body.order} />}
      {first && <TrackTimeline steps={tracking} carrier={first.carrier} trackingNo={first.trackingNo} />}
      {body.orderChoices && body.orderChoices.length > 0 && <OrderChoices orders={body.orderChoices} />}
      {body.quickReplies && body.quickReplies.length > 0 && <QuickReplies replies={body.quickReplies} />}
    </div>
  );
}
