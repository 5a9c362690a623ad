/**
 * A shop admin's staff accounts: adding an agent or admin, and disabling one who left. Disabling
 * ends every session of the account at once, requeues all of its chats, closes its queue socket
 * and its sockets in the rooms of those chats; the account stays in D1 for the history.
 */
import { getServerByName } from "partyserver";
import { and, eq, gt, isNull } from "drizzle-orm";
import { DomainError } from "../../core/domain/errors";
import { PLATFORM_SHOP_ID, type AgentCreate } from "../../core/protocol";
import type { Database } from "../db/client";
import { listGroups } from "../db/repos/directory";
import { disableStaff, findStaffByEmail, insertStaff } from "../db/repos/staff";
import { findShop } from "../db/repos/shops";
import { sessions } from "../db/schema";
import { randomId } from "../lib/crypto";
import { hashPassword } from "../lib/password";
import type { StaffIdentity } from "./identity";
import { getDirectory } from "./routing-admin";

/** Platform roles belong to the platform desk, shop roles to selling shops. */
function roleFits(shopId: string, role: AgentCreate["role"]): boolean {
  return (shopId === PLATFORM_SHOP_ID) === role.startsWith("platform_");
}

export async function createAgent(env: Env, db: Database, shopId: string, body: AgentCreate, now: number) {
  if (!(await findShop(db, shopId))) throw new DomainError("not_found", `no shop ${shopId}`);
  if (!roleFits(shopId, body.role)) {
    const allowed = shopId === PLATFORM_SHOP_ID ? "platform_agent or platform_admin" : "shop_agent or shop_admin";
    throw new DomainError("invalid_input", `role: must be ${allowed} in this shop`, [{ field: "role", message: `must be ${allowed} in this shop` }]);
  }
  const groups = await listGroups(db, shopId);
  const unknown = (body.groups ?? []).filter((k) => !groups.some((g) => g.key === k));
  if (unknown.length) throw new DomainError("invalid_input", `groups: no group ${unknown.join(", ")} in this shop`, [{ field: "groups", message: `no group ${unknown.join(", ")} in this shop` }]);
  if (await findStaffByEmail(db, body.email)) throw new DomainError("conflict", "email: an account with this e-mail exists already", [{ field: "email", message: "an account with this e-mail exists already" }]);
  const id = randomId("staff");
  const groupIds = (body.groups ?? []).map((k) => groups.find((g) => g.key === k)!.id);
  await insertStaff(db, { id, shopId, email: body.email, name: body.name, role: body.role, passwordHash: await hashPassword(body.password), capacity: body.capacity ?? 5, seniority: body.seniority ?? 1, createdAt: now }, groupIds);
  await (await getServerByName(env.AgentQueue, shopId)).reloadDirectory();
  return { agent: { id, shopId, email: body.email, name: body.name, role: body.role }, directory: await getDirectory(db, shopId) };
}

/** How far back an open session is looked for: sessions close after 30 idle minutes by default. */
const OPEN_SESSION_LOOKBACK_MS = 3 * 24 * 3600_000;

export async function disableAgent(env: Env, db: Database, shopId: string, staffId: string, by: StaffIdentity, now: number) {
  if (staffId === by.staffId) throw new DomainError("forbidden", "you cannot disable your own account");
  if (!(await disableStaff(db, shopId, staffId, now))) throw new DomainError("not_found", `no enabled staff ${staffId} in this shop`);
  // The queue requeues the account's chats; the rooms of its open sessions close its sockets.
  const requeued = await (await getServerByName(env.AgentQueue, shopId)).removeAgent(staffId);
  // Open sessions of the account, including those it took straight from the bot (the queue never
  // held them); through the shop's recent sessions, which an index covers.
  const open = await db
    .selectDistinct({ threadId: sessions.threadId })
    .from(sessions)
    .where(and(eq(sessions.shopId, shopId), gt(sessions.openedAt, now - OPEN_SESSION_LOOKBACK_MS), eq(sessions.agentId, staffId), isNull(sessions.resolvedAt)))
    .all();
  const threads = [...new Set([...open.map((s) => s.threadId), ...requeued])];
  await Promise.allSettled(threads.map(async (t) => (await getServerByName(env.ConversationRoom, t)).staffDisabled(staffId)));
  return { disabled: staffId, requeued: requeued.length, directory: await getDirectory(db, shopId) };
}
