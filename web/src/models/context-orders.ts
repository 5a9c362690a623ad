/**
 * Orders beyond the context panel's first page (更多订单), from `GET /api/context/orders`. When
 * the panel reloads (a mall push, a refresh), the pages already shown are fetched again to the
 * same depth, so an older order's new status or track shows there too.
 */
import { signal } from "@preact/signals";
import type { ApiClient } from "../common/api";
import type { ContextOrder, OrdersPage } from "../common/context-types";
import { toUiError } from "../common/field-errors";
import type { UiError } from "./conversation-state";

/** Orders per "more" click; re-fetching shown pages uses the API's largest page. */
const PAGE = 50;
const PAGE_MAX = 100;

export function createOrderPages(api: ApiClient, threadId: string) {
  const extra = signal<readonly ContextOrder[]>([]);
  const next = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<UiError | null>(null);
  /** Bumped on each reload: a page that answers for an older first page is dropped. */
  let generation = 0;

  function page(before: string, limit: number): Promise<OrdersPage> {
    return api.get<OrdersPage>(`/context/orders?${new URLSearchParams({ thread: threadId, before, limit: String(limit) })}`);
  }

  /** Pages on from `cursor` until `depth` orders are fetched or the orders end. */
  async function fetchDepth(cursor: string | null, depth: number) {
    const items: ContextOrder[] = [];
    while (cursor && items.length < depth) {
      const p = await page(cursor, Math.min(PAGE_MAX, depth - items.length));
      items.push(...p.items);
      cursor = p.next;
    }
    return { items, next: cursor };
  }

  return {
    extra,
    next,
    loading,
    error,
    /** The panel reloaded with a new first page: shown pages follow it again. */
    async reset(first: OrdersPage): Promise<void> {
      const mine = ++generation;
      const depth = extra.peek().length;
      if (depth === 0) return void (next.value = first.next);
      try {
        const r = await fetchDepth(first.next, depth);
        if (mine === generation) [extra.value, next.value, error.value] = [r.items, r.next, null];
      } catch (err) {
        if (mine === generation) error.value = toUiError(err);
      }
    },
    /** Loads the next page (更多订单). */
    async more(): Promise<void> {
      const cursor = next.peek();
      if (!cursor || loading.peek()) return;
      const mine = generation;
      loading.value = true;
      try {
        const p = await page(cursor, PAGE);
        if (mine === generation) [extra.value, next.value, error.value] = [[...extra.peek(), ...p.items], p.next, null];
      } catch (err) {
        if (mine === generation) error.value = toUiError(err);
      } finally {
        loading.value = false;
      }
    },
  };
}
