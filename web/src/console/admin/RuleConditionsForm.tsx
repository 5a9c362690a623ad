import type { ComponentChildren } from "preact";
import { CATEGORY_KEYS } from "../../../../core/domain/catalog";
import { INTENTS } from "../../../../core/domain/intent/intents";
import type { RuleConditions } from "../../../../core/domain/routing/schema";
import { CHANNELS, CUSTOMER_LEVELS, ENTRY_TYPES } from "../../../../core/protocol";
import { errorAt, type FieldErrors } from "../../common/field-errors";
import { categoryName, channelName, entryName, lang, nameOf, t, type MessageKey } from "../../common/i18n";
import type { ShopInfo } from "../../common/api-types";
import { withCondition, withList, type ListCondition } from "../../models/rule-draft";
import { ChipsInput } from "./ChipsInput";
import { FieldError } from "./FieldError";
import { ToggleChips } from "./ToggleChips";

const DEPARTMENTS = [...new Set(CATEGORY_KEYS.map((k) => k.split("/")[0]!))];

function Row({ label, error, children }: { label: MessageKey; error?: string; children: ComponentChildren }) {
  return (
    <div class={`cond-row${error ? " has-error" : ""}`}>
      <div class="cond-label">{t(label)}</div>
      <div class="cond-control">
        {children}
        <FieldError message={error} />
      </div>
    </div>
  );
}

export interface ConditionsProps {
  conditions: RuleConditions;
  errors: FieldErrors | undefined;
  shops: readonly ShopInfo[];
  onChange: (next: RuleConditions) => void;
}

/** Every condition of a rule; a list left empty means "any" (the condition is removed). */
export function RuleConditionsForm({ conditions: c, errors, shops, onChange }: ConditionsProps) {
  const list = (key: ListCondition) => ({ values: (c[key] as string[] | undefined) ?? [], onChange: (v: string[]) => onChange(withList(c, key, v)) });
  const err = (key: string) => errorAt(errors, `conditions.${key}`);
  const opts = (values: readonly string[], label: (v: string) => string) => values.map((value) => ({ value, label: label(value) }));
  const time = c.timeOfDay;
  return (
    <div class="cond-form">
      <Row label="cond.keywords" error={err("keywords")}>
        <ChipsInput {...list("keywords")} testId="cond-keywords" placeholder={t("cond.keywordsHint")} invalid={!!err("keywords")} />
      </Row>
      <Row label="cond.intents" error={err("intents")}>
        <ToggleChips {...list("intents")} testId="cond-intents" options={opts(INTENTS, (v) => nameOf("intent", v))} />
      </Row>
      <Row label="cond.categories" error={err("categories")}>
        <ToggleChips {...list("categories")} testId="cond-categories" options={[...opts(DEPARTMENTS, (v) => nameOf("dept", v)), ...opts(CATEGORY_KEYS, categoryName)]} />
      </Row>
      <Row label="cond.levels" error={err("levels")}>
        <ToggleChips {...list("levels")} testId="cond-levels" options={opts(CUSTOMER_LEVELS, (v) => nameOf("level", v))} />
      </Row>
      <Row label="cond.channels" error={err("channels")}>
        <ToggleChips {...list("channels")} testId="cond-channels" options={opts(CHANNELS, channelName)} />
      </Row>
      <Row label="cond.entryTypes" error={err("entryTypes")}>
        <ToggleChips {...list("entryTypes")} testId="cond-entry-types" options={opts(ENTRY_TYPES, entryName)} />
      </Row>
      {(shops.length > 0 || c.shops) && (
        <Row label="cond.shops" error={err("shops")}>
          {shops.length > 0 ? (
            <ToggleChips {...list("shops")} testId="cond-shops" options={shops.map((s) => ({ value: s.id, label: lang.value === "en" ? s.nameEn : s.name }))} />
          ) : (
            <ChipsInput {...list("shops")} testId="cond-shops" />
          )}
        </Row>
      )}
      <Row label="cond.timeOfDay" error={err("timeOfDay")}>
        <label class="inline-check">
          <input type="checkbox" data-testid="cond-time-on" checked={!!time} onChange={(e) => onChange(withCondition(c, "timeOfDay", e.currentTarget.checked ? { from: "09:00", to: "18:00" } : undefined))} />
          {t("cond.timeOn")}
        </label>
        {time && (
          <span class="time-range">
            <label>
              {t("cond.timeFrom")} <input type="time" data-testid="cond-time-from" value={time.from} onInput={(e) => onChange(withCondition(c, "timeOfDay", { ...time, from: e.currentTarget.value }))} />
            </label>
            <label>
              {t("cond.timeTo")} <input type="time" data-testid="cond-time-to" value={time.to} onInput={(e) => onChange(withCondition(c, "timeOfDay", { ...time, to: e.currentTarget.value }))} />
            </label>
          </span>
        )}
      </Row>
      <Row label="cond.businessHours" error={err("businessHours")}>
        <select data-testid="cond-business-hours" value={c.businessHours ?? ""} onChange={(e) => onChange(withCondition(c, "businessHours", (e.currentTarget.value || undefined) as RuleConditions["businessHours"]))}>
          <option value="">{t("rules.any")}</option>
          <option value="inside">{t("bh.inside")}</option>
          <option value="outside">{t("bh.outside")}</option>
        </select>
      </Row>
    </div>
  );
}
