import { t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { AdminModel, AdminTab } from "../../models/admin";
import { ShopPicker } from "../ShopPicker";
import { AgentsAdmin } from "./AgentsAdmin";
import { GroupsAdmin } from "./GroupsAdmin";
import { RulesAdmin } from "./RulesAdmin";

const TABS: { tab: AdminTab; label: "admin.tab.rules" | "admin.tab.groups" | "admin.tab.agents" }[] = [
  { tab: "rules", label: "admin.tab.rules" },
  { tab: "groups", label: "admin.tab.groups" },
  { tab: "agents", label: "admin.tab.agents" },
];

/** 管理: routing rules, skill groups and agents of one shop (platform admins choose which). */
export function AdminView({ admin }: { admin: AdminModel }) {
  const tab = admin.tab.value;
  const loadError = admin.directory.loadError.value;
  return (
    <main class="page admin-page" data-testid="admin-view">
      <header class="page-head">
        <h1>{t("admin.title")}</h1>
        <div class="tabs" role="tablist">
          {TABS.map((x) => (
            <button key={x.tab} type="button" role="tab" aria-selected={tab === x.tab} class={`tab${tab === x.tab ? " active" : ""}`} data-testid={`admin-tab-${x.tab}`} onClick={() => (admin.tab.value = x.tab)}>
              {t(x.label)}
            </button>
          ))}
        </div>
        <span class="page-head-spacer" />
        {admin.canPickShop.value && <ShopPicker value={admin.shopId.value} shops={admin.shops.value} onChange={(id) => admin.setShop(id)} testId="admin-shop" />}
      </header>
      {loadError && <ErrorNote error={loadError} />}
      {!admin.directory.directory.value && !loadError && <p class="empty-hint">{t("admin.loading")}</p>}
      {tab === "rules" && <RulesAdmin admin={admin} shops={admin.canPickShop.value ? admin.shops.value : []} />}
      {tab === "groups" && <GroupsAdmin directory={admin.directory} />}
      {tab === "agents" && <AgentsAdmin directory={admin.directory} />}
    </main>
  );
}
