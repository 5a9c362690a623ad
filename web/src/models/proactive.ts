/**
 * 主动服务 (admins): the shop whose proactive service is shown (platform admins: one shop or all),
 * what became of the notices of the last 7 or 30 days (物流通知, 降价提醒, 营销触达), the notices that
 * failed every retry (失败的通知) with 重新发送, and the shop's campaigns (campaigns.ts; they need
 * one shop). Loaded while the page is on screen, again when the shop or range changes, and every
 * minute.
 */
import { computed, createModel, effect, signal, untracked, type ReadonlySignal } from "@preact/signals";
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import type { DeadLetter, ProactiveOutcomes, ShopInfo, StaffProfile } from "../common/api-types";
import { toUiError } from "../common/field-errors";
import { CampaignsModel } from "./campaigns";
import type { UiError } from "./conversation-state";

/** How many days back the outcomes cover. */
export const OUTCOME_PRESETS = [7, 30] as const;
/** Platform admins' choice of every shop at once (the shop picker's "" value). */
const ALL_SHOPS = "";
const REFRESH_MS = 60_000;

export interface ProactiveOptions {
  api: ApiClient;
  staff: StaffProfile;
  active: ReadonlySignal<boolean>;
  shops: ReadonlySignal<ShopInfo[]>;
}

export const ProactiveModel = createModel((opts: ProactiveOptions) => {
  const canPickShop = computed(() => opts.staff.shopId === PLATFORM_SHOP_ID);
  const shopId = signal(canPickShop.peek() ? ALL_SHOPS : opts.staff.shopId);
  const days = signal<number>(OUTCOME_PRESETS[0]);
  const outcomes = signal<ProactiveOutcomes | null>(null);
  const deadLetters = signal<readonly DeadLetter[] | null>(null);
  const loading = signal(false);
  const error = signal<UiError | null>(null);
  /** The dead letter being sent again, and the ones sent again from this page (a note says so). */
  const replaying = signal<string | null>(null);
  const replayed = signal<readonly string[]>([]);
  const replayError = signal<{ id: string; error: UiError } | null>(null);

  /** `?shop=` for platform admins who chose one; shop admins' calls are about their shop anyway. */
  function shopQuery(): URLSearchParams {
    const q = new URLSearchParams();
    if (canPickShop.peek() && shopId.peek()) q.set("shop", shopId.peek());
    return q;
  }

  let generation = 0;
  async function load() {
    const mine = ++generation;
    loading.value = true;
    const q = shopQuery();
    const oq = new URLSearchParams(q);
    oq.set("days", String(days.peek()));
    const dq = new URLSearchParams(q);
    dq.set("state", "open");
    try {
      const [o, d] = await Promise.all([
        opts.api.get<ProactiveOutcomes>(`/admin/proactive/outcomes?${oq}`),
        opts.api.get<{ deadLetters: DeadLetter[] }>(`/admin/dead-letters?${dq}`),
      ]);
      if (mine !== generation) return;
      [outcomes.value, deadLetters.value, error.value] = [o, d.deadLetters, null];
    } catch (err) {
      if (mine === generation) error.value = toUiError(err);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  effect(() => {
    void [shopId.value, days.value];
    if (!opts.active.value) return;
    void untracked(load);
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  });

  /** Sends a dead notice to the queue again; it leaves the list of open ones. */
  async function replay(letter: DeadLetter) {
    if (replaying.peek()) return;
    replaying.value = letter.id;
    replayError.value = null;
    try {
      await opts.api.post(`/admin/dead-letters/${encodeURIComponent(letter.id)}/replay?${shopQuery()}`);
      deadLetters.value = (deadLetters.peek() ?? []).filter((d) => d.id !== letter.id);
      replayed.value = [...replayed.peek(), letter.id];
    } catch (err) {
      replayError.value = { id: letter.id, error: toUiError(err) };
    } finally {
      replaying.value = null;
    }
  }

  /** Campaigns are one shop's: none while a platform admin looks at every shop. */
  const campaignShop = computed(() => shopId.value || null);
  const campaigns = new CampaignsModel({ api: opts.api, shopId: campaignShop, sendShop: canPickShop, active: opts.active });

  // A campaign's notices being delivered is news for 通知效果 too: counted again as the
  // campaigns' delivered total moves (the list asks every few seconds while one is going out).
  const delivered = computed(() => (campaigns.campaigns.value ?? []).reduce((sum, c) => sum + c.counts.delivered, 0));
  let lastDelivered: number | null = null;
  effect(() => {
    const now = delivered.value;
    const before = lastDelivered;
    lastDelivered = now;
    if (before !== null && now !== before && untracked(() => opts.active.value)) void untracked(load);
  });

  return {
    canPickShop,
    shops: opts.shops,
    shopId,
    days,
    outcomes,
    deadLetters,
    loading,
    error,
    replaying,
    replayed,
    replayError,
    campaigns,
    load,
    replay,
    refresh() {
      void load();
      void campaigns.load();
    },
    setShop(id: string) {
      if (id === shopId.peek()) return;
      [outcomes.value, deadLetters.value, replayed.value, replayError.value] = [null, null, [], null];
      shopId.value = id;
    },
  };
});
export type ProactiveModel = InstanceType<typeof ProactiveModel>;
