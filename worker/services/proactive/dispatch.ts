/**
 * Sends outbox notices to the `kefu-proactive` queue: right after a webhook stored new parcel
 * steps or a price drop, and from the scheduled sweep for anything a failed or interrupted send left behind.
 */
import { OUTBOX_SWEEP_AFTER_MS } from "../../../core/domain/retention";
import type { Database } from "../../db/client";
import { claimNotices, noticeMessage, unclaimNotices } from "../../db/repos/proactive-outbox";

/** A claimed `enqueued` notice with no outcome after this long is sent again (the consumer dedups). */
export const RESEND_STALE_AFTER_MS = 3_600_000;
/** Queues take at most 100 messages per sendBatch. */
const BATCH = 100;

export interface DispatchOptions {
  /** Only `pending` notices created before this (the sweep leaves fresh ones to their webhook). */
  createdBefore: number;
  /** Rounds of `BATCH`; the webhook sends one round, the sweep a few. */
  rounds: number;
}

/** Claims and sends due notices; a failed send gives them back for the next sweep. Returns how many were sent. */
export async function dispatchNotices(env: Pick<Env, "PROACTIVE_QUEUE">, db: Database, now: number, o: DispatchOptions): Promise<number> {
  let sent = 0;
  for (let round = 0; round < o.rounds; round++) {
    const rows = await claimNotices(db, now, { createdBefore: o.createdBefore, staleBefore: now - RESEND_STALE_AFTER_MS, limit: BATCH });
    if (rows.length === 0) break;
    try {
      await env.PROACTIVE_QUEUE.sendBatch(rows.map((r) => ({ body: noticeMessage(r), contentType: "json" as const })));
    } catch (err) {
      await unclaimNotices(db, rows.map((r) => r.id), now);
      throw err;
    }
    sent += rows.length;
    if (rows.length < BATCH) break;
  }
  return sent;
}

/**
 * Rounds right after notices were stored: a price drop stores up to 5,000 at once
 * (core/domain/proactive), sent now rather than over the sweeps; a round that finds fewer than a
 * batch ends it. A campaign's (up to 20,000) go on in the sweeps.
 */
const STORED_ROUNDS = 50;

/** After a webhook or a campaign: send what was just stored, now. Never throws (the sweep retries). */
export async function dispatchStoredNotices(env: Pick<Env, "PROACTIVE_QUEUE">, db: Database, now: number): Promise<void> {
  await dispatchNotices(env, db, now, { createdBefore: now + 1, rounds: STORED_ROUNDS }).catch((err: Error) => console.error("proactive enqueue failed; the sweep will retry", err.message));
}

/**
 * Rounds a sweep sends: 10,000 notices every 10 minutes, so a campaign of 20,000 is queued within
 * two runs; each round is two subrequests (the claim, the send), well under a cron's limits.
 */
const SWEEP_ROUNDS = 100;

/** The scheduled sweep: notices left `pending` for a minute, and stale claims. */
export function sweepOutbox(env: Pick<Env, "PROACTIVE_QUEUE">, db: Database, now: number): Promise<number> {
  return dispatchNotices(env, db, now, { createdBefore: now - OUTBOX_SWEEP_AFTER_MS, rounds: SWEEP_ROUNDS });
}
