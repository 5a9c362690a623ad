import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { t } from "../i18n";
import { useChat } from "./context";
import { MessageItem } from "./MessageItem";
import { PendingItem } from "./PendingItem";

/** Within this many pixels of the end counts as "reading the latest messages". */
const BOTTOM_SLACK_PX = 48;
/** How long a message brought into view stays marked. */
const FOCUS_MARK_MS = 2500;

/**
 * The log, oldest first. It follows new messages while the reader is at the bottom, keeps the
 * view still when older pages are prepended, and marks messages read only while they are on
 * screen (at the bottom of a visible page).
 */
export function MessageList() {
  const { conversation: c, perspective } = useChat();
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const firstSeq = useRef<number | undefined>(undefined);
  const prevHeight = useRef(0);
  const messages = c.messages.value;
  const pending = c.pending.value;

  function markIfSeen() {
    if (atBottom.current && document.visibilityState === "visible") c.markRead();
  }

  // Prepending older history must not move what the reader is looking at.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const first = messages[0]?.seq;
    if (firstSeq.current !== undefined && first !== undefined && first < firstSeq.current) el.scrollTop += el.scrollHeight - prevHeight.current;
    firstSeq.current = first;
    prevHeight.current = el.scrollHeight;
  }, [messages]);

  // Content grows as messages arrive and images load: stay pinned to the bottom if we were there.
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
      prevHeight.current = el.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  useEffect(markIfSeen, [messages, c.connection.value]);

  // A past session asked for (历史会话): its first message at the top, marked for a moment.
  const focus = c.focus.value;
  useEffect(() => {
    const item = focus && content.current?.querySelector<HTMLElement>(`[data-seq="${focus.seq}"]`);
    if (!item) return;
    atBottom.current = false;
    item.classList.add("msg-focus");
    item.scrollIntoView({ block: "start" });
    const done = setTimeout(() => item.classList.remove("msg-focus"), FOCUS_MARK_MS);
    return () => clearTimeout(done);
  }, [focus]);

  useEffect(() => {
    document.addEventListener("visibilitychange", markIfSeen);
    window.addEventListener("focus", markIfSeen);
    return () => {
      document.removeEventListener("visibilitychange", markIfSeen);
      window.removeEventListener("focus", markIfSeen);
    };
  }, [c]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    markIfSeen();
  }

  return (
    <div class="message-scroller" ref={scroller} onScroll={onScroll}>
      <div class="history-edge">
        {c.hasOlder.value ? (
          <button type="button" class="btn btn-ghost btn-small" data-testid="load-earlier" disabled={c.loadingOlder.value} onClick={() => void c.loadEarlier()}>
            {t(c.loadingOlder.value ? "conv.loadingEarlier" : "conv.loadEarlier")}
          </button>
        ) : (
          messages.length > 0 && <span class="history-start">{t("conv.start")}</span>
        )}
      </div>
      <ol class="message-list" ref={content} data-testid="message-list" aria-label={t("conv.messages")} aria-live="polite">
        {messages.map((m, i) => (
          <MessageItem key={m.seq} message={m} continued={messages[i - 1]?.sender.id === m.sender.id && messages[i - 1]?.kind !== "system"} />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.clientId} item={p} />
        ))}
      </ol>
      {messages.length === 0 && pending.length === 0 && <p class="empty-hint">{t(perspective === "customer" ? "widget.welcome" : "conv.noMessages")}</p>}
    </div>
  );
}
