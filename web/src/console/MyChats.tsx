import { t } from "../common/i18n";
import type { WorkspaceModel } from "../models/workspace";

/** The chats the queue has given this agent, newest first; new ones are marked until opened. */
export function MyChats({ ws }: { ws: WorkspaceModel }) {
  const chats = ws.queue.myChats.value;
  const selectedId = ws.selectedId.value;
  return (
    <section class="my-chats" aria-labelledby="my-chats-title" data-testid="my-chats">
      <header class="my-chats-head">
        <h2 id="my-chats-title">{t("mychats.title")}</h2>
        <span class="count-badge">{chats.length}</span>
      </header>
      {chats.length === 0 ? (
        <p class="my-chats-empty">{t("mychats.empty")}</p>
      ) : (
        <ul class="my-chat-list">
          {chats.map((c) => (
            <li key={c.sessionId}>
              <button
                type="button"
                class={`my-chat${c.fresh ? " fresh" : ""}${c.threadId === selectedId ? " selected" : ""}`}
                data-testid="my-chat-item"
                data-thread-id={c.threadId}
                data-fresh={String(c.fresh)}
                onClick={() => ws.select(c.threadId)}
              >
                <span class="my-chat-name">{c.customerName}</span>
                {c.via === "transfer" && <span class="badge badge-active">{t("mychats.via.transfer")}</span>}
                {c.fresh && <span class="badge badge-new">{t("mychats.new")}</span>}
                {c.note && <span class="my-chat-note">{c.note}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
