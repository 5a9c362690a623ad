/**
 * Staff accounts (with what holds their sessions back), their login sessions, failed-login counters
 * and the threads they opened sockets in.
 */
import { and, desc, eq, gt, isNull, lt, lte, ne, sql } from "drizzle-orm";
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

/** A new session's row: its public id and first sighting are made here. */
export type NewStaffSession = Omit<typeof staffSessions.$inferInsert, "id" | "lastSeenAt">;

/** Stores a new login session; returns its public id. */
export async function insertStaffSession(db: Database, row: NewStaffSession): Promise<string> {
  const id = newStaffSessionId();
  await db.insert(staffSessions).values({ ...row, id, lastSeenAt: row.createdAt }).run();
  return id;
}

/** 24 hex characters (core/protocol STAFF_SESSION_ID_PATTERN): 96 random bits. */
export function newStaffSessionId(): string {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A live session: its public id and when it was last seen (the caller moves that on). */
export interface SessionRef {
  id: string;
  lastSeenAt: number;
}

/** The staff member behind a live session token hash, with the session; or undefined. */
export async function findStaffBySessionHash(db: Database, tokenHash: string, now: number): Promise<(StaffStanding & { session: SessionRef }) | undefined> {
  const row = await db
    .select({ staff, pending: twoFactorSetupPending, session: { id: staffSessions.id, lastSeenAt: staffSessions.lastSeenAt } })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .leftJoin(shops, eq(shops.id, staff.shopId))
    .where(and(eq(staffSessions.tokenHash, tokenHash), gt(staffSessions.expiresAt, now), isNull(staff.disabledAt)))
    .get();
  return row && { ...standingOf(row), session: row.session };
}

/** Moves a session's last sighting to `now`, unless another request already moved it past `before`. */
export async function touchStaffSession(db: Database, id: string, now: number, before: number): Promise<void> {
  await db.update(staffSessions).set({ lastSeenAt: now }).where(and(eq(staffSessions.id, id), lt(staffSessions.lastSeenAt, before))).run();
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

/**
 * The account's standing and whether one of its sessions is still live (a socket opened with it
 * asks), in one read; undefined when there is no such account.
 */
export async function findStaffSessionStanding(db: Database, staffId: string, sessionId: string, now: number): Promise<(StaffStanding & { sessionLive: boolean }) | undefined> {
  const live = sql<number>`EXISTS (SELECT 1 FROM ${staffSessions} WHERE ${staffSessions.id} = ${sessionId} AND ${staffSessions.staffId} = ${staffId} AND ${staffSessions.expiresAt} > ${now})`;
  const row = await db
    .select({ staff, pending: twoFactorSetupPending, live })
    .from(staff)
    .leftJoin(shops, eq(shops.id, staff.shopId))
    .where(eq(staff.id, staffId))
    .get();
  return row && { ...standingOf(row), sessionLive: row.live === 1 };
}

/** The account's live sessions, the most recently seen first. */
export async function listStaffSessions(db: Database, staffId: string, now: number) {
  return db
    .select({ id: staffSessions.id, createdAt: staffSessions.createdAt, lastSeenAt: staffSessions.lastSeenAt, expiresAt: staffSessions.expiresAt, userAgent: staffSessions.userAgent, address: staffSessions.address })
    .from(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), gt(staffSessions.expiresAt, now)))
    .orderBy(desc(staffSessions.lastSeenAt))
    .all();
}

/** A session that ended: what its sockets are found by (the id) and how far back they can go (its start). */
export interface EndedSession {
  id: string;
  createdAt: number;
}

/** Which of an account's sessions to end: all, all but one, or one. */
export type SessionChoice = { all: true } | { allBut: string } | { only: string };

const sessionsOf = (staffId: string, which: SessionChoice) =>
  and(
    eq(staffSessions.staffId, staffId),
    "allBut" in which ? ne(staffSessions.id, which.allBut) : "only" in which ? eq(staffSessions.id, which.only) : undefined,
  );

const ENDED = { id: staffSessions.id, createdAt: staffSessions.createdAt };

/**
 * Sets the account's password hash (and whether it must be changed before anything else) and ends
 * the chosen sessions, in one batch; returns the sessions that ended. The caller has checked the
 * account (enabled, of the shop).
 */
export async function setStaffPassword(db: Database, staffId: string, passwordHash: string, mustChange: boolean, ending: SessionChoice): Promise<EndedSession[]> {
  const [, ended] = await db.batch([
    db.update(staff).set({ passwordHash, passwordChangeRequired: mustChange }).where(eq(staff.id, staffId)),
    db.delete(staffSessions).where(sessionsOf(staffId, ending)).returning(ENDED),
  ]);
  return ended;
}

/** Ends the chosen sessions of the account; returns those that ended. */
export async function endStaffSessions(db: Database, staffId: string, which: SessionChoice): Promise<EndedSession[]> {
  return db.delete(staffSessions).where(sessionsOf(staffId, which)).returning(ENDED).all();
}

/** Ends the session of a token (a logout); returns it, or undefined when it had ended already. */
export async function deleteStaffSession(db: Database, tokenHash: string): Promise<(EndedSession & { staffId: string }) | undefined> {
  return db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash)).returning({ ...ENDED, staffId: staffSessions.staffId }).get();
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
