/**
 * Composition root: the fetch handler and the Durable Object classes wrangler binds.
 */
import { app } from "./app";

export { ConversationRoom } from "../durable-objects/conversation/room";
export { AgentQueue } from "../durable-objects/agent-queue/queue";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
