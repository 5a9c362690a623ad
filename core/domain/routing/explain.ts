/**
 * Human-readable lines for the admin rule tester, written from the machine trace. Chinese
 * because the desk works in Chinese; the console may instead translate `trace` itself.
 */
import type { RuleCheck } from "./conditions";
import type { ConditionKey } from "./schema";

/** One rule as the router saw it. */
export interface RuleTrace {
  readonly ruleId: string;
  readonly ruleName: string;
  /** True for the rule that won; at most one entry is matched. */
  readonly matched: boolean;
  /** Set when the rule was not tried at all. */
  readonly skipped?: "disabled";
  readonly isDefault: boolean;
  readonly checks: RuleCheck[];
}

const LABELS: Record<ConditionKey, string> = {
  keywords: "关键词",
  intents: "意图",
  categories: "类目",
  levels: "会员等级",
  channels: "渠道",
  entryTypes: "入口",
  shops: "店铺",
  timeOfDay: "时段",
  businessHours: "营业时间",
};

const quote = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(", ");

function describe(check: RuleCheck): string {
  switch (check.condition) {
    case "keywords":
      return check.ok ? quote(check.detail.hits) : "";
    case "categories":
      return check.ok ? quote(check.detail.hits) : `(入口类目: ${check.detail.actual.join(", ") || "无"})`;
    case "timeOfDay": {
      const { actual, from, to, timeZone } = check.detail;
      return `(${actual} ${check.ok ? "在" : "不在"} ${from}-${to}, ${timeZone})`;
    }
    case "businessHours":
      return `(${check.detail.actual === "inside" ? "营业时间内" : "营业时间外"}, ${check.detail.timeZone})`;
    case "intents":
      return check.ok ? check.detail.actual : `(识别为 ${check.detail.actual})`;
    default: {
      const actual = check.detail.actual ?? "无";
      return check.ok ? actual : `(当前 ${actual})`;
    }
  }
}

/** The lines of one traced rule: one per condition, then the verdict. */
export function explainRule(t: RuleTrace, groupKey?: string): string[] {
  const head = `规则 "${t.ruleName}":`;
  if (t.skipped) return [`${head} 已停用，跳过`];
  const lines = t.checks.map((c) => [head, LABELS[c.condition], c.ok ? "匹配" : "不匹配", describe(c)].filter(Boolean).join(" "));
  if (t.isDefault) lines.push(`${head} 默认规则，其他规则都未命中`);
  else if (t.checks.length === 0) lines.push(`${head} 无条件，总是匹配`);
  lines.push(t.matched ? `${head} 命中 → 技能组 ${groupKey}` : `${head} 未命中`);
  return lines;
}
