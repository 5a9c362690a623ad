/**
 * `/parties/conversation-room/<threadId>`: the socket of a thread. Only upgrades are admitted;
 * plain HTTP to a room is refused (history and summaries go through `/api/threads`).
 */
import { routePartykitRequest } from "partyserver";
import { DomainError } from "../../core/domain/errors";
import { IDENTITY_HEADER } from "../../durable-objects/conversation/connection-state";
import { admitToRoom } from "../services/room-connect";

export async function routeRoomRequest(req: Request, env: Env): Promise<Response | null> {
  // Never let a client supply the identity header itself.
  const clean = new Request(req);
  clean.headers.delete(IDENTITY_HEADER);
  return routePartykitRequest(clean, env, {
    onBeforeConnect: async (r, lobby) => {
      if (lobby.className !== "ConversationRoom") throw new DomainError("not_found", "no such party");
      return admitToRoom(env, r, lobby.name);
    },
    onBeforeRequest: () => {
      throw new DomainError("forbidden", "rooms are reached over WebSocket; use /api/threads for history");
    },
  });
}
