import { lang, nameOf, t } from "../../common/i18n";
import type { DirectoryModel } from "../../models/admin-directory";
import { NumberCell, SaveCell, SelectCell } from "./RowCells";

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
              <SelectCell testId="group-policy" value={d.policy} error={errs.policy} onChange={(policy) => edit({ policy })} options={POLICIES.map((p) => ({ value: p, label: nameOf("policy", p) }))} />
              <SelectCell
                testId="group-fallback"
                value={d.fallbackKey}
                error={errs.fallbackKey}
                onChange={(fallbackKey) => edit({ fallbackKey })}
                options={[{ value: "", label: t("group.noFallback") }, ...groups.filter((o) => o.key !== g.key).map((o) => ({ value: o.key, label: name(o) }))]}
              />
              <NumberCell testId="group-maxwait" value={d.maxWaitSec} error={errs.maxWaitSec} onInput={(maxWaitSec) => edit({ maxWaitSec })} />
              <NumberCell testId="group-sticky" value={d.stickySec} error={errs.stickySec} onInput={(stickySec) => edit({ stickySec })} />
              <SelectCell testId="group-offline" value={d.onAgentOffline} error={errs.onAgentOffline} onChange={(onAgentOffline) => edit({ onAgentOffline })} options={OFFLINE.map((o) => ({ value: o, label: nameOf("offline", o) }))} />
              <SaveCell testId="group-save" row={row} onSave={() => void directory.saveGroup(g.key)} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
