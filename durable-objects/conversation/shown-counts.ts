/**
 * How often the bot showed each article, counted in the room's own storage and added to D1
 * within five minutes by the room's alarm, in one statement: a D1 write per answer would cost
 * every bot turn a round trip and the one database a write (and at one a minute, the flushes were
 * still ~8 % of the rooms' CPU in `npm run bench`). The counts are durable in the room meanwhile
 * (its storage commits with the answer), so a restart loses none; a failed write is retried.
 */
import type { ConversationRoom } from "./room";
import { knowledgePort } from "./knowledge-port";

export const SHOWN_FLUSH_MS = 5 * 60_000;
const PENDING = "shown_pending";
const DUE = "shown_due_at";

function pending(room: ConversationRoom): Record<string, number> {
  const raw = room.store.getMeta(PENDING);
  return raw ? (JSON.parse(raw) as Record<string, number>) : {};
}

/** Counts one showing; the room's alarm writes it to D1 by SHOWN_FLUSH_MS from the first pending. */
export function countShown(room: ConversationRoom, articleId: string, now: number): void {
  const counts = pending(room);
  counts[articleId] = (counts[articleId] ?? 0) + 1;
  room.store.setMeta(PENDING, JSON.stringify(counts));
  if (room.store.getMeta(DUE) === null) room.store.setMeta(DUE, String(now + SHOWN_FLUSH_MS));
}

/** When the pending counts are due in D1, or null when none are pending. */
export function shownDueAt(room: ConversationRoom): number | null {
  const at = room.store.getMeta(DUE);
  return at === null ? null : Number(at);
}

/**
 * Writes the pending counts to D1 if due (or `force`d). Counts added while the write is out stay
 * pending for the next one; a failure keeps them all and tries again SHOWN_FLUSH_MS later.
 */
export async function flushShown(room: ConversationRoom, now: number, force = false): Promise<void> {
  const due = shownDueAt(room);
  if (due === null || (!force && due > now)) return;
  const counts = pending(room);
  room.store.deleteMeta(PENDING);
  room.store.deleteMeta(DUE);
  try {
    await knowledgePort(room.bindings).shown(room.ref.shopId, counts);
  } catch (err) {
    console.error("shown counts D1 write failed; will retry", room.ref.threadId, (err as Error).message);
    const merged = pending(room);
    for (const [id, n] of Object.entries(counts)) merged[id] = (merged[id] ?? 0) + n;
    room.store.setMeta(PENDING, JSON.stringify(merged));
    room.store.setMeta(DUE, String(now + SHOWN_FLUSH_MS));
  }
}
