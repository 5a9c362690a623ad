/**
 * 数据报表: the service report of a range of days (a preset or two dates), of the admin's shop
 * or, for platform admins, one shop or all; for agents, their own figures (我的数据); loaded while the page is on screen and whenever the
 * range or shop changes; each table downloadable as CSV.
 */
import { computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { Report } from "../../../core/domain/analytics/report";
import type { AnalyticsTable } from "../../../core/protocol/analytics";
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import type { ShopInfo, StaffProfile } from "../common/api-types";
import { downloadBlob } from "../common/download";
import { toUiError } from "../common/field-errors";
import { lang } from "../common/i18n";
import type { UiError } from "./conversation-state";

export type ServiceReport = Report & { shopId: string | null };
/** How many days back a preset covers, today included. */
export const RANGE_PRESETS = [1, 7, 30] as const;
/** Platform admins' choice of every shop at once (the shop picker's "" value). */
const ALL_SHOPS = "";

export const AnalyticsModel = createModel((opts: { api: ApiClient; staff: StaffProfile; isAdmin: boolean; active: ReadonlySignal<boolean>; shops: ReadonlySignal<ShopInfo[]> }) => {
  /** Agents see their own figures (我的数据); admins their shop's, platform admins any shop's or all. */
  const own = computed(() => !opts.isAdmin);
  const base = opts.isAdmin ? "/admin/analytics" : "/analytics/mine";
  const canPickShop = computed(() => opts.isAdmin && opts.staff.shopId === PLATFORM_SHOP_ID);
  const shopId = signal(canPickShop.peek() ? ALL_SHOPS : opts.staff.shopId);
  /** A preset (days back) or an explicit range. */
  const range = signal<{ days: number } | { from: string; to: string }>({ days: 7 });
  const report = signal<ServiceReport | null>(null);
  const loading = signal(false);
  const error = signal<UiError | null>(null);
  const exporting = signal<AnalyticsTable | null>(null);

  /** The query of the report and its exports. */
  function query(): string {
    const q = new URLSearchParams();
    if (canPickShop.peek() && shopId.peek()) q.set("shop", shopId.peek());
    const r = range.peek();
    if ("from" in r) {
      q.set("from", r.from);
      q.set("to", r.to);
    } else q.set("days", String(r.days));
    return q.toString();
  }

  let generation = 0;
  async function load() {
    const mine = ++generation;
    loading.value = true;
    try {
      const next = await opts.api.get<ServiceReport>(`${base}?${query()}`);
      if (mine !== generation) return;
      report.value = next;
      error.value = null;
    } catch (err) {
      if (mine === generation) error.value = toUiError(err);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  effect(() => {
    void shopId.value;
    void range.value;
    if (opts.active.value) void load();
  });

  async function exportTable(table: AnalyticsTable) {
    exporting.value = table;
    try {
      const q = new URLSearchParams(query());
      const shown = report.peek();
      // Export what is on screen: the dates the report shows (not a preset that may have moved on), in the page's language.
      if (shown) {
        q.delete("days");
        q.set("from", shown.from);
        q.set("to", shown.to);
      }
      q.set("table", table);
      q.set("lang", lang.peek());
      const blob = await opts.api.blob(`${base}/export?${q}`);
      downloadBlob(blob, `kefu-${shopId.peek() || "all"}-${table}-${q.get("from") ?? ""}_${q.get("to") ?? ""}.csv`);
    } catch (err) {
      error.value = toUiError(err);
    } finally {
      exporting.value = null;
    }
  }

  return {
    own,
    canPickShop,
    shopId,
    shops: opts.shops,
    range,
    report,
    loading,
    error,
    exporting,
    load,
    exportTable,
    setShop(id: string) {
      shopId.value = id;
    },
    setPreset(days: number) {
      range.value = { days };
    },
    setDates(from: string, to: string) {
      if (from && to) range.value = { from: from <= to ? from : to, to: from <= to ? to : from };
    },
  };
});
export type AnalyticsModel = InstanceType<typeof AnalyticsModel>;

