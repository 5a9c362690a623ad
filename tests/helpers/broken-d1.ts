/** D1 down, for fault tests: every statement throws, every batch rejects. */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";

export const brokenD1 = {
  prepare: () => {
    throw new Error("D1 unavailable");
  },
  batch: () => Promise.reject(new Error("D1 unavailable")),
} as unknown as D1Database;

/** Points a live room's D1 binding at `db`: socket handlers and the alarm both read `env`. */
export async function setRoomD1(thread: string, db: D1Database): Promise<void> {
  const stub = await getServerByName(env.ConversationRoom, thread);
  await runInDurableObject(stub, (room) => {
    Object.defineProperty(room, "env", { value: { ...env, DB: db }, configurable: true, writable: true });
  });
}
