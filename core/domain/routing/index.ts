/**
 * Routing rules: schemas for rules stored as data, business hours, the pure router and the
 * starter rule set. The room and the admin API import from here.
 */
export { DEFAULT_BUSINESS_HOURS, BusinessHours, OpeningInterval, isWithinBusinessHours } from "./business-hours";
export { DEFAULT_TIME_ZONE, HHMM, WEEKDAYS, localClock, type Weekday } from "./clock";
export type { RoutingFacts, RuleCheck } from "./conditions";
export { defaultRulesFor } from "./defaults";
export type { RuleTrace } from "./explain";
export { findCategories, findKeywords } from "./match";
export { BUILTIN_DEFAULT_RULE, routeSession, type RoutingContext, type RoutingDecision } from "./route";
export { MAX_RULES, validateRuleSet } from "./rule-set";
export {
  CONDITION_KEYS, CategoryPattern, GroupKey, Keyword, RoutingRule, RoutingRuleInput, RuleActions, RuleConditions, RuleId, TimeOfDay,
  type ConditionKey,
} from "./schema";
