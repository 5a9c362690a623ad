import type { ShopInfo } from "../../common/api-types";
import { errorAt } from "../../common/field-errors";
import { t } from "../../common/i18n";
import type { GroupRow } from "../../models/admin-directory";
import type { RulesModel } from "../../models/admin-rules";
import { FieldError } from "./FieldError";
import { RuleActionsForm } from "./RuleActionsForm";
import { RuleConditionsForm } from "./RuleConditionsForm";

/** The selected rule as a form: name, enabled, conditions (not for the default rule), actions. */
export function RuleEditor({ rules, groups, shops }: { rules: RulesModel; groups: readonly GroupRow[]; shops: readonly ShopInfo[] }) {
  const r = rules.selected.value;
  if (!r) return <p class="empty-hint">{t("rules.select")}</p>;
  const errors = rules.ruleErrors.value[r.id];
  const update = rules.update;
  return (
    <div class="rule-editor" data-testid="rule-editor" data-rule-id={r.id}>
      <div class="rule-editor-head">
        <label class="field grow">
          <span>{t("rules.name")}</span>
          <input type="text" data-testid="rule-name" maxLength={80} value={r.name} onInput={(e) => update(r.id, (x) => ({ ...x, name: e.currentTarget.value }))} aria-invalid={!!errorAt(errors, "name")} />
          <FieldError message={errorAt(errors, "name")} />
        </label>
        <label class="inline-check">
          <input type="checkbox" checked={r.enabled} disabled={r.isDefault} onChange={(e) => update(r.id, (x) => ({ ...x, enabled: e.currentTarget.checked }))} />
          {t("rules.enabled")}
        </label>
        {!r.isDefault && (
          <button type="button" class="btn btn-outline btn-small btn-danger" data-testid="rule-delete" onClick={() => rules.remove(r.id)}>
            {t("rules.delete")}
          </button>
        )}
      </div>
      <FieldError message={errors?.[""] ?? errorAt(errors, "enabled") ?? errorAt(errors, "position") ?? errorAt(errors, "id") ?? errorAt(errors, "isDefault")} />
      <h3>{t("rules.conditions")}</h3>
      {r.isDefault ? (
        <>
          <p class="muted">{t("rules.defaultNote")}</p>
          <FieldError message={errors?.["conditions"]} />
        </>
      ) : (
        <RuleConditionsForm conditions={r.conditions} errors={errors} shops={shops} onChange={(conditions) => update(r.id, (x) => ({ ...x, conditions }))} />
      )}
      <h3>{t("rules.actions")}</h3>
      <RuleActionsForm actions={r.actions} errors={errors} groups={groups} onChange={(actions) => update(r.id, (x) => ({ ...x, actions }))} />
    </div>
  );
}
