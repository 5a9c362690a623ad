import { TICKET_VIEWS } from "../../../../core/protocol/tickets";
import { t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { Icon } from "../../common/ui/Icon";
import { departmentName } from "../../models/ticket-directory";
import type { AssigneeFilter, TicketsModel, TicketView } from "../../models/tickets";
import { ShopPicker } from "../ShopPicker";
import type { Me } from "./TicketActions";
import { TicketList } from "./TicketList";
import { TicketPane } from "./TicketPane";
import { statusName } from "./ticket-text";

/**
 * 工单: status views with their counts, quick filters (mine, unassigned, overdue), department and
 * search, the platform's shop picker, 导出 (the list as filtered, as CSV); the list on the left,
 * the open ticket on the right (one at a time on a narrow screen).
 */
export function TicketsView({ model, me, onOpenChat }: { model: TicketsModel; me: Me; onOpenChat: (threadId: string) => void }) {
  const open = model.selectedId.value !== null;
  return (
    <main class={`page tickets-page${open ? " has-ticket" : ""}`} data-testid="tickets-view">
      <header class="page-head">
        <h1>{t("tickets.title")}</h1>
        <ViewTabs model={model} />
        <span class="page-head-spacer" />
        {model.canPickShop.value && <ShopPicker value={model.shopId.value} shops={model.shops.value} onChange={(id) => model.setShop(id)} testId="tickets-shop" allLabel={t("tickets.allShops")} />}
        <button type="button" class="btn btn-outline" data-testid="tickets-export" disabled={model.exporting.value} title={t("tickets.exportHint")} onClick={() => void model.exportCsv()}>
          {model.exporting.value ? t("tickets.exporting") : t("tickets.export")}
        </button>
        <button type="button" class="btn btn-ghost btn-icon" data-testid="tickets-refresh" title={t("tickets.refresh")} aria-label={t("tickets.refresh")} onClick={() => void model.load()}>
          <Icon name="refresh" size={16} />
        </button>
      </header>
      <Filters model={model} />
      {model.error.value && <ErrorNote error={model.error.value} />}
      <div class="tickets-body">
        <TicketList model={model} />
        <TicketPane model={model} me={me} onOpenChat={onOpenChat} />
      </div>
    </main>
  );
}

function ViewTabs({ model }: { model: TicketsModel }) {
  const counts = model.counts.value;
  const current = model.view.value;
  const countOf = (v: TicketView): number | null => {
    if (!counts) return null;
    if (v === "active") return counts.open + counts.in_progress + counts.pending;
    if (v === "all") return counts.open + counts.in_progress + counts.pending + counts.resolved + counts.closed;
    return counts[v];
  };
  return (
    <div class="tabs ticket-views" role="group" aria-label={t("tickets.views")}>
      {TICKET_VIEWS.map((v) => {
        const n = countOf(v);
        return (
          <button key={v} type="button" class={`tab${current === v ? " active" : ""}`} aria-pressed={current === v} data-testid={`tickets-view-${v}`} onClick={() => (model.view.value = v)}>
            {v === "active" || v === "all" ? t(`tickets.view.${v}`) : statusName(v)}
            {n !== null && <span class="count-badge" data-testid="tickets-count">{n}</span>}
          </button>
        );
      })}
    </div>
  );
}

const QUICK: { key: AssigneeFilter; label: "tickets.filter.mine" | "tickets.filter.unassigned" }[] = [
  { key: "me", label: "tickets.filter.mine" },
  { key: "none", label: "tickets.filter.unassigned" },
];

function Filters({ model }: { model: TicketsModel }) {
  const dir = model.listDirectory.value;
  const counts = model.counts.value;
  return (
    <div class="kb-toolbar tickets-filters" role="group" aria-label={t("tickets.filters")}>
      {QUICK.map((f) => {
        const on = model.assignee.value === f.key;
        return (
          <button key={f.key} type="button" class={`btn btn-outline btn-small${on ? " on" : ""}`} aria-pressed={on} data-testid={`tickets-filter-${f.key}`} onClick={() => (model.assignee.value = on ? "" : f.key)}>
            {t(f.label)}
          </button>
        );
      })}
      <button type="button" class={`btn btn-outline btn-small${model.overdue.value ? " on" : ""}`} aria-pressed={model.overdue.value} data-testid="tickets-filter-overdue" onClick={() => (model.overdue.value = !model.overdue.value)}>
        {t("tickets.filter.overdue")}
        {counts && counts.overdue > 0 && <span class="count-badge warn">{counts.overdue}</span>}
      </button>
      {dir && (
        <select aria-label={t("tickets.department")} data-testid="tickets-department" value={model.department.value} onChange={(e) => (model.department.value = e.currentTarget.value)}>
          <option value="">{t("tickets.filter.allDepartments")}</option>
          {dir.groups.map((g) => (
            <option key={g.key} value={g.key}>
              {departmentName(g)}
            </option>
          ))}
        </select>
      )}
      <input type="search" class="kb-search" data-testid="tickets-search" placeholder={t("tickets.search")} aria-label={t("tickets.search")} maxLength={100} value={model.search.value} onInput={(e) => (model.search.value = e.currentTarget.value)} />
      {model.customer.value && (
        <span class="chip" data-testid="tickets-customer-filter">
          {t("tickets.filter.customer", { name: model.customer.value.name })}
          <button type="button" class="chip-remove" aria-label={t("tickets.filter.clear")} title={t("tickets.filter.clear")} onClick={() => (model.customer.value = null)}>
            <Icon name="close" size={12} />
          </button>
        </span>
      )}
    </div>
  );
}
