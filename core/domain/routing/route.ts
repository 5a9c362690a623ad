/**
 * The router: given a shop's rules and a shopper's first message, pick the skill group and how
 * the session is handled. Pure, so the room calls it with a snapshot of the rules and the admin
 * rule tester calls it with a draft, and both get the same answer and the same explanation.
 */
import type { Channel, CustomerLevel, Entry } from "../../protocol/common";
import { detectIntent, type Intent } from "../intent";
import { normalizeText } from "../text/tokenize";
import type { BusinessHours } from "./business-hours";
import { checkConditions, factsAt, type RoutingFacts } from "./conditions";
import { explainRule, type RuleTrace } from "./explain";
import type { RoutingRule } from "./schema";

/** Everything the router may look at. The shell resolves the entry's categories beforehand. */
export interface RoutingContext {
  /** The shopper's message. */
  readonly text: string;
  /** The thread's shop (`platform` for the platform desk). */
  readonly shopId: string;
  readonly level: CustomerLevel;
  readonly channel: Channel;
  readonly entry: Entry | null;
  /** The entry product's category, or the categories of the entry order's items. */
  readonly entryCategories: readonly string[];
  readonly businessHours: BusinessHours;
}

/** Where the session goes and why. */
export interface RoutingDecision {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly groupKey: string;
  readonly priority: number;
  readonly seniorOnly: boolean;
  readonly skipBot: boolean;
  readonly autoReply?: string;
  readonly intent: { intent: Intent; confidence: number; matched: string[] };
  /** Each rule tried (or skipped), in order, ending with the winner. */
  readonly trace: RuleTrace[];
  /** The trace as sentences for the rule tester. */
  readonly explanation: string[];
}

/** Used when a shop has no default rule, so a session is never left without a group. */
export const BUILTIN_DEFAULT_RULE: RoutingRule = {
  id: "builtin-default",
  name: "默认",
  enabled: true,
  position: Number.MAX_SAFE_INTEGER,
  conditions: {},
  actions: { groupKey: "presales", priority: 0, seniorOnly: false, skipBot: false },
  isDefault: true,
};

/**
 * Non-default rules by position (ties keep their given order), then the default rule. The
 * default goes last whatever its position: it is a catch-all and would shadow anything after it.
 */
function ordered(rules: readonly RoutingRule[]): { candidates: RoutingRule[]; fallback: RoutingRule } {
  const byPosition = [...rules].sort((a, b) => a.position - b.position);
  return {
    candidates: byPosition.filter((r) => !r.isDefault),
    fallback: byPosition.find((r) => r.isDefault) ?? BUILTIN_DEFAULT_RULE,
  };
}

function traceOf(rule: RoutingRule, facts: RoutingFacts): RuleTrace {
  const base = { ruleId: rule.id, ruleName: rule.name, isDefault: rule.isDefault };
  if (!rule.enabled) return { ...base, matched: false, skipped: "disabled", checks: [] };
  const checks = checkConditions(rule.conditions, facts);
  return { ...base, matched: checks.every((c) => c.ok), checks };
}

/**
 * Routes one session: enabled rules are tried in `position` order and the first whose
 * conditions all hold wins; the default rule (or the built-in one) catches the rest. The
 * intent is detected once here, whether or not any rule asks for it, because the room stores
 * it with the session and the bot uses it.
 */
export function routeSession(rules: readonly RoutingRule[], ctx: RoutingContext, now: number): RoutingDecision {
  const detected = detectIntent(ctx.text);
  const facts = factsAt(
    {
      text: normalizeText(ctx.text),
      intent: detected.intent,
      shopId: ctx.shopId,
      level: ctx.level,
      channel: ctx.channel,
      entryType: ctx.entry?.type ?? null,
      entryCategories: ctx.entryCategories,
    },
    ctx.businessHours,
    now,
  );
  const { candidates, fallback } = ordered(rules);
  const trace: RuleTrace[] = [];
  let winner = fallback;
  for (const rule of candidates) {
    const t = traceOf(rule, facts);
    trace.push(t);
    if (t.matched) {
      winner = rule;
      break;
    }
  }
  if (winner === fallback) trace.push({ ruleId: fallback.id, ruleName: fallback.name, isDefault: true, matched: true, checks: [] });

  const { actions } = winner;
  const explanation = [
    `识别意图: ${detected.intent} (置信度 ${detected.confidence}${detected.matched.length ? `; ${detected.matched.map((m) => `"${m}"`).join(", ")}` : ""})`,
    ...trace.flatMap((t) => explainRule(t, t.matched ? actions.groupKey : undefined)),
  ];
  if (fallback === BUILTIN_DEFAULT_RULE && winner === fallback) explanation.push("未配置默认规则，使用内置默认规则");
  return {
    ruleId: winner.id,
    ruleName: winner.name,
    groupKey: actions.groupKey,
    priority: actions.priority,
    seniorOnly: actions.seniorOnly,
    skipBot: actions.skipBot,
    ...(actions.autoReply !== undefined ? { autoReply: actions.autoReply } : {}),
    intent: { intent: detected.intent, confidence: detected.confidence, matched: detected.matched },
    trace,
    explanation,
  };
}
