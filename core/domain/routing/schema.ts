/**
 * Routing rules as data: what an admin saves, what D1 stores and what the router reads back.
 * The same schemas validate on save and on load, so a rule edited by hand in the database
 * cannot route sessions in a shape the editor would have refused.
 */
import * as v from "valibot";
import { Channel, CustomerLevel, EntryType, ShopId } from "../../protocol/common";
import { INTENTS } from "../intent";
import { HHMM, isInterval } from "./clock";

/** Rule ids are URL-safe, so the admin API can address them in paths. */
export const RuleId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, '_' or '-'"));

/** A skill group's key within its shop (presales, logistics, …), as in `skill_groups.key`. */
export const GroupKey = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, "must be a skill group key such as logistics"));

/** `electronics` (a department) or `electronics/phones` (a category), as in the catalog. */
export const CategoryPattern = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?$/, "must be a category key or a department such as electronics"),
);

/** A keyword or phrase; normalised (NFKC, lower case) only when matching, so the editor shows it as typed. */
export const Keyword = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(50, "must be at most 50 characters"));

/** Clock-time window in the business-hours zone; `to` before `from` wraps midnight. */
export const TimeOfDay = v.pipe(
  v.strictObject({ from: HHMM, to: HHMM }),
  v.check(({ from, to }) => isInterval(from, to), "from and to must differ, and 24:00 may only end the window"),
);

/**
 * A list condition holds when any of its values matches. An empty list is refused rather than
 * read as "any": an admin who clears the last keyword would otherwise turn the rule into a
 * catch-all that silently shadows every rule below it.
 */
function anyOf<S extends v.GenericSchema>(item: S, max: number) {
  return v.optional(
    v.pipe(
      v.array(item),
      v.minLength(1, "must list at least one value; remove the condition to match any"),
      v.maxLength(max, `must list at most ${max} values`),
    ),
  );
}

/**
 * Conditions of a rule: all optional, ANDed together; each list is ORed within itself.
 * Strict, because an unknown key (a typo such as `keyword`) would otherwise be dropped and
 * the rule would match more than its author meant.
 */
export const RuleConditions = v.strictObject({
  keywords: anyOf(Keyword, 100),
  intents: anyOf(v.picklist(INTENTS, `must be one of ${INTENTS.join(", ")}`), INTENTS.length),
  categories: anyOf(CategoryPattern, 50),
  levels: anyOf(CustomerLevel, 4),
  channels: anyOf(Channel, 6),
  entryTypes: anyOf(EntryType, 4),
  shops: anyOf(ShopId, 200),
  timeOfDay: v.optional(TimeOfDay),
  businessHours: v.optional(v.picklist(["inside", "outside"], "must be inside or outside")),
});
export type RuleConditions = v.InferOutput<typeof RuleConditions>;

/** Condition keys in the order the router checks and the tester lists them. */
export const CONDITION_KEYS = [
  "keywords", "intents", "categories", "levels", "channels", "entryTypes", "shops", "timeOfDay", "businessHours",
] as const satisfies readonly (keyof RuleConditions)[];
export type ConditionKey = (typeof CONDITION_KEYS)[number];

/** What a matching rule does to the session. */
export const RuleActions = v.strictObject({
  groupKey: GroupKey,
  priority: v.optional(v.pipe(v.number("must be a number"), v.integer("must be an integer"), v.minValue(0, "must be 0-10"), v.maxValue(10, "must be 0-10")), 0),
  seniorOnly: v.optional(v.boolean("must be true or false"), false),
  skipBot: v.optional(v.boolean("must be true or false"), false),
  // Blank is the editor's way of saying "no auto-reply".
  autoReply: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(500, "must be at most 500 characters"), v.transform((s) => s || undefined)),
  ),
});
export type RuleActions = v.InferOutput<typeof RuleActions>;

const ruleFields = {
  name: v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(60, "must be at most 60 characters")),
  enabled: v.optional(v.boolean("must be true or false"), true),
  position: v.pipe(v.number("must be a number"), v.integer("must be an integer"), v.minValue(0, "must be 0 or more"), v.maxValue(1_000_000, "must be at most 1000000")),
  conditions: v.optional(RuleConditions, {}),
  actions: RuleActions,
};

/** The body of a create or update: the server owns `id` and `isDefault`. */
export const RoutingRuleInput = v.strictObject(ruleFields);
export type RoutingRuleInput = v.InferOutput<typeof RoutingRuleInput>;

/** A stored rule. The default rule is the catch-all: no conditions, never disabled. */
export const RoutingRule = v.pipe(
  v.strictObject({ id: RuleId, ...ruleFields, isDefault: v.optional(v.boolean("must be true or false"), false) }),
  v.forward(
    v.check((r) => !r.isDefault || Object.values(r.conditions).every((c) => c === undefined), "the default rule must have no conditions"),
    ["conditions"],
  ),
  v.forward(v.check((r) => !r.isDefault || r.enabled, "the default rule cannot be disabled"), ["enabled"]),
);
export type RoutingRule = v.InferOutput<typeof RoutingRule>;
