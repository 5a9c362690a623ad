import type { QueueSnapshot } from "../../../../core/protocol";
import { lang, nameOf, t } from "../../common/i18n";

/** The shop's agents: status, load against capacity, and groups. */
export function AgentsPanel({ agents, groups, meId }: { agents: QueueSnapshot["agents"]; groups: QueueSnapshot["groups"]; meId: string }) {
  const groupName = (key: string) => {
    const g = groups.find((x) => x.key === key);
    return g ? (lang.value === "en" ? g.nameEn : g.name) : key;
  };
  const staffed = agents.filter((a) => a.groups.length > 0 || a.id === meId);
  return (
    <aside class="agents-panel" aria-labelledby="agents-title" data-testid="agents-panel">
      <h2 id="agents-title">{t("queue.agents")}</h2>
      <ul class="agent-list">
        {staffed.map((a) => (
          <li key={a.id} class="agent-row" data-testid="agent-row" data-agent-id={a.id} data-status={a.status}>
            <div class="agent-line">
              <span class="agent-name">
                {a.name}
                {a.id === meId && <span class="muted"> ({t("queue.me")})</span>}
              </span>
              <span class={`agent-status agent-status-${a.status}`}>{nameOf("agentStatus", a.status)}</span>
            </div>
            <div class="load-bar" role="meter" aria-valuemin={0} aria-valuemax={a.capacity} aria-valuenow={a.load} aria-label={t("queue.load", { load: a.load, capacity: a.capacity })}>
              <span style={{ width: `${Math.min(100, (a.load / Math.max(1, a.capacity)) * 100)}%` }} />
            </div>
            <div class="agent-line">
              <span class="agent-groups">{a.groups.map(groupName).join(" · ")}</span>
              <span class="muted">{t("queue.load", { load: a.load, capacity: a.capacity })}</span>
            </div>
          </li>
        ))}
      </ul>
    </aside>
  );
}
