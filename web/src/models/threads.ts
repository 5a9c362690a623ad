/**
 * The console's thread list: each thread's latest session, refreshed every 5 s and whenever the
 * window regains focus, plus unread counts where known (from the room of a thread whose activity
 * changed since we last asked, and live from the open conversation).
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

  return { items, loaded, error, unread, refresh, setUnread };
});
export type ThreadListModel = InstanceType<typeof ThreadListModel>;
