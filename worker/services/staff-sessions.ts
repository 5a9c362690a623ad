/**
 * A staff member's login sessions: the list of their own (which browser, from where, since when,
 * last seen), ending one of them or all the others, and a shop admin ending all of an agent's (a
 * lost phone, a shared computer) without a new password. A session that ends takes its open
 * sockets with it: the shop's queue and the rooms it opened are told at once, so whoever held it
 * stops hearing chats now, not at their next reconnect (`closeEndedSessionSockets`).
 */
import { getServerByName } from "partyserver";
import { DomainError } from "../../core/domain/errors";
import type { AccountLogin, StaffSessionView } from "../../core/protocol";
import type { Database } from "../db/client";
import { endStaffSessions, findStaffById, listStaffSessions, threadsVisitedBy, type EndedSession, type SessionChoice } from "../db/repos/staff";
import type { StaffIdentity } from "./identity";
import { callRooms } from "./room-fanout";

/** The caller's live sessions, theirs first, then the most recently seen. */
export async function listOwnSessions(db: Database, caller: StaffIdentity, now: number): Promise<{ sessions: StaffSessionView[] }> {
  const rows = await listStaffSessions(db, caller.staffId, now);
  const sessions = rows.map((r) => ({ ...r, current: r.id === caller.sessionId }));
  sessions.sort((a, b) => Number(b.current) - Number(a.current));
  return { sessions };
}

/** Ends one of the caller's sessions (their own too: a logout); `not_found` when it is not one of theirs. */
export async function endOwnSession(env: Env, db: Database, caller: StaffIdentity, sessionId: string, now: number): Promise<void> {
  const ended = await endSessions(env, db, caller, { only: sessionId }, now);
  if (ended === 0) throw new DomainError("not_found", "no such session of yours: it may have ended already");
}

/** Ends every session of the caller's but the one making the request; returns how many ended. */
export async function endOtherSessions(env: Env, db: Database, caller: StaffIdentity, now: number): Promise<{ ended: number }> {
  return { ended: await endSessions(env, db, caller, { allBut: caller.sessionId }, now) };
}

/** A shop admin logs an enabled account of the shop out everywhere (not their own: they end their others). */
export async function endAgentSessions(env: Env, db: Database, shopId: string, staffId: string, byStaffId: string, now: number): Promise<{ sessionsEnded: number }> {
  if (staffId === byStaffId) throw new DomainError("forbidden", "end your own other sessions with POST /api/auth/sessions/end-others");
  const account = await findStaffById(db, staffId);
  if (!account || account.shopId !== shopId || account.disabledAt !== null) throw new DomainError("not_found", `no enabled staff ${staffId} in this shop`);
  return { sessionsEnded: await endSessions(env, db, { staffId, shopId }, { all: true }, now) };
}

async function endSessions(env: Env, db: Database, owner: SessionOwner, which: SessionChoice, now: number): Promise<number> {
  const ended = await endStaffSessions(db, owner.staffId, which);
  await closeEndedSessionSockets(env, db, owner, ended, now);
  return ended.length;
}

/**
 * Tells the account's consoles (its shop queue's sockets) that it logged in from a browser it had
 * not used; never throws: the login stands either way.
 */
export async function announceNewDeviceLogin(env: Env, owner: SessionOwner, login: Omit<AccountLogin, "type">): Promise<void> {
  try {
    await (await getServerByName(env.AgentQueue, owner.shopId)).announceLogin(owner.staffId, { type: "account.login", ...login });
  } catch (err) {
    console.error("announcing a new device's login failed", (err as Error).message);
  }
}

export interface SessionOwner {
  staffId: string;
  shopId: string;
}

/**
 * Closes the sockets the ended sessions opened: in the owner's shop queue, and in every room the
 * account opened a socket in since the oldest of them began (a socket cannot be older than its
 * session, and every room socket records its visit before it opens). A platform account's socket in
 * another shop's queue is left to its next reconnect, which the ended session cannot pass; a room
 * socket missed here is closed at its next write (credential-check.ts). Never throws: the sessions
 * have ended either way.
 */
export async function closeEndedSessionSockets(env: Env, db: Database, owner: SessionOwner, ended: readonly EndedSession[], now: number): Promise<void> {
  if (ended.length === 0) return;
  const ids = ended.map((s) => s.id);
  const since = Math.min(...ended.map((s) => s.createdAt)) - 1;
  try {
    const [threads] = await Promise.all([
      threadsVisitedBy(db, owner.staffId, Math.min(since, now)),
      (await getServerByName(env.AgentQueue, owner.shopId)).closeSessionSockets(owner.staffId, ids),
    ]);
    await callRooms(env, threads.map((threadId) => ({ threadId })), "closing an ended session's sockets", (room) => room.staffSessionsEnded(owner.staffId, ids));
  } catch (err) {
    console.error("closing an ended session's sockets failed", (err as Error).message);
  }
}
