/**
 * Staff accounts' second factor (schema `staff_two_factor`), and a shop's rule requiring it of its
 * staff (`shops.staff_two_factor_required`). Every change that spends something (a code's time
 * step, a recovery code) is a conditional update, so two logins racing with the same code cannot
 * both succeed.
 */
import { and, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { shops, staff, staffTwoFactor } from "../schema";

export type TwoFactorRow = typeof staffTwoFactor.$inferSelect;

export async function findTwoFactor(db: Database, staffId: string): Promise<TwoFactorRow | undefined> {
  return db.select().from(staffTwoFactor).where(eq(staffTwoFactor.staffId, staffId)).get();
}

/** Stores a new secret awaiting its first code, replacing an unconfirmed one; false when two-factor login is already on. */
export async function savePendingTwoFactor(db: Database, staffId: string, secretSealed: string, now: number): Promise<boolean> {
  const res = await db
    .insert(staffTwoFactor)
    .values({ staffId, secretSealed, createdAt: now })
    .onConflictDoUpdate({ target: staffTwoFactor.staffId, set: { secretSealed, createdAt: now, lastStep: 0, recoveryHashes: "[]" }, setWhere: isNull(staffTwoFactor.enabledAt) })
    .run();
  return res.meta.changes > 0;
}

/** Turns the pending secret on with the step of its first code and the recovery codes' hashes. */
export async function confirmTwoFactor(db: Database, staffId: string, step: number, recoveryHashes: string[], now: number): Promise<boolean> {
  const res = await db
    .update(staffTwoFactor)
    .set({ enabledAt: now, lastStep: step, recoveryHashes: JSON.stringify(recoveryHashes) })
    .where(and(eq(staffTwoFactor.staffId, staffId), isNull(staffTwoFactor.enabledAt), lt(staffTwoFactor.lastStep, step)))
    .run();
  return res.meta.changes > 0;
}

/** Spends a code's time step; false when that step (or a later one) was already used. */
export async function spendTotpStep(db: Database, staffId: string, step: number): Promise<boolean> {
  const res = await db
    .update(staffTwoFactor)
    .set({ lastStep: step })
    .where(and(eq(staffTwoFactor.staffId, staffId), isNotNull(staffTwoFactor.enabledAt), lt(staffTwoFactor.lastStep, step)))
    .run();
  return res.meta.changes > 0;
}

/** Removes one recovery code's hash; false when it is no longer there. */
export async function spendRecoveryCode(db: Database, staffId: string, hash: string): Promise<boolean> {
  const res = await db
    .update(staffTwoFactor)
    .set({ recoveryHashes: sql`(SELECT json_group_array(value) FROM json_each(${staffTwoFactor.recoveryHashes}) WHERE value != ${hash})` })
    .where(and(eq(staffTwoFactor.staffId, staffId), isNotNull(staffTwoFactor.enabledAt), sql`EXISTS (SELECT 1 FROM json_each(${staffTwoFactor.recoveryHashes}) WHERE value = ${hash})`))
    .run();
  return res.meta.changes > 0;
}

/** Turns two-factor login off for an account (of `shopId` when given); false when it was not set up. */
export async function deleteTwoFactor(db: Database, staffId: string, shopId?: string): Promise<boolean> {
  const ofShop = shopId === undefined ? undefined : sql`${staffTwoFactor.staffId} IN (SELECT ${staff.id} FROM ${staff} WHERE ${staff.shopId} = ${shopId})`;
  const res = await db.delete(staffTwoFactor).where(and(eq(staffTwoFactor.staffId, staffId), ofShop)).run();
  return res.meta.changes > 0;
}

/** Whether the shop requires two-factor login of its staff; undefined when there is no such shop. */
export async function shopRequiresTwoFactor(db: Database, shopId: string): Promise<boolean | undefined> {
  const row = await db.select({ required: shops.staffTwoFactorRequired }).from(shops).where(eq(shops.id, shopId)).get();
  return row?.required;
}

/** Sets the shop's rule; false when there is no such shop. */
export async function setShopTwoFactorRequired(db: Database, shopId: string, required: boolean): Promise<boolean> {
  return (await db.update(shops).set({ staffTwoFactorRequired: required }).where(eq(shops.id, shopId)).run()).meta.changes > 0;
}

/** The shop's enabled accounts that have not turned two-factor login on. */
export async function staffWithoutTwoFactor(db: Database, shopId: string): Promise<string[]> {
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .leftJoin(staffTwoFactor, and(eq(staffTwoFactor.staffId, staff.id), isNotNull(staffTwoFactor.enabledAt)))
    .where(and(eq(staff.shopId, shopId), isNull(staff.disabledAt), isNull(staffTwoFactor.staffId)))
    .all();
  return rows.map((r) => r.id);
}

/** Every stored secret (set up or on) with its account: what a key rotation seals again. */
export async function listSealedSecrets(db: Database): Promise<Pick<TwoFactorRow, "staffId" | "secretSealed">[]> {
  return db.select({ staffId: staffTwoFactor.staffId, secretSealed: staffTwoFactor.secretSealed }).from(staffTwoFactor).all();
}

/** Replaces a sealed secret with the same secret sealed under a new key, unless it changed meanwhile; true when replaced. */
export async function resealTwoFactor(db: Database, staffId: string, from: string, to: string): Promise<boolean> {
  const res = await db.update(staffTwoFactor).set({ secretSealed: to }).where(and(eq(staffTwoFactor.staffId, staffId), eq(staffTwoFactor.secretSealed, from))).run();
  return res.meta.changes > 0;
}
