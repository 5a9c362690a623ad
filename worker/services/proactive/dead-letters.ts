/**
 * The dead-letter side of the proactive queue: the `kefu-proactive-dlq` consumer records each
 * message that failed every retry (and marks its notice dead); operators list and replay them.
 */
import * as v from "valibot";
import { DomainError } from "../../../core/domain/errors";
import { ProactiveMessage } from "../../../core/protocol/proactive";
import { database, type Database } from "../../db/client";
import { findDeadLetter, listDeadLetters, recordDeadLetter, setReplayed, type DeadLetterRow, type DeadLetterScope } from "../../db/repos/dead-letters";
import { markDead, markReplayed } from "../../db/repos/proactive-notices";

/** Records a batch from the dead-letter queue; a D1 failure retries the message (the DLQ's own retries). */
export async function consumeDeadLetterBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  for (const msg of batch.messages) {
    try {
      await recordOne(db, msg, batch.queue, Date.now());
      msg.ack();
    } catch (err) {
      console.error("dead letter not recorded; retrying", msg.id, (err as Error).message);
      msg.retry();
    }
  }
}

async function recordOne(db: Database, msg: Message<unknown>, queue: string, now: number): Promise<void> {
  const parsed = v.safeParse(ProactiveMessage, msg.body);
  if (!parsed.success) {
    await recordDeadLetter(db, { id: `msg_${msg.id}`, queue, shopId: null, noticeId: null, body: msg.body, reason: "invalid", lastError: "unreadable body" }, now);
    return;
  }
  const m = parsed.output;
  const lastError = await markDead(db, m.noticeId, m.shopId, now);
  await recordDeadLetter(db, { id: m.noticeId, queue, shopId: m.shopId, noticeId: m.noticeId, body: m, reason: "max_retries", lastError }, now);
}

/** A dead letter as operators see it. */
export function deadLetterView(r: DeadLetterRow) {
  return {
    id: r.id, queue: r.queue, shopId: r.shopId, noticeId: r.noticeId, reason: r.reason, lastError: r.lastError,
    deaths: r.deaths, diedAt: r.diedAt, replayedAt: r.replayedAt, body: r.body,
  };
}

export async function listDead(db: Database, scope: DeadLetterScope, state: "open" | "replayed" | "all", limit: number) {
  return { deadLetters: (await listDeadLetters(db, scope, state, limit)).map(deadLetterView) };
}

/**
 * Sends a dead notice to the proactive queue again (after the cause is fixed). Its id is the
 * notice's, so a notice that did reach the thread before dying is not shown twice.
 */
export async function replayDeadLetter(env: Pick<Env, "PROACTIVE_QUEUE">, db: Database, scope: DeadLetterScope, id: string, now: number) {
  const row = await findDeadLetter(db, scope, id);
  if (!row) throw new DomainError("not_found", "no such dead letter in this shop");
  const parsed = v.safeParse(ProactiveMessage, row.body);
  if (!parsed.success) throw new DomainError("conflict", "this dead letter's body is not a proactive message and cannot be replayed");
  await env.PROACTIVE_QUEUE.send(parsed.output, { contentType: "json" });
  await setReplayed(db, id, now);
  await markReplayed(db, parsed.output.noticeId, parsed.output.shopId, now);
  return deadLetterView({ ...row, replayedAt: now });
}
