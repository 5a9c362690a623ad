import { CHANNELS, CUSTOMER_LEVELS, ENTRY_TYPES, type Channel, type CustomerLevel } from "../../../../core/protocol";
import { channelName, entryName, lang, nameOf, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { GroupRow } from "../../models/admin-directory";
import type { RuleTesterModel, TesterForm } from "../../models/rule-tester";
import { TraceView } from "./TraceView";

/** 规则测试: a sample consultation in, the routing decision and the reasons out. */
export function RuleTester({ tester, groups }: { tester: RuleTesterModel; groups: readonly GroupRow[] }) {
  const f = tester.form.value;
  const result = tester.result.value;
  const groupName = (key: string) => {
    const g = groups.find((x) => x.key === key);
    return g ? `${lang.value === "en" ? g.nameEn : g.name} (${key})` : key;
  };
  return (
    <section class="rule-tester" aria-labelledby="tester-title" data-testid="rule-tester">
      <h2 id="tester-title">{t("tester.title")}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void tester.run();
        }}
      >
        <label class="field">
          <span>{t("tester.text")}</span>
          <textarea rows={2} data-testid="rule-tester-text" placeholder={t("tester.textPlaceholder")} value={f.text} onInput={(e) => tester.edit({ text: e.currentTarget.value })} />
        </label>
        <div class="field-row">
          <label class="field">
            <span>{t("tester.level")}</span>
            <select data-testid="rule-tester-level" value={f.level} onChange={(e) => tester.edit({ level: e.currentTarget.value as CustomerLevel })}>
              {CUSTOMER_LEVELS.map((l) => <option key={l} value={l}>{nameOf("level", l)}</option>)}
            </select>
          </label>
          <label class="field">
            <span>{t("tester.channel")}</span>
            <select data-testid="rule-tester-channel" value={f.channel} onChange={(e) => tester.edit({ channel: e.currentTarget.value as Channel })}>
              {CHANNELS.map((c) => <option key={c} value={c}>{channelName(c)}</option>)}
            </select>
          </label>
        </div>
        <div class="field-row">
          <label class="field">
            <span>{t("tester.entryType")}</span>
            <select data-testid="rule-tester-entry-type" value={f.entryType} onChange={(e) => tester.edit({ entryType: e.currentTarget.value as TesterForm["entryType"] })}>
              <option value="">{t("tester.none")}</option>
              {ENTRY_TYPES.map((x) => <option key={x} value={x}>{entryName(x)}</option>)}
            </select>
          </label>
          <label class="field">
            <span>{t("tester.entryId")}</span>
            <input type="text" data-testid="rule-tester-entry-id" disabled={!f.entryType} value={f.entryId} onInput={(e) => tester.edit({ entryId: e.currentTarget.value })} />
          </label>
        </div>
        <label class="inline-check">
          <input type="checkbox" data-testid="rule-tester-draft" checked={f.useDraft} onChange={(e) => tester.edit({ useDraft: e.currentTarget.checked })} />
          {t("tester.useDraft")}
        </label>
        <button type="submit" class="btn btn-primary btn-block" data-testid="rule-tester-submit" disabled={tester.busy.value}>
          {t(tester.busy.value ? "tester.testing" : "tester.submit")}
        </button>
      </form>
      {tester.error.value && <ErrorNote error={tester.error.value} />}
      {result && (
        <div class="tester-result" data-testid="rule-tester-result" data-group={result.groupKey} data-rule-id={result.ruleId}>
          <dl class="facts">
            <dt>{t("tester.group")}</dt>
            <dd data-testid="tester-group"><strong>{groupName(result.groupKey)}</strong></dd>
            <dt>{t("tester.priority")}</dt>
            <dd>{result.priority}</dd>
            <dt>{t("tester.rule")}</dt>
            <dd data-testid="tester-rule">{result.ruleName}</dd>
            <dt>{t("tester.intent")}</dt>
            <dd data-testid="tester-intent" data-intent={result.intent.intent}>
              {nameOf("intent", result.intent.intent)} · {t("tester.confidence", { n: result.intent.confidence })}
              {result.intent.matched.length > 0 && <div class="muted">{t("tester.terms", { terms: result.intent.matched.join("、") })}</div>}
            </dd>
            {(result.seniorOnly || result.skipBot || result.autoReply) && (
              <>
                <dt>{t("tester.flags")}</dt>
                <dd>
                  {[result.seniorOnly && t("tester.seniorOnly"), result.skipBot && t("tester.skipBot")].filter(Boolean).join(" · ")}
                  {result.autoReply && <div class="muted">{t("tester.autoReply", { text: result.autoReply })}</div>}
                </dd>
              </>
            )}
          </dl>
          <TraceView trace={result.trace} />
        </div>
      )}
    </section>
  );
}
