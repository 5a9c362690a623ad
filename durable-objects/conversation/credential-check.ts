/**
 * Sockets outlive the credentials that opened them. The Worker checks a credential at every socket
 * ticket and upgrade, and when one is withdrawn (the mall revokes a shopper's tokens, an admin
 * disables a staff account) it closes the sockets of the rooms D1 knows of: the shopper's sessions,
 * the agent's open chats and the threads it opened in the last week. A socket in any other room (a
 * shopper's room without a session, an agent's socket held open longer than its visit is kept)
 * would stay open, so here the room checks again before such a socket writes something that matters:
 * - a shopper's frame that opens a session or leaves a message: one D1 read, once per consultation
 *   (an open session's later messages pass; revoking then closes this room's sockets);
 * - a staff member's message, resolve, intervention or rating invitation: one D1 read per socket a minute at most
 *   (the account disabled, the login session that opened the socket ended, its password reset by
 *   an admin, or its shop now requiring two-factor login it has not turned on);
 * - a staff member's message into a thread that never had a session (the revocation could not find
 *   it): one D1 read of the shopper's revocation, and the shopper's sockets opened with revoked
 *   tokens are closed before the message is posted, so they never hear it;
 * - a staff member's typing or read mark there: the same look, at most once a minute per room,
 *   so a revoked socket there hears neither (a revocation in the minute after a look excepted).
 * A withdrawn credential's socket is closed with the code the Worker's own closing uses, and the
 * frame changes nothing. While D1 is unreachable the frame goes through (see `unlessD1Down`).
 */
import type { Connection } from "partyserver";
import type { ClientCommand } from "../../core/protocol";
import { isOpen } from "../../core/domain/session";
import { issuedBeforeRevocation } from "../../core/domain/token-revocation";
import { database } from "../../worker/db/client";
import { findTokenRevocation } from "../../worker/db/repos/customers";
import { findStaffSessionStanding, findStaffStanding } from "../../worker/db/repos/staff";
import type { ConnectionState } from "./connection-state";
import type { ConversationRoom } from "./room";

/** How long a staff socket's check holds (per room instance). */
const STAFF_RECHECK_MS = 60_000;
const STAFF_WRITES = new Set<ClientCommand["type"]>(["message.send", "session.resolve", "platform.intervene", "session.invite_rating"]);
/** Staff frames the shopper's side hears of without a message: typing and read marks. */
const STAFF_SIGNALS = new Set<ClientCommand["type"]>(["typing.set", "read.mark"]);
const staffCheckedAt = new WeakMap<WebSocket, number>();
/** When each room instance last applied the shopper's revocation for a staff signal (the check above's interval). */
const revocationAppliedAt = new WeakMap<ConversationRoom, number>();
/** Each socket's look still out, if any: its next frame waits behind it. */
const pending = new WeakMap<WebSocket, Promise<boolean>>();

/**
 * `true` when the socket may carry out `command` without a look at D1 (almost every frame: no
 * promise on the message path), else the look: resolves false after closing a socket whose
 * credential was withdrawn. A socket's later frames wait behind its pending look, so they are not
 * stored before the frame that caused it.
 */
export function checkCredential(room: ConversationRoom, conn: Connection<ConnectionState>, state: ConnectionState, command: ClientCommand["type"], now: number): true | Promise<boolean> {
  const earlier = pending.get(conn);
  const check = earlier ? earlier.then((ok) => ok && decide(room, conn, state, command, now)) : decide(room, conn, state, command, now);
  if (check !== true) {
    pending.set(conn, check);
    const settled = () => {
      if (pending.get(conn) === check) pending.delete(conn);
    };
    check.then(settled, settled); // a failed look fails its frame (handleCommand answers it), not this
  }
  return check;
}

