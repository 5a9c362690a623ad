/**
 * Composition root: the fetch, queue, e-mail and scheduled handlers, and the Durable Object classes
 * wrangler binds.
 */
import { app } from "./app";
import { handleQueue } from "./queue";
import { runMaintenance } from "./scheduled";
import { handleIncomingMail } from "./services/email/inbound";

export { ConversationRoom } from "../durable-objects/conversation/room";
export { AgentQueue } from "../durable-objects/agent-queue/queue";

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleQueue(batch, env),
  email: async (message, env) => {
    await handleIncomingMail(message, env);
  },
  scheduled: async (controller, env) => {
    await runMaintenance(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
