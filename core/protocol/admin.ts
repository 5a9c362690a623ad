/**
 * Admin request bodies: skill groups, agents, routing rules and the rule tester.
 */
import * as v from "valibot";
import { Channel, CustomerLevel, EntryType, PLATFORM_SHOP_ID, ShopId, StaffRole } from "./common";
import { BusinessHours } from "../domain/routing/business-hours";

export const ShopQuery = v.object({ shop: v.optional(ShopId) });

export const GroupUpdate = v.object({
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32))),
  nameEn: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32))),
  policy: v.optional(v.picklist(["least_loaded", "round_robin", "sticky"], "must be one of least_loaded, round_robin, sticky")),
  fallbackKey: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(32)))),
  maxWaitSec: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10, "must be at least 10"), v.maxValue(3600, "must be at most 3600"))),
  stickySec: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600))),
  onAgentOffline: v.optional(v.picklist(["requeue", "keep"], "must be requeue or keep")),
});
export type GroupUpdate = v.InferOutput<typeof GroupUpdate>;

export const AgentUpdate = v.object({
  capacity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, "must be at least 1"), v.maxValue(50, "must be at most 50"))),
  seniority: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, "must be 1-5"), v.maxValue(5, "must be 1-5"))),
  groups: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.maxLength(20))),
});
export type AgentUpdate = v.InferOutput<typeof AgentUpdate>;

/** Shortest password a staff account may have (set by an admin, or changed by its owner). */
export const MIN_PASSWORD_LENGTH = 10;

/** A new password for a staff account. */
export const StaffPassword = v.pipe(v.string("must be a string"), v.minLength(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`), v.maxLength(256));

/**
 * Whether the account must change a password an admin set before it may do anything else (default:
 * it must, as the admin knows it).
 */
const MustChangePassword = v.optional(v.boolean("must be true or false"), true);

/** An admin sets a new password for a staff member of the shop who forgot theirs. */
export const AgentPasswordReset = v.object({ password: StaffPassword, mustChangePassword: MustChangePassword });
export type AgentPasswordReset = v.InferOutput<typeof AgentPasswordReset>;

/** The roles an account of a shop may have: platform roles on the platform desk, shop roles elsewhere. */
export function rolesForShop(shopId: string): StaffRole[] {
  return shopId === PLATFORM_SHOP_ID ? ["platform_agent", "platform_admin"] : ["shop_agent", "shop_admin"];
}

/** A new staff account of the shop; `role` must be one of `rolesForShop`. */
export const AgentCreate = v.object({
  email: v.pipe(v.string("must be a string"), v.trim(), v.toLowerCase(), v.email("must be an e-mail address"), v.maxLength(254)),
  name: v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(32, "must be at most 32 characters")),
  role: StaffRole,
  password: StaffPassword,
  mustChangePassword: MustChangePassword,
  ...AgentUpdate.entries,
});
export type AgentCreate = v.InferOutput<typeof AgentCreate>;

/** A sample consultation for the rule tester: "which group would this go to, and why". */
export const RuleTestBody = v.object({
  rules: v.optional(v.unknown()),
  text: v.pipe(v.string(), v.maxLength(2000)),
  level: v.optional(CustomerLevel, "normal"),
  channel: v.optional(Channel, "h5"),
  entryType: v.optional(EntryType),
  entryId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  at: v.optional(v.pipe(v.number(), v.integer())),
});
export type RuleTestBody = v.InferOutput<typeof RuleTestBody>;

export const RulesPut = v.object({ rules: v.unknown() });

/** The shop's service hours (服务时间): a zone and each weekday's opening intervals; an empty day is closed. */
export const BusinessHoursPut = v.object({ hours: BusinessHours });
export type BusinessHoursPut = v.InferOutput<typeof BusinessHoursPut>;

export const LeaveMessageQuery = v.object({ shop: v.optional(ShopId), status: v.optional(v.picklist(["open", "handled", "all"]), "open") });
