/**
 * Routing administration: the shop's rule list, the rule tester, skill groups and agents. Every
 * change to groups or agents reloads the shop's queue so it routes with the new directory.
 */
import { and, eq } from "drizzle-orm";
import { getServerByName } from "partyserver";
import { isWithinBusinessHours, routeSession, validateRuleSet, type BusinessHours, type RoutingRule } from "../../core/domain/routing";
import { DomainError, fieldError } from "../../core/domain/errors";
import type { AgentUpdate, GroupUpdate, RuleTestBody } from "../../core/protocol";
import type { Database } from "../db/client";
import { listGroups, listStaffWithGroups } from "../db/repos/directory";
import { findShopProduct } from "../db/repos/mall";
import { listRules, loadBusinessHours, loadRoutingConfig, replaceRules, saveBusinessHours } from "../db/repos/routing-rules";
import { shopRequiresTwoFactor } from "../db/repos/two-factor";
import { skillGroups, staff, staffGroups } from "../db/schema";
import { routingChanged } from "./routing-config";

export async function getRules(db: Database, shopId: string) {
  return { shopId, rules: await listRules(db, shopId) };
}

/** Validates and stores a whole ordered rule list. */
export async function putRules(db: Database, shopId: string, rules: unknown, by: string, now = Date.now()) {
  const parsed = validateRuleSet(rules);
  if (!parsed.ok) throw new DomainError("invalid_input", `rules: ${parsed.message}`, parsed.issues);
  const keys = new Set((await listGroups(db, shopId)).map((g) => g.key));
  const unknown = parsed.value.flatMap((r, i) => (keys.has(r.actions.groupKey) ? [] : [{ field: `${i}.actions.groupKey`, message: `no skill group ${r.actions.groupKey} in this shop` }]));
  if (unknown.length) throw new DomainError("invalid_input", `rules: ${unknown.map((u) => `${u.field}: ${u.message}`).join("; ")}`, unknown);
  await replaceRules(db, shopId, parsed.value, by, now);
  routingChanged(shopId);
  return { shopId, rules: parsed.value };
}

/** The shop's service hours, and whether the desk is open right now by them. */
/** The hours, whether the shop is open now, and its mailbox (shown beside the hours: mail comes in around the clock). */
function hoursAnswer(shopId: string, hours: BusinessHours, now: number, serviceEmail: string | null) {
  return { shopId, hours, openNow: isWithinBusinessHours(hours, now), serviceEmail };
}

export async function getBusinessHours(db: Database, shopId: string, serviceEmail: string | null, now = Date.now()) {
  return hoursAnswer(shopId, await loadBusinessHours(db, shopId), now, serviceEmail);
}

/**
 * Stores the shop's service hours. They decide when the bot offers leave-a-message instead of a
 * hand-off, the rules' business-hours conditions, and the zone the bot reads "昨天" in.
 */
export async function putBusinessHours(db: Database, shopId: string, hours: BusinessHours, serviceEmail: string | null, now = Date.now()) {
  if (!(await saveBusinessHours(db, shopId, hours, now))) throw new DomainError("not_found", `no shop ${shopId}`);
  routingChanged(shopId);
  return hoursAnswer(shopId, hours, now, serviceEmail);
}

/** Runs a sample message through the stored (or a draft) rule list: the group and why. */
export async function testRules(db: Database, shopId: string, body: RuleTestBody) {
  let draft: RoutingRule[] | undefined;
  if (body.rules !== undefined) {
    const parsed = validateRuleSet(body.rules);
    if (!parsed.ok) throw new DomainError("invalid_input", `rules: ${parsed.message}`, parsed.issues);
    draft = parsed.value;
  }
  // Read afresh, not from the rooms' memo: an admin testing what they just saved sees it.
  const stored = await loadRoutingConfig(db, shopId);
  const rules = draft ?? stored.rules;
  const entry = body.entryType ? { type: body.entryType, ...(body.entryId ? { id: body.entryId } : {}) } : null;
  let categories: string[] = [];
  if (entry?.type === "product" && entry.id) categories = [(await findShopProduct(db, shopId, entry.id))?.category].filter((c): c is string => !!c);
  if (entry?.type === "order" && entry.id) {
    const order = await db.query.orders.findFirst({ where: (o, { and, eq }) => and(eq(o.id, entry.id!), eq(o.shopId, shopId)) });
    categories = order ? order.items.map((i) => i.category) : [];
  }
  const decision = routeSession(rules, { text: body.text, shopId, level: body.level, channel: body.channel, entry, entryCategories: categories, businessHours: stored.hours }, body.at ?? Date.now());
  return { decision };
}

