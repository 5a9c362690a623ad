import type { ComponentChildren } from "preact";
import { t } from "../i18n";
import { ErrorNote } from "../ui/ErrorNote";
import { Composer } from "./Composer";
import { useChat } from "./context";
import { MessageList } from "./MessageList";

/**
 * The part of a chat both screens share: log, typing line, inline errors, composer. `children`
 * go just above the composer (the widget's 转人工 bar).
 */
export function ChatBody({ children }: { children?: ComponentChildren }) {
  const { conversation: c } = useChat();
  const error = c.error.value;
  return (
    <div class="chat-body">
      <MessageList />
      <div class="typing-line" aria-live="polite">
        {c.peerTyping.value && (
          <span class="typing" data-testid="typing-indicator">
            <span class="typing-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t("conv.typing")}
          </span>
        )}
      </div>
      {error && <ErrorNote error={error} onDismiss={() => c.dismissError()} />}
      {children}
      <Composer />
    </div>
  );
}
