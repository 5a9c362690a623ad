/**
 * Staff accounts, their login sessions, failed-login counters and the threads they opened sockets in.
 */
import { and, eq, gt, isNull, lt, lte } from "drizzle-orm";
import type { Database } from "../client";
import { loginAttempts, staff, staffGroups, staffRoomVisits, staffSessions } from "../schema";

export type StaffRow = typeof staff.$inferSelect;

export async function findStaffByEmail(db: Database, email: string): Promise<StaffRow | undefined> {
  return db.select().from(staff).where(eq(staff.email, email)).get();
}

export async function findStaffById(db: Database, id: string): Promise<StaffRow | undefined> {
  return db.select().from(staff).where(eq(staff.id, id)).get();
}

/** A new account with its groups, in one batch. */
export async function insertStaff(db: Database, row: typeof staff.$inferInsert, groupIds: string[]): Promise<void> {
  const insert = db.insert(staff).values(row);
  if (groupIds.length) await db.batch([insert, db.insert(staffGroups).values(groupIds.map((groupId) => ({ staffId: row.id, groupId })))]);
  else await insert.run();
}

/** Disables an account of the shop and ends its sessions; false when there is no such enabled account. */
export async function disableStaff(db: Database, shopId: string, staffId: string, now: number): Promise<boolean> {
  const [updated] = await db.batch([
    db.update(staff).set({ disabledAt: now }).where(and(eq(staff.id, staffId), eq(staff.shopId, shopId), isNull(staff.disabledAt))),
    db.delete(staffSessions).where(eq(staffSessions.staffId, staffId)),
  ]);
  return updated.meta.changes > 0;
}

export async function insertStaffSession(db: Database, row: typeof staffSessions.$inferInsert): Promise<void> {
  await db.insert(staffSessions).values(row).run();
}

/** The staff member behind a live session token hash, or undefined. */
export async function findStaffBySessionHash(db: Database, tokenHash: string, now: number): Promise<StaffRow | undefined> {
  const row = await db
    .select({ staff })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(and(eq(staffSessions.tokenHash, tokenHash), gt(staffSessions.expiresAt, now), isNull(staff.disabledAt)))
    .get();
  return row?.staff;
}

export async function deleteStaffSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash)).run();
}

export async function getLoginAttempts(db: Database, email: string) {
  return db.select().from(loginAttempts).where(eq(loginAttempts.email, email)).get();
}

export async function saveLoginAttempts(db: Database, row: typeof loginAttempts.$inferInsert): Promise<void> {
  await db.insert(loginAttempts).values(row).onConflictDoUpdate({ target: loginAttempts.email, set: row }).run();
}

/** Drops login counters last touched before `before` whose address is no longer known at `now`; returns how many. */
export async function pruneLoginAttempts(db: Database, before: number, now: number): Promise<number> {
  return (await db.delete(loginAttempts).where(and(lt(loginAttempts.updatedAt, before), lte(loginAttempts.knownUntil, now))).run()).meta.changes;
}

/** The account opened a socket in the thread at `now` (one row per account and thread). */
export async function recordStaffVisit(db: Database, staffId: string, threadId: string, now: number): Promise<void> {
  await db
    .insert(staffRoomVisits)
    .values({ staffId, threadId, lastAt: now })
    .onConflictDoUpdate({ target: [staffRoomVisits.staffId, staffRoomVisits.threadId], set: { lastAt: now } })
    .run();
}

/** The threads the account opened a socket in since `since`. */
export async function threadsVisitedBy(db: Database, staffId: string, since: number): Promise<string[]> {
  const rows = await db
    .select({ threadId: staffRoomVisits.threadId })
    .from(staffRoomVisits)
    .where(and(eq(staffRoomVisits.staffId, staffId), gt(staffRoomVisits.lastAt, since)))
    .all();
  return rows.map((r) => r.threadId);
}

export async function pruneStaffVisits(db: Database, before: number): Promise<number> {
  return (await db.delete(staffRoomVisits).where(lt(staffRoomVisits.lastAt, before)).run()).meta.changes;
}
