/**
 * The `kefu-proactive` consumer. Messages are handled one at a time, in order (the daily cap
 * counts what was delivered just before), and acked or retried one by one, so one failing
 * notice never redelivers the rest of its batch. A message that cannot be read is recorded as a
 * dead letter and acked: retrying would fail the same way.
 */
import { parseInput } from "../../../core/protocol/validate";
import { ProactiveMessage } from "../../../core/protocol/proactive";
import { database, type Database } from "../../db/client";
import { recordDeadLetter } from "../../db/repos/dead-letters";
import { recordFailure } from "../../db/repos/proactive-notices";
import { deliverNotice, type DeliveryOutcome } from "./deliver";
import { proactiveSettings } from "./settings";

/** What happened to each message of a batch (for logs and tests). */
export type MessageResult = { id: string; result: DeliveryOutcome | "invalid" | "retry" };

/** Handles a batch from the proactive queue. */
export async function consumeProactiveBatch(batch: MessageBatch<unknown>, env: Env): Promise<MessageResult[]> {
  const db = database(env.DB);
  const settings = proactiveSettings(env);
  const results: MessageResult[] = [];
  for (const msg of batch.messages) {
    results.push({ id: msg.id, result: await consumeOne(msg, batch.queue, env, db, settings) });
  }
  return results;
}

async function consumeOne(msg: Message<unknown>, queue: string, env: Env, db: Database, settings: ReturnType<typeof proactiveSettings>): Promise<MessageResult["result"]> {
  const now = Date.now();
  const parsed = parseInput(ProactiveMessage, msg.body);
  if (!parsed.ok) {
    try {
      await recordDeadLetter(db, { id: `msg_${msg.id}`, queue, shopId: null, noticeId: null, body: msg.body, reason: "invalid", lastError: parsed.message }, now);
      msg.ack();
      return "invalid";
    } catch {
      msg.retry();
      return "retry";
    }
  }
  const m = parsed.value;
  try {
    const outcome = await deliverNotice(m, { env, db, settings, attempts: msg.attempts, now });
    msg.ack();
    return outcome;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    console.error("proactive notice failed; the queue retries", m.noticeId, `attempt ${msg.attempts}`, error);
    // Best effort: when D1 is what failed, this fails too, and the dead letter has no error text.
    await recordFailure(db, m, msg.attempts, error, now).catch(() => undefined);
    msg.retry();
    return "retry";
  }
}
