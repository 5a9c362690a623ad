/**
 * 营销触达: one shop's campaigns, newest first, with what became of their notices; 取消 on a
 * scheduled one; the 新建活动 form's open state. Asked again every few seconds while a campaign
 * sent in the last two minutes has notices on their way (the queue delivers within seconds), every
 * minute otherwise (the cron sends a scheduled one within ten minutes of its time; quiet hours hold
 * notices for hours).
 */
import { computed, createModel, effect, signal, untracked, type ReadonlySignal } from "@preact/signals";
import type { Campaign, CampaignList } from "../../../core/protocol/campaigns";
import type { ApiClient } from "../common/api";
import { toUiError } from "../common/field-errors";
import type { UiError } from "./conversation-state";

const WATCH_MS = 4_000;
const WATCH_FOR_MS = 120_000;
const REFRESH_MS = 60_000;

export interface CampaignsOptions {
  api: ApiClient;
  /** The shop whose campaigns these are; null: none chosen (a platform admin on every shop). */
  shopId: ReadonlySignal<string | null>;
  /** Whether calls name the shop (`?shop=`): platform admins. */
  sendShop: ReadonlySignal<boolean>;
  active: ReadonlySignal<boolean>;
}

/** Whether a campaign's numbers are about to change: sent just now, notices still on their way. */
export function unsettled(c: Campaign, now: number): boolean {
  return c.status === "sent" && c.counts.pending > 0 && c.sentAt !== null && now - c.sentAt < WATCH_FOR_MS;
}

export const CampaignsModel = createModel((opts: CampaignsOptions) => {
  const campaigns = signal<readonly Campaign[] | null>(null);
  const loading = signal(false);
  const error = signal<UiError | null>(null);
  const cancelling = signal<string | null>(null);
  const cancelError = signal<{ id: string; error: UiError } | null>(null);
  /** The 新建活动 form is open. */
  const composing = signal(false);
  /** The campaign this page just created (its row is marked). */
  const created = signal<string | null>(null);
  const watching = computed(() => (campaigns.value ?? []).some((c) => unsettled(c, Date.now())));

  /** `?shop=` of the page's shop, for platform admins. */
  function query(): string {
    const shop = opts.shopId.peek();
    return opts.sendShop.peek() && shop ? `?shop=${encodeURIComponent(shop)}` : "";
  }

  let generation = 0;
  async function load() {
    if (!opts.shopId.peek()) return;
    const mine = ++generation;
    loading.value = true;
    try {
      const list = await opts.api.get<CampaignList>(`/admin/campaigns${query()}`);
      if (mine !== generation) return;
      [campaigns.value, error.value] = [list.campaigns, null];
    } catch (err) {
      if (mine === generation) error.value = toUiError(err);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  effect(() => {
    const shop = opts.shopId.value;
    [campaigns.value, error.value, created.value, cancelError.value] = [null, null, null, null];
    if (!shop) composing.value = false;
    if (!shop || !opts.active.value) return;
    void untracked(load);
  });

  effect(() => {
    if (!opts.shopId.value || !opts.active.value) return;
    const timer = setInterval(() => void load(), watching.value ? WATCH_MS : REFRESH_MS);
    return () => clearInterval(timer);
  });

  async function cancel(id: string) {
    if (cancelling.peek()) return;
    cancelling.value = id;
    cancelError.value = null;
    try {
      const { campaign } = await opts.api.post<{ campaign: Campaign }>(`/admin/campaigns/${encodeURIComponent(id)}/cancel${query()}`);
      campaigns.value = (campaigns.peek() ?? []).map((c) => (c.id === id ? campaign : c));
    } catch (err) {
      cancelError.value = { id, error: toUiError(err) };
      // Sent (or cancelled elsewhere) meanwhile: show it as it is now.
      void load();
    } finally {
      cancelling.value = null;
    }
  }

  return {
    api: opts.api,
    shopId: opts.shopId,
    campaigns,
    loading,
    error,
    cancelling,
    cancelError,
    composing,
    created,
    load,
    cancel,
    query,
    /** The form sent one: it heads the list, and the form closes. */
    add(campaign: Campaign) {
      campaigns.value = [campaign, ...(campaigns.peek() ?? []).filter((c) => c.id !== campaign.id)];
      created.value = campaign.id;
      composing.value = false;
    },
  };
});
export type CampaignsModel = InstanceType<typeof CampaignsModel>;
