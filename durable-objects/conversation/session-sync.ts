/**
 * Writes the session's D1 row at its transitions and the matching metrics event. A failed D1
 * write is not lost: the room marks the session pending and its alarm retries until it lands
 * (the row is always written whole, so a retry is idempotent).
 */
import type { SessionEvent, SessionState } from "../../core/domain/session";
import { database } from "../../worker/db/client";
import { upsertCustomerFromClaims } from "../../worker/db/repos/customers";
import { sessionRow, upsertSession } from "../../worker/db/repos/sessions";
import { writeSessionEvent } from "../../worker/lib/metrics";
import type { RoomStore } from "./storage";

export const SYNC_RETRY_MS = 5_000;

export interface ThreadRef {
  threadId: string;
  shopId: string;
  customerId: string;
}

export interface CustomerClaims {
  id: string;
  name: string;
  level: string;
  locale: string;
}

/** Records the events, then tries the D1 write; on failure leaves a retry marker. */
export async function syncSession(
  env: Env,
  store: RoomStore,
  ref: ThreadRef,
  session: SessionState,
  events: SessionEvent[],
  now: number,
  customer?: CustomerClaims,
): Promise<boolean> {
  for (const e of events) writeSessionEvent(env.METRICS, e, ref.shopId, session, now);
  try {
    const db = database(env.DB);
    const row = sessionRow(ref.threadId, ref.shopId, ref.customerId, session, now);
    if (customer) await db.batch([upsertCustomerFromClaims(db, customer, now), upsertSession(db, row)]);
    else await upsertSession(db, row).run();
    store.deleteMeta("pending_sync");
    return true;
  } catch (err) {
    console.error("session D1 write failed; will retry", ref.threadId, (err as Error).message);
    store.setMeta("pending_sync", String(now + SYNC_RETRY_MS));
    return false;
  }
}

/** When a pending write should be retried, or null when nothing is pending. */
export function pendingSyncAt(store: RoomStore): number | null {
  const at = store.getMeta("pending_sync");
  return at === null ? null : Number(at);
}
