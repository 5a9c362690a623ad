import type { TicketFigures as Figures } from "../../../../core/domain/analytics/tickets";
import type { TicketCategory } from "../../../../core/protocol/tickets";
import { t } from "../../common/i18n";
import { departmentName } from "../../models/ticket-directory";
import { categoryText } from "../tickets/ticket-text";
import { Card, Kpi, pct } from "./report-parts";

/**
 * 工单 on the 数据 page: opened and resolved in the range, the share resolved in time and how long
 * resolution took, the backlog now; tickets by category and by department. `own`: the tickets
 * assigned to the agent (我的数据).
 */
export function TicketFigures({ figures: f, own }: { figures: Figures; own: boolean }) {
  // Hours to one decimal: a resolution within minutes reads as such, not as "0 hours".
  const hours = (h: number | null) => (h === null ? t("stats.none") : h < 0.1 ? t("stats.tickets.minutes") : t("stats.tickets.hours", { n: h }));
  return (
    <section class="stats-tickets" data-testid="stats-tickets">
      <h2>{t(own ? "stats.tickets.titleOwn" : "stats.tickets.title")}</h2>
      <div class="kpis">
        <Kpi id="tickets-opened" label={t("stats.tickets.opened")} value={String(f.opened)} />
        <Kpi id="tickets-resolved" label={t("stats.tickets.resolved")} value={String(f.resolved)} />
        <Kpi id="tickets-sla" label={t("stats.tickets.sla")} value={pct(f.slaRate)} hint={f.resolved ? t("stats.tickets.slaHint", { n: f.withinSla, of: f.resolved }) : undefined} />
        <Kpi id="tickets-time" label={t("stats.tickets.time")} value={hours(f.resolutionAvgHours)} hint={t("stats.tickets.timeHint", { median: hours(f.resolutionMedianHours) })} />
        <Kpi id="tickets-active" label={t("stats.tickets.active")} value={String(f.active)} hint={t("stats.tickets.now")} />
        <Kpi id="tickets-overdue" label={t("stats.tickets.overdue")} value={String(f.overdue)} hint={t("stats.tickets.now")} />
      </div>
      {f.categories.length === 0 && f.departments.length === 0 ? (
        <p class="empty-hint" data-testid="stats-tickets-empty">{t("stats.tickets.empty")}</p>
      ) : (
        <div class="stats-grid">
          <Card title={t("stats.tickets.byCategory")}>
            {f.categories.length === 0 ? <p class="empty-hint">{t("stats.tickets.empty")}</p> : <CategoryTable figures={f} />}
          </Card>
          <Card title={t("stats.tickets.byDepartment")}>
            <DepartmentTable figures={f} />
          </Card>
        </div>
      )}
    </section>
  );
}

function CategoryTable({ figures: f }: { figures: Figures }) {
  return (
    <table class="data-table stats-table" data-testid="stats-ticket-categories">
      <thead>
        <tr>
          <th>{t("stats.tickets.category")}</th>
          <th class="num">{t("stats.tickets.opened")}</th>
          <th class="num">{t("stats.tickets.resolved")}</th>
        </tr>
      </thead>
      <tbody>
        {f.categories.map((c) => (
          <tr key={c.category} data-category={c.category}>
            <td>{categoryText(c.category as TicketCategory)}</td>
            <td class="num">{c.opened}</td>
            <td class="num">{c.resolved}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DepartmentTable({ figures: f }: { figures: Figures }) {
  return (
    <table class="data-table stats-table" data-testid="stats-ticket-departments">
      <thead>
        <tr>
          <th>{t("stats.tickets.department")}</th>
          <th class="num">{t("stats.tickets.opened")}</th>
          <th class="num">{t("stats.tickets.resolved")}</th>
          <th class="num">{t("stats.tickets.active")}</th>
          <th class="num">{t("stats.tickets.overdue")}</th>
        </tr>
      </thead>
      <tbody>
        {f.departments.map((d) => (
          <tr key={d.key ?? ""} data-department={d.key ?? ""}>
            <td>{d.key === null ? t("tickets.noDepartment") : departmentName({ name: d.name ?? d.key, nameEn: d.nameEn ?? d.key })}</td>
            <td class="num">{d.opened}</td>
            <td class="num">{d.resolved}</td>
            <td class="num">{d.active}</td>
            <td class={`num${d.overdue ? " warn" : ""}`}>{d.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
