/**
 * The Worker's queue handler: picks the consumer by queue name. Queue names are the same in
 * every environment (wrangler.toml); a batch from a queue we do not know is retried, loudly,
 * rather than acked into oblivion.
 */
import { consumeProactiveBatch } from "./services/proactive/consumer";
import { consumeDeadLetterBatch } from "./services/proactive/dead-letters";

export const QUEUES = { proactive: "kefu-proactive", proactiveDeadLetters: "kefu-proactive-dlq" } as const;

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  switch (batch.queue) {
    case QUEUES.proactive:
      await consumeProactiveBatch(batch, env);
      return;
    case QUEUES.proactiveDeadLetters:
      await consumeDeadLetterBatch(batch, env);
      return;
    default:
      console.error("a batch from an unknown queue; retrying it", batch.queue);
      batch.retryAll();
  }
}
