/**
 * Opens a shop's AgentQueue socket (`/parties/agent-queue/<shopId>`): the console's line for
 * presence, assignments and the live queue. A socket ticket rides in the query, as for rooms.
 */
import PartySocket from "partysocket";

export function openQueueSocket(opts: { shopId: string; ticket: () => Promise<string> }): PartySocket {
  return new PartySocket({
    host: location.host,
    protocol: location.protocol === "https:" ? "wss" : "ws",
    party: "agent-queue",
    room: opts.shopId,
    query: async () => ({ ticket: await opts.ticket() }),
    // Commands are only meaningful now (a pick or a status change from minutes ago is not):
    // the model refuses to send while closed instead of queueing.
    maxEnqueuedMessages: 0,
    maxReconnectionDelay: 8000,
  });
}
