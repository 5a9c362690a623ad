/**
 * `/parties/conversation-room/<threadId>` (a thread's socket) and `/parties/agent-queue/<shopId>`
 * (a shop's queue, for consoles). Only upgrades are admitted; plain HTTP to an object is refused.
 */
import { routePartykitRequest } from "partyserver";
import { DomainError } from "../../core/domain/errors";
import { IDENTITY_HEADER } from "../../durable-objects/conversation/connection-state";
import { TICKET_HEADER } from "../../durable-objects/shared/spent-tickets";
import { admitToRoom } from "../services/room-connect";
import { admitToQueue } from "../services/queue-connect";

export async function routeRoomRequest(req: Request, env: Env): Promise<Response | null> {
  // Never let a client supply the identity or ticket header itself.
  const clean = new Request(req);
  clean.headers.delete(IDENTITY_HEADER);
  clean.headers.delete(TICKET_HEADER);
  for (const h of [...clean.headers.keys()]) if (h.startsWith("x-partykit-")) clean.headers.delete(h);
  return routePartykitRequest(clean, env, {
    onBeforeConnect: async (r, lobby) => {
      if (lobby.className === "ConversationRoom") return admitToRoom(env, r, lobby.name);
      if (lobby.className === "AgentQueue") return admitToQueue(env, r, lobby.name);
      throw new DomainError("not_found", "no such party");
    },
    onBeforeRequest: () => {
      throw new DomainError("forbidden", "rooms are reached over WebSocket; use /api/threads for history");
    },
  });
}
