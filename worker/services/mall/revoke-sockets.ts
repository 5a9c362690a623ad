/**
 * After the mall revoked shoppers' tokens, close the sockets those tokens opened: every thread
 * of the customer (their sessions in D1) is told, and each room closes its customer sockets
 * opened with a token issued before the revocation. A thread without a session has no history
 * to read; its room closes older sockets when the shopper next connects with a new token, or
 * before a proactive notice (proactive/deliver.ts) or a staff member's message
 * (durable-objects/conversation/credential-check.ts) is posted there.
 */
import type { MallEvent } from "../../../core/protocol";
import { database } from "../../db/client";
import { findChangedThreads } from "../../db/repos/context-threads";
import { callRooms } from "../room-fanout";

/** Closes the revoked sockets of the applied revocations; never throws (the revocation is stored either way). */
export async function closeRevokedSockets(env: Env, applied: readonly MallEvent[]): Promise<number> {
  const revokedAt = new Map<string, number>();
  for (const e of applied) if (e.topic === "customer.tokens_revoked") revokedAt.set(e.data.customerId, Math.max(revokedAt.get(e.data.customerId) ?? 0, e.data.occurredAt));
  if (revokedAt.size === 0) return 0;
  try {
    const { threads } = await findChangedThreads(database(env.DB), [...revokedAt.keys()], []);
    // A room missed here still refuses the token at the client's next reconnect.
    const closed = await callRooms(env, threads, "closing revoked sockets", (room, t) => room.tokensRevoked(revokedAt.get(t.customerId)!));
    return closed.reduce((a, b) => a + b, 0);
  } catch (err) {
    console.error("closing revoked sockets failed", (err as Error).message);
    return 0;
  }
}
