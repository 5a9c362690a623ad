import { t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { Icon } from "../../common/ui/Icon";
import type { ProactiveModel } from "../../models/proactive";
import { ShopPicker } from "../ShopPicker";
import { CampaignsSection } from "./CampaignsSection";
import { DeadLettersSection } from "./DeadLettersSection";
import { OutcomesSection } from "./OutcomesSection";

/**
 * 主动服务 (admins): 营销触达 (the shop's campaigns and a new one), 通知效果 (what became of the
 * notices of the last 7 or 30 days, by day and kind) and 失败的通知 (send again). Platform admins
 * pick the shop; every shop at once shows the outcomes and failures, not campaigns.
 */
export function ProactiveView({ model }: { model: ProactiveModel }) {
  return (
    <main class="page proactive-page" data-testid="proactive-view">
      <header class="page-head">
        <h1>{t("proactive.title")}</h1>
        <span class="page-head-spacer" />
        {model.canPickShop.value && <ShopPicker value={model.shopId.value} shops={model.shops.value} onChange={(id) => model.setShop(id)} testId="proactive-shop" allLabel={t("proactive.allShops")} />}
        <button type="button" class="btn btn-ghost btn-icon" data-testid="proactive-refresh" title={t("proactive.refresh")} aria-label={t("proactive.refresh")} onClick={() => model.refresh()}>
          <Icon name="refresh" size={16} />
        </button>
      </header>
      <CampaignsSection model={model.campaigns} />
      {model.error.value && <ErrorNote error={model.error.value} />}
      <OutcomesSection model={model} />
      <DeadLettersSection model={model} />
    </main>
  );
}
