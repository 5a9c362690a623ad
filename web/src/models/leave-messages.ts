/**
 * Messages shoppers left when nobody could take the chat (留言): the open ones of a shop
 * (platform staff pick the shop), refreshed while the page is on screen, and marked handled.
 */
import { computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import type { ShopInfo, StaffProfile } from "../common/api-types";
import { toUiError } from "../common/field-errors";
import type { UiError } from "./conversation-state";

export interface LeaveMessage {
  id: string;
  shopId: string;
  customerId: string;
  threadId: string;
  sessionId: string | null;
  text: string;
  contact: string | null;
  status: string;
  createdAt: number;
}

const REFRESH_MS = 30_000;

export const LeaveMessagesModel = createModel((opts: { api: ApiClient; staff: StaffProfile; active: ReadonlySignal<boolean>; shops: ReadonlySignal<ShopInfo[]> }) => {
  const shopId = signal(opts.staff.shopId);
  const items = signal<readonly LeaveMessage[]>([]);
  const loaded = signal(false);
  const error = signal<UiError | null>(null);
  const handling = signal<ReadonlySet<string>>(new Set());
  const canPickShop = computed(() => opts.staff.shopId === PLATFORM_SHOP_ID);
  const q = () => `?shop=${encodeURIComponent(shopId.peek())}`;

  async function refresh() {
    try {
      const res = await opts.api.get<{ leaveMessages: LeaveMessage[] }>(`/leave-messages${q()}&status=open`);
      items.value = res.leaveMessages;
      error.value = null;
    } catch (err) {
      error.value = toUiError(err);
    } finally {
      loaded.value = true;
    }
  }

  effect(() => {
    void shopId.value;
    if (!opts.active.value) return;
    loaded.value = false;
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  });

  return {
    shopId,
    shops: opts.shops,
    canPickShop,
    items,
    loaded,
    error,
    handling,
    refresh,
    setShop(next: string) {
      items.value = [];
      shopId.value = next;
    },
    async handle(id: string) {
      handling.value = new Set(handling.value).add(id);
      try {
        await opts.api.post(`/leave-messages/${encodeURIComponent(id)}/handle${q()}`);
        items.value = items.value.filter((m) => m.id !== id);
      } catch (err) {
        error.value = toUiError(err);
      } finally {
        const next = new Set(handling.value);
        next.delete(id);
        handling.value = next;
      }
    },
  };
});
export type LeaveMessagesModel = InstanceType<typeof LeaveMessagesModel>;
