/**
 * Canned replies: shop-level ones, written by the shop's admins, and each agent's own. Shortcuts
 * are unique within their scope, so `/refund` always inserts one reply.
 */
import { DomainError } from "../../../core/domain/errors";
import type { CannedInput, CannedUpdate } from "../../../core/protocol/knowledge";
import { database } from "../../db/client";
import { deleteReply, findByShortcut, findReply, insertReply, updateReply, visibleReplies, type CannedRow } from "../../db/repos/canned-replies";

/** Who acts: the staff member, their shop (the one the reply belongs to) and whether they administer it. */
export interface CannedActor {
  staffId: string;
  shopId: string;
  isAdmin: boolean;
}

/** A reply as the console shows it. */
export function cannedView(r: CannedRow) {
  return { id: r.id, scope: r.ownerStaffId ? ("personal" as const) : ("shop" as const), shortcut: r.shortcut, title: r.title, text: r.text, updatedAt: r.updatedAt };
}

export async function listCanned(env: { DB: D1Database }, actor: CannedActor) {
  return { cannedReplies: (await visibleReplies(database(env.DB), actor.shopId, actor.staffId)).map(cannedView) };
}

async function assertFreeShortcut(env: { DB: D1Database }, actor: CannedActor, owner: string | null, shortcut: string, exceptId?: string) {
  const taken = await findByShortcut(database(env.DB), actor.shopId, owner, shortcut);
  if (taken && taken.id !== exceptId) throw new DomainError("conflict", `shortcut /${shortcut} is already used`);
}

/** Creates a reply: shop-level replies are for admins; anyone may keep personal ones. */
export async function createCanned(env: { DB: D1Database }, actor: CannedActor, input: CannedInput, now: number) {
  if (input.scope === "shop" && !actor.isAdmin) throw new DomainError("forbidden", "only admins write shop-level canned replies");
  const owner = input.scope === "shop" ? null : actor.staffId;
  await assertFreeShortcut(env, actor, owner, input.shortcut);
  const id = crypto.randomUUID();
  await insertReply(database(env.DB), { id, shopId: actor.shopId, ownerStaffId: owner, shortcut: input.shortcut, title: input.title, text: input.text, createdAt: now, updatedAt: now });
  return cannedView((await findReply(database(env.DB), actor.shopId, id))!);
}

/** The reply, if the actor may change it: their own, or a shop-level one when they are an admin. */
async function editable(env: { DB: D1Database }, actor: CannedActor, id: string): Promise<CannedRow> {
  const row = await findReply(database(env.DB), actor.shopId, id);
  if (!row || (row.ownerStaffId !== null && row.ownerStaffId !== actor.staffId)) throw new DomainError("not_found", `no canned reply ${id}`);
  if (row.ownerStaffId === null && !actor.isAdmin) throw new DomainError("forbidden", "only admins change shop-level canned replies");
  return row;
}

export async function updateCanned(env: { DB: D1Database }, actor: CannedActor, id: string, change: CannedUpdate, now: number) {
  const row = await editable(env, actor, id);
  if (change.shortcut) await assertFreeShortcut(env, actor, row.ownerStaffId, change.shortcut, id);
  await updateReply(database(env.DB), actor.shopId, id, change, now);
  return cannedView((await findReply(database(env.DB), actor.shopId, id))!);
}

export async function deleteCanned(env: { DB: D1Database }, actor: CannedActor, id: string) {
  await editable(env, actor, id);
  await deleteReply(database(env.DB), actor.shopId, id);
}
