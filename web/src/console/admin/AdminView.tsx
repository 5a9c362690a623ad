import { t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { AdminModel, AdminTab } from "../../models/admin";
import { ShopPicker } from "../ShopPicker";
import { CannedAdmin } from "../kb/CannedAdmin";
import { KnowledgeAdmin } from "../kb/KnowledgeAdmin";
import { UnansweredAdmin } from "../kb/UnansweredAdmin";
import { AgentsAdmin } from "./AgentsAdmin";
import { GroupsAdmin } from "./GroupsAdmin";
import { HoursAdmin } from "./HoursAdmin";
import { RulesAdmin } from "./RulesAdmin";

const TABS: AdminTab[] = ["rules", "groups", "agents", "hours", "knowledge", "unanswered", "canned"];
/** Tabs that need the shop's groups and agents loaded first. */
const DIRECTORY_TABS = new Set<AdminTab>(["rules", "groups", "agents"]);

/**
 * 管理: routing rules, skill groups, agents, service hours, the knowledge base, unanswered
 * questions and canned replies of one shop (platform admins choose which).
 */
export function AdminView({ admin }: { admin: AdminModel }) {
  const tab = admin.tab.value;
  const loadError = admin.directory.loadError.value;
  return (
    <main class="page admin-page" data-testid="admin-view">
      <header class="page-head">
        <h1>{t("admin.title")}</h1>
        <div class="tabs" role="tablist">
          {TABS.map((x) => (
            <button key={x} type="button" role="tab" aria-selected={tab === x} class={`tab${tab === x ? " active" : ""}`} data-testid={`admin-tab-${x}`} onClick={() => (admin.tab.value = x)}>
              {t(`admin.tab.${x}`)}
              {x === "unanswered" && admin.unanswered.rows.value.length > 0 && <span class="count-badge">{admin.unanswered.rows.value.length}</span>}
            </button>
          ))}
        </div>
        <span class="page-head-spacer" />
        {admin.canPickShop.value && <ShopPicker value={admin.shopId.value} shops={admin.shops.value} onChange={(id) => admin.setShop(id)} testId="admin-shop" />}
      </header>
      {DIRECTORY_TABS.has(tab) && loadError && <ErrorNote error={loadError} />}
      {DIRECTORY_TABS.has(tab) && !admin.directory.directory.value && !loadError && <p class="empty-hint">{t("admin.loading")}</p>}
      {tab === "rules" && <RulesAdmin admin={admin} shops={admin.canPickShop.value ? admin.shops.value : []} />}
      {tab === "groups" && <GroupsAdmin directory={admin.directory} />}
      {tab === "agents" && <AgentsAdmin directory={admin.directory} meId={admin.meId.value} />}
      {tab === "hours" && <HoursAdmin hours={admin.hours} />}
      {tab === "knowledge" && <KnowledgeAdmin model={admin.knowledge} />}
      {tab === "unanswered" && <UnansweredAdmin model={admin.unanswered} />}
      {tab === "canned" && <CannedAdmin model={admin.canned} />}
    </main>
  );
}
