/**
 * Staff accounts (with what holds their sessions back), their login sessions, failed-login counters
 * and the threads they opened sockets in.
 */
import { and, eq, gt, isNull, lt, lte, ne, sql } from "drizzle-orm";
import type { Database } from "../client";
import { loginAttempts, shops, staff, staffGroups, staffRoomVisits, staffSessions, staffTwoFactor } from "../schema";

export type StaffRow = typeof staff.$inferSelect;

/**
 * 1 when the account's shop requires two-factor login and the account has not turned it on (a
 * setup not confirmed yet does not count): such a session may only set it up. Read with the
 * account, through a left join of its shop.
 */
const twoFactorSetupPending = sql<number>`(coalesce(${shops.staffTwoFactorRequired}, 0) = 1 AND NOT EXISTS (SELECT 1 FROM ${staffTwoFactor} WHERE ${staffTwoFactor.staffId} = ${staff.id} AND ${staffTwoFactor.enabledAt} IS NOT NULL))`;

/** An account with what holds its sessions back: its shop's two-factor rule (`twoFactorSetupPending`), a password an admin set. */
export interface StaffStanding {
  staff: StaffRow;
  twoFactorSetupPending: boolean;
  passwordChangePending: boolean;
}

const standingOf = (row: { staff: StaffRow; pending: number }): StaffStanding => ({
  staff: row.staff,
  twoFactorSetupPending: row.pending === 1,
  passwordChangePending: row.staff.passwordChangeRequired,
});

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
export async function findStaffBySessionHash(db: Database, tokenHash: string, now: number): Promise<StaffStanding | undefined> {
  const row = await db
    .select({ staff, pending: twoFactorSetupPending })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .leftJoin(shops, eq(shops.id, staff.shopId))
    .where(and(eq(staffSessions.tokenHash, tokenHash), gt(staffSessions.expiresAt, now), isNull(staff.disabledAt)))
    .get();
  return row && standingOf(row);
}

/** An account with what holds its sessions back (`StaffStanding`), by id or by e-mail; or undefined. */
export async function findStaffStanding(db: Database, by: { id: string } | { email: string }): Promise<StaffStanding | undefined> {
  const row = await db
    .select({ staff, pending: twoFactorSetupPending })
    .from(staff)
    .leftJoin(shops, eq(shops.id, staff.shopId))
    .where("id" in by ? eq(staff.id, by.id) : eq(staff.email, by.email))
    .get();
  return row && standingOf(row);
}

/** The account's sessions, but the one of `keepTokenHash` when given. */
const sessionsOf = (staffId: string, keepTokenHash?: string) =>
  and(eq(staffSessions.staffId, staffId), keepTokenHash === undefined ? undefined : ne(staffSessions.tokenHash, keepTokenHash));

/**
 * Sets the account's password hash (and whether it must be changed before anything else) and ends
 * its sessions but the one of `keepTokenHash` (all of them without it), in one batch; returns how
 * many sessions ended. The caller has checked the account (enabled, of the shop).
 */
export async function setStaffPassword(db: Database, staffId: string, passwordHash: string, mustChange: boolean, keepTokenHash?: string): Promise<number> {
  const [, ended] = await db.batch([
    db.update(staff).set({ passwordHash, passwordChangeRequired: mustChange }).where(eq(staff.id, staffId)),
    db.delete(staffSessions).where(sessionsOf(staffId, keepTokenHash)),
  ]);
  return ended.meta.changes;
}

/** Ends the account's sessions but the one of `keepTokenHash`; returns how many ended. */
export async function deleteOtherStaffSessions(db: Database, staffId: string, keepTokenHash: string): Promise<number> {
  return (await db.delete(staffSessions).where(sessionsOf(staffId, keepTokenHash)).run()).meta.changes;
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
