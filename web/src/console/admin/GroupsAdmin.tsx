import { lang, nameOf, t } from "../../common/i18n";
import type { DirectoryModel } from "../../models/admin-directory";
import { FieldError } from "./FieldError";
import { RowStatus } from "./RowStatus";

const POLICIES = ["least_loaded", "round_robin", "sticky"] as const;
const OFFLINE = ["requeue", "keep"] as const;

/** Skill groups: assignment policy, overflow, wait limit, sticky window, offline handling. */
export function GroupsAdmin({ directory }: { directory: DirectoryModel }) {
  const groups = directory.directory.value?.groups ?? [];
  const drafts = directory.groupDrafts.value;
  const rows = directory.rows.value;
  const name = (g: { name: string; nameEn: string }) => (lang.value === "en" ? g.nameEn : g.name);
  return (
    <table class="data-table admin-table" data-testid="groups-admin">
      <thead>
        <tr>
          <th>{t("group.name")}</th>
          <th>{t("group.policy")}</th>
          <th>{t("group.fallback")}</th>
          <th>{t("group.maxWait")}</th>
          <th>{t("group.sticky")}</th>
          <th>{t("group.onOffline")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const d = drafts[g.key];
          if (!d) return null;
          const row = rows[`group:${g.key}`];
          const errs = row?.status === "failed" ? row.fields : {};
          const edit = (patch: Partial<typeof d>) => directory.editGroup(g.key, patch);
          return (
            <tr key={g.key} data-testid="group-row" data-group-key={g.key}>
              <td>
                <strong>{name(g)}</strong>
                <div class="muted mono">{g.key}</div>
              </td>
              <td>
                <select data-testid="group-policy" value={d.policy} onChange={(e) => edit({ policy: e.currentTarget.value })} aria-invalid={!!errs.policy}>
                  {POLICIES.map((p) => (
                    <option key={p} value={p}>{nameOf("policy", p)}</option>
                  ))}
                </select>
                <FieldError message={errs.policy} />
              </td>
              <td>
                <select data-testid="group-fallback" value={d.fallbackKey} onChange={(e) => edit({ fallbackKey: e.currentTarget.value })} aria-invalid={!!errs.fallbackKey}>
                  <option value="">{t("group.noFallback")}</option>
                  {groups.filter((o) => o.key !== g.key).map((o) => (
                    <option key={o.key} value={o.key}>{name(o)}</option>
                  ))}
                </select>
                <FieldError message={errs.fallbackKey} />
              </td>
              <td>
                <input class="input-num" type="number" inputMode="numeric" data-testid="group-maxwait" value={d.maxWaitSec} onInput={(e) => edit({ maxWaitSec: e.currentTarget.value })} aria-invalid={!!errs.maxWaitSec} />
                <FieldError message={errs.maxWaitSec} />
              </td>
              <td>
                <input class="input-num" type="number" inputMode="numeric" data-testid="group-sticky" value={d.stickySec} onInput={(e) => edit({ stickySec: e.currentTarget.value })} aria-invalid={!!errs.stickySec} />
                <FieldError message={errs.stickySec} />
              </td>
              <td>
                <select data-testid="group-offline" value={d.onAgentOffline} onChange={(e) => edit({ onAgentOffline: e.currentTarget.value })} aria-invalid={!!errs.onAgentOffline}>
                  {OFFLINE.map((o) => (
                    <option key={o} value={o}>{nameOf("offline", o)}</option>
                  ))}
                </select>
                <FieldError message={errs.onAgentOffline} />
              </td>
              <td class="row-actions">
                <button type="button" class="btn btn-primary btn-small" data-testid="group-save" disabled={row?.status === "saving"} onClick={() => void directory.saveGroup(g.key)}>
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
