import type { OrderCard } from "../../../../core/protocol";
import { t } from "../i18n";
import { OrderCardView } from "./Cards";
import { useChat } from "./context";

/** The bot's hand-off chip is written in Chinese by the room; show it in the UI language. */
const HUMAN_TEXT = "转人工";

function labelOf(r: { label: string; text: string }): string {
  return r.text === HUMAN_TEXT ? t("bot.toHuman") : r.label;
}

/**
 * Quick replies (您是不是想问, greeting topics, 转人工): the shopper taps one to send its text as
 * a message; staff see the same chips, read-only.
 */
export function QuickReplies({ replies }: { replies: readonly { label: string; text: string }[] }) {
  const { conversation, perspective } = useChat();
  const live = perspective === "customer";
  return (
    <div class="quick-replies" role="group" aria-label={t("bot.quickReplies")}>
      {replies.map((r, i) =>
        live ? (
          <button key={i} type="button" class="quick-reply" data-testid="quick-reply" data-text={r.text} onClick={() => conversation.sendText(r.text)}>
            {labelOf(r)}
          </button>
        ) : (
          <span key={i} class="quick-reply static" data-testid="quick-reply" data-text={r.text}>
            {labelOf(r)}
          </span>
        ),
      )}
    </div>
  );
}

/** Orders the question could mean: the shopper taps one to send its order card (never "give the order number"). */
export function OrderChoices({ orders }: { orders: readonly OrderCard[] }) {
  const { conversation, perspective } = useChat();
  const live = perspective === "customer";
  return (
    <ul class="order-choices" aria-label={t("bot.orderChoices")}>
      {orders.map((o) => (
        <li key={o.orderId}>
          {live ? (
            <button type="button" class="order-choice" data-testid="order-choice" data-order-id={o.orderId} onClick={() => conversation.sendCard({ kind: "order_card", orderId: o.orderId }, o.title)}>
              <OrderCardView order={o} />
              <span class="order-choice-cta">{t("bot.pickOrder")}</span>
            </button>
          ) : (
            <div class="order-choice static" data-testid="order-choice" data-order-id={o.orderId}>
              <OrderCardView order={o} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
