import type { RuleTrace } from "../../../../core/domain/routing/explain";
import { t } from "../../common/i18n";
import { checkDetail, conditionLabel } from "./trace-text";

/** The router's path: each rule tried in order, each condition ✓ or ✗ with the reason. */
export function TraceView({ trace }: { trace: readonly RuleTrace[] }) {
  return (
    <div class="trace">
      <h3>{t("tester.trace")}</h3>
      <ol class="trace-list" data-testid="rule-trace">
        {trace.map((r) => {
          const verdict = r.skipped ? "skipped" : r.matched ? "matched" : "missed";
          return (
            <li key={r.ruleId} class={`trace-rule trace-${verdict}`} data-testid="trace-rule" data-rule-id={r.ruleId} data-verdict={verdict}>
              <div class="trace-head">
                <span class="trace-name">{r.ruleName}</span>
                <span class={`badge trace-verdict-${verdict}`}>{t(r.skipped ? "tester.skipped" : r.matched ? "tester.matched" : "tester.notMatched")}</span>
              </div>
              {r.isDefault && <div class="trace-note muted">{t("tester.defaultRule")}</div>}
              {!r.skipped && !r.isDefault && r.checks.length === 0 && <div class="trace-note muted">{t("tester.noConditions")}</div>}
              {r.checks.length > 0 && (
                <ul class="trace-checks">
                  {r.checks.map((c) => (
                    <li key={c.condition} class={c.ok ? "ok" : "fail"} data-condition={c.condition} data-ok={String(c.ok)}>
                      <span class="check-mark" aria-hidden="true">{c.ok ? "✓" : "✗"}</span>
                      <span class="check-label">{conditionLabel(c)}</span>
                      <span class="check-detail">{checkDetail(c)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
