/**
 * Validation of a shop's whole rule list, on save and on load. Single rules are checked by
 * their schema; this adds what only the list can tell: one default, unique ids and positions.
 * No loop guard is needed: a rule only picks a group and never triggers another rule.
 */
import * as v from "valibot";
import { describeIssues, parseInput, type FieldIssue, type Parsed } from "../../protocol/validate";
import { RoutingRule } from "./schema";

/** At most this many rules per shop: the rule tester lists them all, and each costs a check per session. */
export const MAX_RULES = 100;

const RuleList = v.pipe(v.array(RoutingRule), v.maxLength(MAX_RULES, `must hold at most ${MAX_RULES} rules`));

/** Issues naming `<index>.<field>` for ids or positions seen earlier in the list. */
function duplicates(rules: readonly RoutingRule[], field: "id" | "position"): FieldIssue[] {
  const seen = new Map<string | number, number>();
  const issues: FieldIssue[] = [];
  rules.forEach((r, i) => {
    const first = seen.get(r[field]);
    if (first === undefined) seen.set(r[field], i);
    else issues.push({ field: `${i}.${field}`, message: `duplicates rule ${first} (${String(r[field])})` });
  });
  return issues;
}

/**
 * Validates a rule list: every rule against `RoutingRule`, then exactly one default rule,
 * unique ids and unique positions (so the order an admin sees is the order rules are tried).
 * Field names are `<index>.<field>`, e.g. `2.actions.priority`.
 */
export function validateRuleSet(rules: unknown): Parsed<RoutingRule[]> {
  const parsed = parseInput(RuleList, rules);
  if (!parsed.ok) return parsed;
  const list = parsed.value;
  const issues = [...duplicates(list, "id"), ...duplicates(list, "position")];
  const defaults = list.flatMap((r, i) => (r.isDefault ? [i] : []));
  if (defaults.length === 0) issues.push({ field: "", message: "must hold exactly one default rule; none is marked isDefault" });
  for (const i of defaults.slice(1)) {
    issues.push({ field: `${i}.isDefault`, message: `must hold exactly one default rule; rule ${defaults[0]} is already the default` });
  }
  if (issues.length === 0) return { ok: true, value: list };
  return { ok: false, code: "invalid_input", message: describeIssues(issues), issues };
}
