import { t } from "../common/i18n";
import type { ConversationModel } from "../models/conversation";

/**
 * While the bot has the session: who is answering, and a 转人工 button that is always there
 * (the room answers by queueing the shopper, or, outside service hours, by offering 留言).
 */
export function HumanBar({ conversation: c }: { conversation: ConversationModel }) {
  if (c.session.value?.status !== "bot") return null;
  const asked = c.humanRequested.value;
  return (
    <div class="bot-bar" data-testid="bot-bar">
      <span class="bot-bar-text">
        <span class="bot-bar-dot" aria-hidden="true" />
        {t("bot.serving")}
      </span>
      <button type="button" class="btn btn-outline btn-small" data-testid="human-request" disabled={asked || c.connection.value !== "open"} onClick={() => c.requestHuman()}>
        {t(asked ? "bot.humanRequested" : "bot.toHuman")}
      </button>
    </div>
  );
}
