import type { QueueSnapshot } from "../../../../core/protocol";
import { lang, nameOf, t } from "../../common/i18n";

/** One card per skill group: agents online and customers waiting. */
export function GroupsSummary({ groups }: { groups: QueueSnapshot["groups"] }) {
  return (
    <section class="group-cards" aria-label={t("queue.groups")} data-testid="groups-summary">
      {groups.map((g) => (
        <div key={g.key} class={`group-card${g.waiting > 0 && g.online === 0 ? " alert" : ""}`} data-testid="group-card" data-group-key={g.key}>
          <div class="group-card-name">{lang.value === "en" ? g.nameEn : g.name}</div>
          <div class="group-card-policy">{nameOf("policy", g.policy)}</div>
          <div class="group-card-stats">
            <span class="stat-online">{t("queue.online", { n: g.online })}</span>
            <span class={g.waiting > 0 ? "stat-waiting" : "muted"}>{t("queue.waitingCount", { n: g.waiting })}</span>
          </div>
        </div>
      ))}
    </section>
  );
}
