/**
 * Opens a shop's AgentQueue socket (`/parties/agent-queue/<shopId>`): the console's line for
 * presence, assignments and the live queue. The token rides in the query, as for rooms.
 */
import PartySocket from "partysocket";

export function openQueueSocket(opts: { shopId: string; token: string }): PartySocket {
  return new PartySocket({
    host: location.host,
    protocol: location.protocol === "https:" ? "wss" : "ws",
    party: "agent-queue",
    room: opts.shopId,
    query: { token: opts.token },
    // Commands are only meaningful now (a pick or a status change from minutes ago is not):
    // the model refuses to send while closed instead of queueing.
    maxEnqueuedMessages: 0,
    maxReconnectionDelay: 8000,
  });
}