function decide(room: ConversationRoom, conn: Connection<ConnectionState>, state: ConnectionState, command: ClientCommand["type"], now: number): true | Promise<boolean> {
  if (state.role === "customer") {
    const opens = command === "leave_message.submit" || (command === "message.send" && !isOpen(room.store.session()));
    return opens ? shopperTokenStillValid(room, conn, state) : true;
  }
  if (STAFF_SIGNALS.has(command)) return room.store.session() === null ? revocationAppliedLately(room, now) : true;
  if (!STAFF_WRITES.has(command)) return true;
  const checkedAt = staffCheckedAt.get(conn);
  const account = checkedAt !== undefined && now - checkedAt < STAFF_RECHECK_MS ? true : staffAccountStillEnabled(room, conn, state, now);
  if (command !== "message.send" || room.store.session() !== null) return account;
  return Promise.resolve(account).then(async (ok) => {
    if (ok) await closeRevokedShopperSockets(room, now);
    return ok;
  });
}

/**
 * `closeRevokedShopperSockets`, unless this room instance did it in the last minute: a socket
 * opened since then was checked against the revocation when it connected.
 */
function revocationAppliedLately(room: ConversationRoom, now: number): true | Promise<true> {
  const at = revocationAppliedAt.get(room);
  if (at !== undefined && now - at < STAFF_RECHECK_MS) return true;
  return closeRevokedShopperSockets(room, now);
}

/** Closes the shopper's sockets opened with tokens revoked since (the room's `tokensRevoked`); always true. */
async function closeRevokedShopperSockets(room: ConversationRoom, now: number): Promise<true> {
  const revokedAt = await unlessD1Down(room, () => findTokenRevocation(database(room.bindings.DB), room.ref.customerId));
  if (revokedAt === D1_DOWN) return true;
  if (revokedAt !== null) await room.tokensRevoked(revokedAt);
  revocationAppliedAt.set(room, now);
  return true;
}

async function shopperTokenStillValid(room: ConversationRoom, conn: Connection<ConnectionState>, state: ConnectionState): Promise<boolean> {
  const revokedAt = await unlessD1Down(room, () => findTokenRevocation(database(room.bindings.DB), state.id));
  if (revokedAt === D1_DOWN || revokedAt === null || !issuedBeforeRevocation(state.issuedAt, revokedAt)) return true;
  conn.close(4001, "token revoked");
  return false;
}

/**
 * The account is enabled, the login session that opened the socket has not ended (logged out,
 * ended from another browser, by a password change or an admin), and its sessions are not held
 * back: by its shop's two-factor rule (which it may have required since), or by a password an
 * admin set (a reset: the socket is older).
 */
async function staffAccountStillEnabled(room: ConversationRoom, conn: Connection<ConnectionState>, state: ConnectionState, now: number): Promise<boolean> {
  const db = database(room.bindings.DB);
  const session = state.sessionId;
  const account = await unlessD1Down(room, () => (session === undefined ? findStaffStanding(db, { id: state.id }) : findStaffSessionStanding(db, state.id, session, now)));
  if (account === D1_DOWN) return true; // looked at again on the socket's next write
  const sessionEnded = account !== undefined && "sessionLive" in account && !account.sessionLive;
  if (account && account.staff.disabledAt === null && !sessionEnded && !account.twoFactorSetupPending && !account.passwordChangePending) {
    staffCheckedAt.set(conn, now);
    return true;
  }
  if (account && account.staff.disabledAt === null && sessionEnded) conn.close(4001, "session ended");
  else conn.close(4003, !account || account.staff.disabledAt !== null ? "account disabled" : account.passwordChangePending ? "password change required" : "two-factor login required");
  return false;
}

/**
 * The look's answer, or D1_DOWN when D1 cannot be reached: the socket's credential was checked
 * when it connected, and the room keeps serving the chat while D1 is down (its own writes to D1
 * are retried), so a failed look lets the frame through rather than stopping every chat.
 */
const D1_DOWN = Symbol("D1 down");

async function unlessD1Down<T>(room: ConversationRoom, read: () => Promise<T>): Promise<T | typeof D1_DOWN> {
  try {
    return await read();
  } catch (err) {
    console.error("credential look failed; letting the frame through", room.ref.threadId, (err as Error).message);
    return D1_DOWN;
  }
}
