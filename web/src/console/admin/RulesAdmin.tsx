import type { ShopInfo } from "../../common/api-types";
import { t } from "../../common/i18n";
import { issueText } from "../../common/issue-text";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { AdminModel } from "../../models/admin";
import { RuleEditor } from "./RuleEditor";
import { RuleList } from "./RuleList";
import { RuleTester } from "./RuleTester";

/** 分流规则: the ordered list, the selected rule's form, and the tester side by side. */
export function RulesAdmin({ admin, shops }: { admin: AdminModel; shops: readonly ShopInfo[] }) {
  const rules = admin.rules;
  const groups = admin.groups.value;
  const error = rules.error.value;
  return (
    <div class="rules-admin">
      <section class="rules-column">
        <p class="muted rules-hint">{t("rules.hint")}</p>
        <RuleList rules={rules} groups={groups} />
        <div class="rules-bar">
          <button type="button" class="btn btn-outline btn-small" data-testid="rule-add" onClick={() => rules.add()}>
            + {t("rules.add")}
          </button>
          {rules.dirty.value && (
            <button type="button" class="btn btn-ghost btn-small" data-testid="rules-reset" onClick={() => rules.reset()}>
              {t("rules.reset")}
            </button>
          )}
        </div>
        <button type="button" class="btn btn-primary btn-block" data-testid="rules-save" disabled={!rules.dirty.value || rules.saving.value} onClick={() => void rules.save()}>
          {t(rules.saving.value ? "admin.saving" : "rules.save")}
        </button>
        {rules.dirty.value && !error && <p class="info-note" data-testid="rules-dirty">{t("rules.dirty")}</p>}
        {rules.justSaved.value && !rules.dirty.value && <p class="ok-note" data-testid="rules-saved">{t("admin.saved")}</p>}
        {error && (
          <div data-testid="rules-error">
            {Object.keys(rules.ruleErrors.value).length > 0 ? <p class="error-note" role="alert">{t("rules.saveFailed")}</p> : <ErrorNote error={error} />}
            {rules.generalErrors.value.map((g) => <p key={g} class="error-note">{issueText(g)}</p>)}
          </div>
        )}
      </section>
      <section class="rules-editor-column">
        <RuleEditor rules={rules} groups={groups} shops={shops} />
      </section>
      <RuleTester tester={admin.tester} groups={groups} />
    </div>
  );
}
