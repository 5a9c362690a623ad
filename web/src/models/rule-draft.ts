/**
 * Pure helpers for editing a routing rule list in the admin page: list conditions that vanish
 * when emptied (the schema refuses empty lists), positions assigned from the on-screen order
 * with the default rule last, and the server's `<index>.<field>` issues mapped back to rules.
 */
import type { RoutingRule, RuleConditions } from "../../../core/domain/routing/schema";
import type { FieldIssue } from "../../../core/protocol";
import type { FieldErrors } from "../common/field-errors";

export type Rule = RoutingRule;
export type ListCondition = "keywords" | "intents" | "categories" | "levels" | "channels" | "entryTypes" | "shops";

/** Sets a list condition; an empty list removes it ("any"), as the schema refuses empty lists. */
export function withList(c: RuleConditions, key: ListCondition, values: readonly string[]): RuleConditions {
  const next: Record<string, unknown> = { ...c };
  if (values.length) next[key] = [...values];
  else delete next[key];
  return next as RuleConditions;
}

/** Sets or clears one of the other conditions (time of day, business hours). */
export function withCondition<K extends "timeOfDay" | "businessHours">(c: RuleConditions, key: K, value: RuleConditions[K] | undefined): RuleConditions {
  const next = { ...c };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** Default rule last, the rest by position: the order the router tries them. */
export function ordered(rules: readonly Rule[]): Rule[] {
  return [...rules].sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || a.position - b.position);
}

/** Positions 10, 20, … in list order; the default rule after all of them. */
export function withPositions(rules: readonly Rule[]): Rule[] {
  const list = ordered(rules.map((r, i) => ({ ...r, position: i })));
  return list.map((r, i) => ({ ...r, position: (i + 1) * 10 }));
}

/** Moves a non-default rule up (-1) or down (+1), never past the default rule. */
export function moved(rules: readonly Rule[], id: string, delta: -1 | 1): Rule[] {
  const i = rules.findIndex((r) => r.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= rules.length || rules[i]!.isDefault || rules[j]!.isDefault) return [...rules];
  const next = [...rules];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** A fresh rule id: URL-safe, unique enough within a shop's hundred rules. */
export function newRuleId(shopId: string): string {
  return `${shopId}_r${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export interface MappedIssues {
  /** Rule id → `field → message`, the field relative to the rule (`actions.priority`). */
  byRule: Record<string, FieldErrors>;
  /** Issues about the list as a whole (no default rule, too many rules). */
  general: string[];
}

/** Maps `<index>.<field>` issues of a saved list back to the rules at those indexes. */
export function mapIssues(sent: readonly Rule[], issues: readonly FieldIssue[]): MappedIssues {
  const byRule: Record<string, Record<string, string>> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const m = /^(\d+)(?:\.(.*))?$/.exec(issue.field);
    const rule = m ? sent[Number(m[1])] : undefined;
    if (!rule) {
      general.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
      continue;
    }
    const field = m![2] ?? "";
    const errs = (byRule[rule.id] ??= {});
    if (!(field in errs)) errs[field] = issue.message;
  }
  return { byRule, general };
}
