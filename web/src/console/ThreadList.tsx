import type { SessionStatus, ThreadRow } from "../common/api-types";
import { channelName, formatTime, t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import { Icon } from "../common/ui/Icon";
import { LevelBadge } from "../common/ui/LevelBadge";
import { StatusBadge } from "../common/ui/StatusBadge";
import type { WorkspaceModel } from "../models/workspace";

function ThreadItem({ row, selected, status, unread, onSelect }: { row: ThreadRow; selected: boolean; status: SessionStatus; unread: number; onSelect: () => void }) {
  return (
    <li>
      <button type="button" class={`thread-item${selected ? " selected" : ""}`} data-testid="thread-item" data-thread-id={row.threadId} aria-current={selected ? "true" : undefined} onClick={onSelect}>
        <span class={`avatar avatar-${row.customer.level}`} aria-hidden="true">
          {row.customer.name.slice(0, 1)}
        </span>
        <span class="thread-body">
          <span class="thread-line">
            <span class="thread-name">{row.customer.name}</span>
            <LevelBadge level={row.customer.level} />
            <time class="thread-time">{formatTime(row.session.lastMessageAt)}</time>
          </span>
          <span class="thread-line">
            <StatusBadge status={status} />
            <span class="thread-meta">
              {row.shopId} · {channelName(row.session.channel)}
            </span>
            {unread > 0 && (
              <span class="unread-badge" data-testid="unread-badge" aria-label={t("threads.unread", { n: unread })}>
                {unread > 99 ? "99+" : unread}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}

export function ThreadList({ ws }: { ws: WorkspaceModel }) {
  const { threads } = ws;
  const items = threads.items.value;
  const selectedId = ws.selectedId.value;
  const query = threads.query.value;
  const found = threads.found.value;
  const searching = threads.searching.value && found === null;
  // A search's results replace the list until the text is cleared.
  const shown = found ?? (searching ? [] : items);
  return (
    <nav class="thread-pane" aria-label={t("threads.title")}>
      <header class="pane-head">
        <h2>{t("threads.title")}</h2>
        <button type="button" class="btn btn-ghost btn-icon" title={t("threads.refresh")} aria-label={t("threads.refresh")} onClick={() => void threads.refresh()}>
          <Icon name="refresh" size={16} />
        </button>
      </header>
      <div class="thread-search">
        <Icon name="search" size={14} />
        <input
          type="search"
          data-testid="thread-search"
          value={query}
          maxLength={64}
          placeholder={t("threads.searchPlaceholder")}
          aria-label={t("threads.searchPlaceholder")}
          onInput={(e) => threads.search(e.currentTarget.value)}
        />
      </div>
      {threads.error.value && <ErrorNote error={threads.error.value} />}
      {found && !threads.searching.value && found.length === 0 && (
        <p class="empty-hint" data-testid="thread-search-empty">
          {t("threads.searchEmpty")}
        </p>
      )}
      {found === null && items.length === 0 && <p class="empty-hint">{t(threads.loaded.value ? "threads.empty" : "threads.loading")}</p>}
      {searching && <p class="empty-hint">{t("threads.searching")}</p>}
      <ul class="thread-list" data-testid="thread-list" data-search={found ? "results" : undefined}>
        {shown.map((row) => (
          <ThreadItem
            key={row.threadId}
            row={row}
            selected={row.threadId === selectedId}
            status={(row.threadId === selectedId && ws.liveStatus.value) || row.session.status}
            unread={threads.unread.value.get(row.threadId) ?? 0}
            onSelect={() => ws.select(row.threadId)}
          />
        ))}
      </ul>
    </nav>
  );
}
