/**
 * A shop admin's staff accounts: adding an agent or admin, setting a new password for one who
 * forgot theirs, and disabling one who left. Disabling
 * ends every session of the account at once, requeues all of its chats, closes its queue socket
 * and its sockets in the rooms of those chats and of every thread it opened; the account stays in
 * D1 for the history.
 */
import { getServerByName } from "partyserver";
import { DomainError, fieldError } from "../../core/domain/errors";
import { rolesForShop, type AgentCreate, type AgentPasswordReset } from "../../core/protocol";
import type { Database } from "../db/client";
import { listGroups } from "../db/repos/directory";
import { disableStaff, findStaffByEmail, findStaffById, insertStaff, setStaffPassword, threadsVisitedBy } from "../db/repos/staff";
import { STAFF_VISIT_RETENTION_MS } from "../../core/domain/retention";
import { findShop } from "../db/repos/shops";
import { findOpenSessionThreadsOfAgent } from "../db/repos/sessions";
import { randomId } from "../lib/crypto";
import { hashPassword } from "../lib/password";
import { callRooms } from "./room-fanout";
import { closeEndedSessionSockets } from "./staff-sessions";
import { getDirectory, groupIdsOf } from "./routing-admin";

export async function createAgent(env: Env, db: Database, shopId: string, body: AgentCreate, now: number) {
  if (!(await findShop(db, shopId))) throw new DomainError("not_found", `no shop ${shopId}`);
  const roles = rolesForShop(shopId);
  if (!roles.includes(body.role)) {
    const message = `must be ${roles.join(" or ")} in this shop`;
    throw fieldError("invalid_input", "role", message);
  }
  const groupIds = groupIdsOf(await listGroups(db, shopId), body.groups ?? []);
  if (await findStaffByEmail(db, body.email)) throw fieldError("conflict", "email", "an account with this e-mail exists already");
  const id = randomId("staff");
  await insertStaff(db, { id, shopId, email: body.email, name: body.name, role: body.role, passwordHash: await hashPassword(body.password), passwordChangeRequired: body.mustChangePassword, capacity: body.capacity ?? 5, seniority: body.seniority ?? 1, createdAt: now }, groupIds);
  await (await getServerByName(env.AgentQueue, shopId)).reloadDirectory();
  return { agent: { id, shopId, email: body.email, name: body.name, role: body.role }, directory: await getDirectory(db, shopId) };
}

/**
 * Sets a new password for an enabled account of the shop (its owner forgot it: pass it on through
 * a safe channel) and ends every session of the account, closing their sockets, so whoever held one
 * must log in with it.
 * Unless `mustChangePassword` is false, the owner's sessions may only change it first.
 * An admin changes their own on the account page, with the current password.
 */
export async function resetAgentPassword(env: Env, db: Database, shopId: string, staffId: string, body: AgentPasswordReset, byStaffId: string, now: number): Promise<{ sessionsEnded: number }> {
  if (staffId === byStaffId) throw new DomainError("forbidden", "change your own password with POST /api/auth/password (it takes the current one)");
  const account = await findStaffById(db, staffId);
  if (!account || account.shopId !== shopId || account.disabledAt !== null) throw new DomainError("not_found", `no enabled staff ${staffId} in this shop`);
  const ended = await setStaffPassword(db, staffId, await hashPassword(body.password), body.mustChangePassword, { all: true });
  await closeEndedSessionSockets(env, db, { staffId, shopId }, ended, now);
  return { sessionsEnded: ended.length };
}

/** How far back an open session is looked for: sessions close after 30 idle minutes by default. */
const OPEN_SESSION_LOOKBACK_MS = 3 * 24 * 3600_000;

export async function disableAgent(env: Env, db: Database, shopId: string, staffId: string, byStaffId: string, now: number) {
  if (staffId === byStaffId) throw new DomainError("forbidden", "you cannot disable your own account");
  if (!(await disableStaff(db, shopId, staffId, now))) throw new DomainError("not_found", `no enabled staff ${staffId} in this shop`);
  // The queue requeues the account's chats; the rooms of its open sessions close its sockets.
  const requeued = await (await getServerByName(env.AgentQueue, shopId)).removeAgent(staffId);
  // Open sessions of the account, those it took straight from the bot included (the queue never
  // held them), and every thread it opened a socket in, those it only looked at included.
  const open = await findOpenSessionThreadsOfAgent(db, shopId, staffId, now - OPEN_SESSION_LOOKBACK_MS);
  const visited = await threadsVisitedBy(db, staffId, now - STAFF_VISIT_RETENTION_MS);
  const threads = [...new Set([...open, ...requeued, ...visited])].map((threadId) => ({ threadId }));
  await callRooms(env, threads, "closing a disabled agent's sockets", (room) => room.staffDisabled(staffId));
  return { disabled: staffId, requeued: requeued.length, directory: await getDirectory(db, shopId) };
}
