/**
 * The console's thread list: each thread's latest session, refreshed every 5 s and whenever the
 * window regains focus, plus unread counts where known (from the room of a thread whose activity
 * changed since we last asked, and live from the open conversation). 会话搜索 finds older threads
 * by the customer's name, id or e-mail, or an order id.
 */
import { createModel, effect, signal } from "@preact/signals";
import { toApiError, type ApiClient } from "../common/api";
import type { ThreadRow, ThreadSummary } from "../common/api-types";
import type { UiError } from "./conversation-state";

const REFRESH_MS = 5000;
/**
 * The list's lastMessageAt moves only at session transitions (it is written to D1 then), so a
 * thread's unread count is also re-read after this long even when nothing seems to have changed.
 */
const RECOUNT_MS = 30_000;
/** Typing pauses this long before the search is sent. */
const SEARCH_DELAY_MS = 300;
const RECENT_FOUND_MAX = 200;

export const ThreadListModel = createModel((api: ApiClient) => {
  const items = signal<ThreadRow[]>([]);
  const loaded = signal(false);
  const error = signal<UiError | null>(null);
  const unread = signal<ReadonlyMap<string, number>>(new Map());
  /** Each thread's lastMessageAt when its unread count was last fetched, and when that was. */
  const counted = new Map<string, { lastMessageAt: number; at: number }>();
  let inFlight = false;

  function setUnread(threadId: string, n: number) {
    if (unread.value.get(threadId) === n) return;
    unread.value = new Map(unread.value).set(threadId, n);
  }

  /** Asks the rooms of open threads whose count may have moved; resolved threads are left alone. */
  async function countUnread(rows: ThreadRow[]) {
    const now = Date.now();
    const stale = (r: ThreadRow) => {
      const c = counted.get(r.threadId);
      return !c || c.lastMessageAt !== r.session.lastMessageAt || now - c.at > RECOUNT_MS;
    };
    const changed = rows.filter((r) => r.session.status !== "resolved" && stale(r));
    await Promise.all(
      changed.map(async (r) => {
        try {
          const s = await api.get<ThreadSummary>(`/threads/${r.threadId}`);
          counted.set(r.threadId, { lastMessageAt: r.session.lastMessageAt, at: now });
          setUnread(r.threadId, s.unread.agent);
        } catch {
          // Unknown for now; the next refresh asks again.
        }
      }),
    );
  }

  async function refresh() {
    if (inFlight) return;
    inFlight = true;
    try {
      const res = await api.get<{ threads: ThreadRow[] }>("/threads?status=all&limit=100");
      items.value = res.threads;
      error.value = null;
      await countUnread(res.threads);
    } catch (err) {
      const e = toApiError(err);
      error.value = { code: e.code, message: e.message };
    } finally {
      inFlight = false;
      loaded.value = true;
    }
  }

  effect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const onFocus = () => void refresh();
    window.addEventListener("focus", onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", onFocus);
    };
  });

  // 会话搜索: the text typed, and the threads it found (null while nothing is searched).
  const query = signal("");
  const found = signal<ThreadRow[] | null>(null);
  const searching = signal(false);
  /**
   * Threads found by recent searches (newest first, at most RECENT_FOUND_MAX), kept after the text
   * is cleared or changed: one opened from them stays known to the workspace.
   */
  const recentFound = signal<ThreadRow[]>([]);
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searchRun = 0;

  /** Searches a moment after typing stops; only the latest search's answer is shown. */
  function search(text: string) {
    query.value = text;
    clearTimeout(searchTimer);
    const q = text.trim();
    if (!q) {
      searchRun++;
      found.value = null;
      searching.value = false;
      return;
    }
    searching.value = true;
    searchTimer = setTimeout(async () => {
      const run = ++searchRun;
      try {
        const res = await api.get<{ threads: ThreadRow[] }>(`/threads?status=all&limit=50&q=${encodeURIComponent(q)}`);
        if (run !== searchRun) return;
        found.value = res.threads;
        const ids = new Set(res.threads.map((r) => r.threadId));
        recentFound.value = [...res.threads, ...recentFound.value.filter((r) => !ids.has(r.threadId))].slice(0, RECENT_FOUND_MAX);
        error.value = null;
      } catch (err) {
        if (run !== searchRun) return;
        const e = toApiError(err);
        error.value = { code: e.code, message: e.message };
        found.value = [];
      } finally {
        if (run === searchRun) searching.value = false;
      }
    }, SEARCH_DELAY_MS);
  }

  return { items, loaded, error, unread, refresh, setUnread, query, found, recentFound, searching, search };
});
export type ThreadListModel = InstanceType<typeof ThreadListModel>;
