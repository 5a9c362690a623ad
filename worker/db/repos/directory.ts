/**
 * A shop's service directory: skill groups and staff with their groups, as the queue needs them.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { skillGroups, staff, staffGroups } from "../schema";

export async function listGroups(db: Database, shopId: string) {
  return db.select().from(skillGroups).where(eq(skillGroups.shopId, shopId)).orderBy(skillGroups.key).all();
}

/** Enabled staff of a shop with the keys of their groups. */
export async function listStaffWithGroups(db: Database, shopId: string) {
  const people = await db.select().from(staff).where(and(eq(staff.shopId, shopId), isNull(staff.disabledAt))).all();
  if (people.length === 0) return [];
  const links = await db
    .select({ staffId: staffGroups.staffId, key: skillGroups.key })
    .from(staffGroups)
    .innerJoin(skillGroups, eq(skillGroups.id, staffGroups.groupId))
    .where(inArray(staffGroups.staffId, people.map((p) => p.id)))
    .all();
  return people.map((p) => ({ ...p, groups: links.filter((l) => l.staffId === p.id).map((l) => l.key) }));
}
