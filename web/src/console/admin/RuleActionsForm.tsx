import type { RuleActions } from "../../../../core/domain/routing/schema";
import { errorAt, type FieldErrors } from "../../common/field-errors";
import { lang, t } from "../../common/i18n";
import type { GroupRow } from "../../models/admin-directory";
import { FieldError } from "./FieldError";

/** What a matching rule does: the group, priority, senior-only, skip the bot, auto-reply. */
export function RuleActionsForm({ actions: a, errors, groups, onChange }: { actions: RuleActions; errors: FieldErrors | undefined; groups: readonly GroupRow[]; onChange: (next: RuleActions) => void }) {
  const err = (key: string) => errorAt(errors, `actions.${key}`);
  const known = groups.some((g) => g.key === a.groupKey);
  return (
    <div class="action-form">
      <label class="field">
        <span>{t("act.groupKey")}</span>
        <select data-testid="act-group" value={a.groupKey} onChange={(e) => onChange({ ...a, groupKey: e.currentTarget.value })} aria-invalid={!!err("groupKey")}>
          {!known && <option value={a.groupKey}>{a.groupKey}</option>}
          {groups.map((g) => (
            <option key={g.key} value={g.key}>
              {lang.value === "en" ? g.nameEn : g.name} ({g.key})
            </option>
          ))}
        </select>
        <FieldError message={err("groupKey")} />
      </label>
      <label class="field">
        <span>{t("act.priority")}</span>
        <input
          type="number"
          class="input-num"
          data-testid="act-priority"
          value={Number.isFinite(a.priority) ? a.priority : ""}
          onInput={(e) => onChange({ ...a, priority: e.currentTarget.value === "" ? Number.NaN : Number(e.currentTarget.value) })}
          aria-invalid={!!err("priority")}
        />
        <FieldError message={err("priority")} />
      </label>
      <label class="inline-check">
        <input type="checkbox" data-testid="act-senior" checked={a.seniorOnly} onChange={(e) => onChange({ ...a, seniorOnly: e.currentTarget.checked })} />
        {t("act.seniorOnly")}
      </label>
      <label class="inline-check">
        <input type="checkbox" data-testid="act-skip-bot" checked={a.skipBot} onChange={(e) => onChange({ ...a, skipBot: e.currentTarget.checked })} />
        {t("act.skipBot")}
      </label>
      <label class="field">
        <span>{t("act.autoReply")}</span>
        <textarea rows={2} maxLength={600} data-testid="act-auto-reply" value={a.autoReply ?? ""} onInput={(e) => onChange({ ...a, autoReply: e.currentTarget.value })} aria-invalid={!!err("autoReply")} />
        <FieldError message={err("autoReply")} />
      </label>
    </div>
  );
}
