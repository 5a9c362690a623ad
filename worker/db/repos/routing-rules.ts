/**
 * Routing rules of a shop, stored as validated JSON; a shop with none routes by the starter set.
 */
import { asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { defaultRulesFor, RoutingRule } from "../../../core/domain/routing";
import type { Database } from "../client";
import { routingRules, shops } from "../schema";
import { BusinessHours, DEFAULT_BUSINESS_HOURS } from "../../../core/domain/routing";

/** The shop's rules in order; rows that no longer validate are skipped (and logged), never guessed. */
export async function listRules(db: Database, shopId: string): Promise<RoutingRule[]> {
  return rulesOf(shopId, await rulesQuery(db, shopId).all());
}

function rulesQuery(db: Database, shopId: string) {
  return db.select().from(routingRules).where(eq(routingRules.shopId, shopId)).orderBy(asc(routingRules.position));
}

function rulesOf(shopId: string, rows: (typeof routingRules.$inferSelect)[]): RoutingRule[] {
  if (rows.length === 0) return defaultRulesFor(shopId);
  const rules: RoutingRule[] = [];
  for (const r of rows) {
    const parsed = v.safeParse(RoutingRule, { id: r.id, name: r.name, enabled: r.enabled, position: r.position, isDefault: r.isDefault, conditions: r.conditions, actions: r.actions });
    if (parsed.success) rules.push(parsed.output);
    else console.error("stored routing rule is invalid; skipped", shopId, r.id);
  }
  return rules;
}

/** Replaces a shop's whole rule set in one batch (the admin page saves the ordered list). */
export async function replaceRules(db: Database, shopId: string, rules: RoutingRule[], by: string, now: number): Promise<void> {
  await db.batch([
    db.delete(routingRules).where(eq(routingRules.shopId, shopId)),
    ...rules.map((r) =>
      db.insert(routingRules).values({ id: r.id, shopId, name: r.name, position: r.position, enabled: r.enabled, isDefault: r.isDefault, conditions: r.conditions, actions: r.actions, updatedAt: now, updatedBy: by }),
    ),
  ]);
}

function hoursQuery(db: Database, shopId: string) {
  return db.select({ hours: shops.businessHours }).from(shops).where(eq(shops.id, shopId));
}

/** The shop's business hours, or the default. */
function hoursOf(row: { hours: unknown } | undefined): BusinessHours {
  const parsed = v.safeParse(BusinessHours, row?.hours);
  return parsed.success ? parsed.output : DEFAULT_BUSINESS_HOURS;
}

/** The shop's business hours as stored (the default until set). */
export async function loadBusinessHours(db: Database, shopId: string): Promise<BusinessHours> {
  return hoursOf((await hoursQuery(db, shopId).all())[0]);
}

/** Stores the shop's business hours; false when there is no such shop. */
export async function saveBusinessHours(db: Database, shopId: string, hours: BusinessHours, now: number): Promise<boolean> {
  const updated = await db.update(shops).set({ businessHours: hours, updatedAt: now }).where(eq(shops.id, shopId)).returning({ id: shops.id });
  return updated.length > 0;
}

/** What routing a session reads: the rules and the business hours, in one round trip. */
export async function loadRoutingConfig(db: Database, shopId: string): Promise<{ rules: RoutingRule[]; hours: BusinessHours }> {
  const [rules, hours] = await db.batch([rulesQuery(db, shopId), hoursQuery(db, shopId)]);
  return { rules: rulesOf(shopId, rules), hours: hoursOf(hours[0]) };
}
