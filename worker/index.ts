/**
 * Composition root: the fetch, queue and scheduled handlers, and the Durable Object classes
 * wrangler binds.
 */
import { app } from "./app";
import { handleQueue } from "./queue";
import { runMaintenance } from "./scheduled";

export { ConversationRoom } from "../durable-objects/conversation/room";
export { AgentQueue } from "../durable-objects/agent-queue/queue";

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleQueue(batch, env),
  scheduled: async (controller, env) => {
    await runMaintenance(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
