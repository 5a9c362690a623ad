import { errorAt } from "../../common/field-errors";
import { lang, t } from "../../common/i18n";
import type { DirectoryModel } from "../../models/admin-directory";
import { FieldError } from "./FieldError";
import { NumberCell, SaveCell } from "./RowCells";

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
              <NumberCell testId="agent-capacity" min={1} max={50} value={d.capacity} error={errs.capacity} onInput={(capacity) => directory.editAgent(a.id, { capacity })} />
              <NumberCell testId="agent-seniority" min={1} max={5} value={d.seniority} error={errs.seniority} onInput={(seniority) => directory.editAgent(a.id, { seniority })} />
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
              <SaveCell testId="agent-save" row={row} onSave={() => void directory.saveAgent(a.id)} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
