/**
 * The admin pages (管理) of shop admins and platform admins: which shop (platform admins pick
 * any; shop admins have their own), which tab, and the directory, rules and tester, knowledge
 * base, unanswered questions and canned replies of that shop, and its service hours.
 * Nothing loads until the page is first opened, and everything reloads when the shop changes.
 */
import { computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { ApiClient } from "../common/api";
import type { ShopInfo, StaffProfile } from "../common/api-types";
import { t } from "../common/i18n";
import { DirectoryModel } from "./admin-directory";
import { HoursModel } from "./admin-hours";
import { RulesModel } from "./admin-rules";
import { CannedModel } from "./canned";
import { KnowledgeModel } from "./kb-articles";
import { UnansweredModel } from "./kb-unanswered";
import { RuleTesterModel } from "./rule-tester";

export type AdminTab = "groups" | "agents" | "rules" | "hours" | "knowledge" | "unanswered" | "canned";

export interface AdminOptions {
  api: ApiClient;
  staff: StaffProfile;
  /** True while the admin page is on screen. */
  active: ReadonlySignal<boolean>;
  shops: ReadonlySignal<ShopInfo[]>;
}

export const AdminModel = createModel((opts: AdminOptions) => {
  const shopId = signal(opts.staff.shopId);
  const tab = signal<AdminTab>("rules");
  const canPickShop = computed(() => opts.staff.role === "platform_admin");
  const directory = new DirectoryModel(opts.api, shopId);
  const groups = computed(() => directory.directory.value?.groups ?? []);
  const rules = new RulesModel({ api: opts.api, shopId, firstGroup: () => groups.peek()[0]?.key ?? "presales", newName: () => t("rules.newName") });
  const hours = new HoursModel(opts.api, shopId);
  const tester = new RuleTesterModel({ api: opts.api, shopId, draft: () => rules.draft() });
  const on = (t: AdminTab) => computed(() => opts.active.value && tab.value === t);
  const knowledge = new KnowledgeModel({ api: opts.api, shopId, active: on("knowledge") });
  const unanswered = new UnansweredModel({ api: opts.api, shopId, active: on("unanswered"), onArticle: () => knowledge.reload() });
  const canned = new CannedModel({ api: opts.api, shopId, isAdmin: true, active: on("canned") });
  let loadedFor: string | null = null;

  effect(() => {
    const shop = shopId.value;
    if (!opts.active.value || loadedFor === shop) return;
    loadedFor = shop;
    tester.clear();
    void directory.load();
    void rules.load();
    void hours.load();
  });

  return {
    shopId,
    /** Who is administering: their own account may not be disabled here. */
    meId: computed(() => opts.staff.id),
    shops: opts.shops,
    canPickShop,
    tab,
    directory,
    groups,
    rules,
    hours,
    tester,
    knowledge,
    unanswered,
    canned,
    setShop(next: string) {
      shopId.value = next;
    },
  };
});
export type AdminModel = InstanceType<typeof AdminModel>;
