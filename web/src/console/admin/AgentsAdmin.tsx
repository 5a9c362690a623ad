import { errorAt } from "../../common/field-errors";
import { lang, t } from "../../common/i18n";
import type { DirectoryModel } from "../../models/admin-directory";
import { FieldError } from "./FieldError";
import { RowStatus } from "./RowStatus";

/** Agents: how many chats at once, seniority (senior-only rules), and skill groups. */
export function AgentsAdmin({ directory }: { directory: DirectoryModel }) {
  const dir = directory.directory.value;
  const drafts = directory.agentDrafts.value;
  const rows = directory.rows.value;
  const groups = dir?.groups ?? [];
  return (
    <table class="data-table admin-table" data-testid="agents-admin">
      <thead>
        <tr>
          <th>{t("agent.name")}</th>
          <th>{t("agent.capacity")}</th>
          <th>{t("agent.seniority")}</th>
          <th>{t("agent.groups")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {(dir?.agents ?? []).map((a) => {
          const d = drafts[a.id];
          if (!d) return null;
          const row = rows[`agent:${a.id}`];
          const errs = row?.status === "failed" ? row.fields : {};
          const toggle = (key: string) => directory.editAgent(a.id, { groups: d.groups.includes(key) ? d.groups.filter((k) => k !== key) : [...d.groups, key] });
          return (
            <tr key={a.id} data-testid="agent-admin-row" data-agent-id={a.id}>
              <td>
                <strong>{a.name}</strong>
                <div class="muted">
                  {t(`staffRole.${a.role as "shop_agent"}`)} · {a.email}
                </div>
              </td>
              <td>
                <input class="input-num" type="number" min={1} max={50} data-testid="agent-capacity" value={d.capacity} onInput={(e) => directory.editAgent(a.id, { capacity: e.currentTarget.value })} aria-invalid={!!errs.capacity} />
                <FieldError message={errs.capacity} />
              </td>
              <td>
                <input class="input-num" type="number" min={1} max={5} data-testid="agent-seniority" value={d.seniority} onInput={(e) => directory.editAgent(a.id, { seniority: e.currentTarget.value })} aria-invalid={!!errs.seniority} />
                <FieldError message={errs.seniority} />
              </td>
              <td>
                <div class="chip-toggles">
                  {groups.map((g) => (
                    <button key={g.key} type="button" class={`chip-toggle${d.groups.includes(g.key) ? " on" : ""}`} aria-pressed={d.groups.includes(g.key)} data-testid="agent-group-toggle" data-group-key={g.key} onClick={() => toggle(g.key)}>
                      {lang.value === "en" ? g.nameEn : g.name}
                    </button>
                  ))}
                </div>
                <FieldError message={errorAt(errs, "groups")} />
              </td>
              <td class="row-actions">
                <button type="button" class="btn btn-primary btn-small" data-testid="agent-save" disabled={row?.status === "saving"} onClick={() => void directory.saveAgent(a.id)}>
                  {t("admin.save")}
                </button>
                <RowStatus state={row} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
