/**
 * A shop's service directory: skill groups and staff with their groups, as the queue needs them.
 */
import { and, eq, getTableColumns, inArray, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { skillGroups, staff, staffGroups, staffTwoFactor } from "../schema";

export async function listGroups(db: Database, shopId: string) {
  return db.select().from(skillGroups).where(eq(skillGroups.shopId, shopId)).orderBy(skillGroups.key).all();
}

/** Enabled staff of a shop with the keys of their groups, and whether their two-factor login is on. */
export async function listStaffWithGroups(db: Database, shopId: string) {
  const people = await db
    .select({ ...getTableColumns(staff), twoFactorSince: staffTwoFactor.enabledAt })
    .from(staff)
    .leftJoin(staffTwoFactor, eq(staffTwoFactor.staffId, staff.id))
    .where(and(eq(staff.shopId, shopId), isNull(staff.disabledAt)))
    .all();
  if (people.length === 0) return [];
  const links = await db
    .select({ staffId: staffGroups.staffId, key: skillGroups.key })
    .from(staffGroups)
    .innerJoin(skillGroups, eq(skillGroups.id, staffGroups.groupId))
    .where(inArray(staffGroups.staffId, people.map((p) => p.id)))
    .all();
  return people.map(({ twoFactorSince, ...p }) => ({ ...p, twoFactor: twoFactorSince !== null, groups: links.filter((l) => l.staffId === p.id).map((l) => l.key) }));
}
