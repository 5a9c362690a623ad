import type { ChatMessage } from "../../../../core/protocol";
import { BotContent } from "./BotContent";
import { OrderCardView, ProductCardView } from "./Cards";
import { ChatImage, ChatVoice } from "./Media";

/**
 * The body of a stored message by kind. Text is rendered as text (escaped), never as HTML; the
 * bot's knowledge answers carry the server's sanitised HTML (see BotContent).
 */
export function MessageContent({ message }: { message: ChatMessage }) {
  const { body } = message;
  if (message.sender.role === "bot" && message.kind === "text") return <BotContent message={message} />;
  switch (message.kind) {
    case "image":
      return body.attachment ? <ChatImage attachment={body.attachment} /> : null;
    case "voice":
      return body.attachment ? <ChatVoice attachment={body.attachment} /> : null;
    case "order_card":
      return body.order ? <OrderCardView order={body.order} /> : null;
    case "product_card":
      return body.product ? <ProductCardView product={body.product} /> : null;
    default:
      return <p class="msg-text">{body.text ?? ""}</p>;
  }
}
