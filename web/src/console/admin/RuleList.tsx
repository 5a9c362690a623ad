import { lang, t } from "../../common/i18n";
import { Icon } from "../../common/ui/Icon";
import type { RulesModel } from "../../models/admin-rules";
import type { GroupRow } from "../../models/admin-directory";

/** The ordered rules: select to edit, move up/down, enable/disable; the default is pinned last. */
export function RuleList({ rules, groups }: { rules: RulesModel; groups: readonly GroupRow[] }) {
  const list = rules.rules.value;
  const selectedId = rules.selectedId.value;
  const errors = rules.ruleErrors.value;
  const groupName = (key: string) => {
    const g = groups.find((x) => x.key === key);
    return g ? (lang.value === "en" ? g.nameEn : g.name) : key;
  };
  return (
    <ol class="rule-list" data-testid="rule-list">
      {list.map((r, i) => {
        const canUp = !r.isDefault && i > 0;
        const canDown = !r.isDefault && !list[i + 1]?.isDefault && i < list.length - 1;
        return (
          <li
            key={r.id}
            class={`rule-item${r.id === selectedId ? " selected" : ""}${r.enabled ? "" : " disabled"}${errors[r.id] ? " invalid" : ""}`}
            data-testid="rule-item"
            data-rule-id={r.id}
            data-default={String(r.isDefault)}
          >
            <button type="button" class="rule-pick" onClick={() => rules.select(r.id)} aria-current={r.id === selectedId ? "true" : undefined}>
              <span class="rule-index">{r.isDefault ? "∞" : i + 1}</span>
              <span class="rule-text">
                <span class="rule-name">
                  {r.name}
                  {r.isDefault && <span class="badge">{t("rules.default")}</span>}
                  {!r.enabled && <span class="badge badge-ended">{t("rules.off")}</span>}
                  {errors[r.id] && <span class="badge badge-danger" title={t("rules.hasErrors")}>!</span>}
                </span>
                <span class="rule-sub">→ {groupName(r.actions.groupKey)}</span>
              </span>
            </button>
            <span class="rule-tools">
              <button type="button" class="btn btn-ghost btn-icon btn-small" data-testid="rule-up" aria-label={t("rules.up")} title={t("rules.up")} disabled={!canUp} onClick={() => rules.move(r.id, -1)}>
                <Icon name="up" size={14} />
              </button>
              <button type="button" class="btn btn-ghost btn-icon btn-small" data-testid="rule-down" aria-label={t("rules.down")} title={t("rules.down")} disabled={!canDown} onClick={() => rules.move(r.id, 1)}>
                <Icon name="down" size={14} />
              </button>
              <input type="checkbox" class="switch" data-testid="rule-enabled" aria-label={t("rules.enabled")} title={t("rules.enabled")} checked={r.enabled} disabled={r.isDefault} onChange={(e) => rules.update(r.id, (x) => ({ ...x, enabled: e.currentTarget.checked }))} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
