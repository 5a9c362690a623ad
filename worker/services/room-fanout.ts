/**
 * One call to each of many rooms, for what a webhook or an admin action tells every thread it
 * touches (a context change, revoked tokens, a disabled agent): every room is tried, one failing
 * never stops the others, and failures are logged by count only, since thread ids name customers.
 */
import { getServerByName } from "partyserver";
import type { ConversationRoom } from "../../durable-objects/conversation/room";

type RoomStub = DurableObjectStub<ConversationRoom>;

/** Calls `call` on the room of each item's thread; returns the answers of the rooms that answered. */
export async function callRooms<I extends { threadId: string }, T>(env: Env, items: readonly I[], what: string, call: (room: RoomStub, item: I) => Promise<T>): Promise<T[]> {
  const results = await Promise.allSettled(items.map(async (item) => call(await getServerByName(env.ConversationRoom, item.threadId), item)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed.length) console.error(`${what}: ${failed.length} of ${results.length} rooms failed`, (failed[0]!.reason as Error)?.message);
  return results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
}
