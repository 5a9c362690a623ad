/**
 * After the mall revoked shoppers' tokens, close the sockets those tokens opened: every thread
 * of the customer (their sessions in D1) is told, and each room closes its customer sockets
 * opened with a token issued before the revocation. A thread without a session has no history
 * to read; its room closes older sockets when the shopper next connects with a new token.
 */
import { getServerByName } from "partyserver";
import type { MallEvent } from "../../../core/protocol";
import { database } from "../../db/client";
import { findChangedThreads } from "../../db/repos/context-threads";

/** Closes the revoked sockets of the applied revocations; never throws (the revocation is stored either way). */
export async function closeRevokedSockets(env: Env, applied: readonly MallEvent[]): Promise<number> {
  const revokedAt = new Map<string, number>();
  for (const e of applied) if (e.topic === "customer.tokens_revoked") revokedAt.set(e.data.customerId, Math.max(revokedAt.get(e.data.customerId) ?? 0, e.data.occurredAt));
  if (revokedAt.size === 0) return 0;
  try {
    const { threads } = await findChangedThreads(database(env.DB), [...revokedAt.keys()], []);
    const calls = await Promise.allSettled(threads.map(async (t) => (await getServerByName(env.ConversationRoom, t.threadId)).tokensRevoked(revokedAt.get(t.customerId)!)));
    const failed = calls.filter((c) => c.status === "rejected");
    // Counts only: thread ids name customers. A room missed here refuses the token at the next reconnect.
    if (failed.length) console.error(`closing revoked sockets: ${failed.length} of ${calls.length} rooms failed`, ((failed[0] as PromiseRejectedResult).reason as Error)?.message);
    return calls.reduce((n, c) => n + (c.status === "fulfilled" ? c.value : 0), 0);
  } catch (err) {
    console.error("closing revoked sockets failed", (err as Error).message);
    return 0;
  }
}
