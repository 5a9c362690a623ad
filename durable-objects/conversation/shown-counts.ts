/**
 * How often the bot showed each article, added to D1 within five minutes by the room's alarm, in
 * one statement: a D1 write per answer would cost every bot turn a round trip and the one
 * database a write (and at one a minute, the flushes were still ~8 % of the rooms' CPU in
 * `npm run bench`). The counts need no storage of their own: each showing is a stored bot message
 * carrying the article, so the flush counts the answers after the last seq it wrote (a restart
 * loses none, and a turn spends no statement on them); a failed write is retried.
 */
import type { ConversationRoom } from "./room";
import { knowledgePort } from "./knowledge-port";

export const SHOWN_FLUSH_MS = 5 * 60_000;
/** The last seq whose answers are in D1. */
export const WRITTEN_THROUGH = "shown_through_seq";
const DUE = "shown_due_at";

/** An answer is about to be posted: arms the flush, due SHOWN_FLUSH_MS after the first answer not yet written. */
export function scheduleShownFlush(room: ConversationRoom, now: number): void {
  if (room.store.getMeta(DUE) === null) room.store.setMeta(DUE, String(now + SHOWN_FLUSH_MS));
}

/** When the pending counts are due in D1, or null when none are pending. */
export function shownDueAt(room: ConversationRoom): number | null {
  const at = room.store.getMeta(DUE);
  return at === null ? null : Number(at);
}

/**
 * Writes the counts of the answers posted since the last write, if due. Answers
 * posted while the write is out are left for the next one; a failure keeps them all and tries
 * again SHOWN_FLUSH_MS later.
 */
export async function flushShown(room: ConversationRoom, now: number): Promise<void> {
  const due = shownDueAt(room);
  if (due === null || due > now) return;
  const after = Number(room.store.getMeta(WRITTEN_THROUGH) ?? 0);
  const through = room.store.lastSeq();
  const counts = room.store.articlesShown(after, through);
  room.store.setMeta(WRITTEN_THROUGH, String(through));
  room.store.deleteMeta(DUE);
  if (!Object.keys(counts).length) return;
  try {
    await knowledgePort(room.bindings).shown(room.ref.shopId, counts);
  } catch (err) {
    console.error("shown counts D1 write failed; will retry", room.ref.threadId, (err as Error).message);
    room.store.setMeta(WRITTEN_THROUGH, String(after));
    room.store.setMeta(DUE, String(now + SHOWN_FLUSH_MS));
  }
}