async function reloadQueue(env: Env, shopId: string): Promise<void> {
  await (await getServerByName(env.AgentQueue, shopId)).reloadDirectory();
}

export async function getDirectory(db: Database, shopId: string) {
  const [groups, agents, twoFactorRequired] = await Promise.all([listGroups(db, shopId), listStaffWithGroups(db, shopId), shopRequiresTwoFactor(db, shopId)]);
  const keyOf = new Map(groups.map((g) => [g.id, g.key]));
  return {
    shopId,
    /** The shop requires two-factor login of its staff (PUT /api/admin/two-factor-policy). */
    twoFactorRequired: twoFactorRequired === true,
    groups: groups.map((g) => ({ key: g.key, name: g.name, nameEn: g.nameEn, policy: g.policy, fallbackKey: g.fallbackGroupId ? (keyOf.get(g.fallbackGroupId) ?? null) : null, maxWaitSec: g.maxWaitSec, stickySec: g.stickySec, onAgentOffline: g.onAgentOffline })),
    agents: agents.map((a) => ({ id: a.id, name: a.name, email: a.email, role: a.role, capacity: a.capacity, seniority: a.seniority, groups: a.groups, twoFactor: a.twoFactor })),
  };
}

export async function updateGroup(env: Env, db: Database, shopId: string, key: string, body: GroupUpdate) {
  const groups = await listGroups(db, shopId);
  const group = groups.find((g) => g.key === key);
  if (!group) throw new DomainError("not_found", `no group ${key} in this shop`);
  let fallbackGroupId: string | null | undefined;
  if (body.fallbackKey !== undefined) {
    const fb = body.fallbackKey === null ? null : groups.find((g) => g.key === body.fallbackKey);
    if (fb === undefined) throw new DomainError("invalid_input", `fallbackKey: no group ${body.fallbackKey} in this shop`);
    if (fb && fb.id === group.id) throw new DomainError("invalid_input", "fallbackKey: a group cannot fall back to itself");
    fallbackGroupId = fb ? fb.id : null;
  }
  const { fallbackKey: _fk, ...rest } = body;
  await db.update(skillGroups).set({ ...rest, ...(fallbackGroupId !== undefined ? { fallbackGroupId } : {}) }).where(and(eq(skillGroups.id, group.id), eq(skillGroups.shopId, shopId))).run();
  await reloadQueue(env, shopId);
  return getDirectory(db, shopId);
}

/** The ids of the shop's groups named by `keys`; `invalid_input` on `groups` when a key is not one of them. */
export function groupIdsOf(groups: readonly { id: string; key: string }[], keys: readonly string[]): string[] {
  const unknown = keys.filter((k) => !groups.some((g) => g.key === k));
  if (unknown.length) {
    const message = `no group ${unknown.join(", ")} in this shop`;
    throw fieldError("invalid_input", "groups", message);
  }
  return keys.map((k) => groups.find((g) => g.key === k)!.id);
}

export async function updateAgent(env: Env, db: Database, shopId: string, staffId: string, body: AgentUpdate) {
  const person = await db.query.staff.findFirst({ where: (s, { and, eq }) => and(eq(s.id, staffId), eq(s.shopId, shopId)) });
  if (!person) throw new DomainError("not_found", `no staff ${staffId} in this shop`);
  const ids = groupIdsOf(await listGroups(db, shopId), body.groups ?? []);
  const statements = [];
  if (body.capacity !== undefined || body.seniority !== undefined) {
    statements.push(db.update(staff).set({ ...(body.capacity !== undefined ? { capacity: body.capacity } : {}), ...(body.seniority !== undefined ? { seniority: body.seniority } : {}) }).where(eq(staff.id, staffId)));
  }
  if (body.groups) {
    statements.push(db.delete(staffGroups).where(eq(staffGroups.staffId, staffId)));
    if (ids.length) statements.push(db.insert(staffGroups).values(ids.map((groupId) => ({ staffId, groupId }))));
  }
  if (statements.length) await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  await reloadQueue(env, shopId);
  return getDirectory(db, shopId);
}

