/**
 * Opens the socket of a thread's ConversationRoom (`/parties/conversation-room/<threadId>`).
 * Browsers cannot set headers on a WebSocket, so the credential rides in the query: a ticket
 * asked for each connect (`socketTicket`), never the token itself; the Worker strips it before
 * the room sees the request.
 */
import PartySocket from "partysocket";
import type { Channel, Entry } from "../../../core/protocol";

export interface RoomSocketOptions {
  threadId: string;
  /** A fresh socket ticket (`socketTicket`), asked on every (re)connect. */
  ticket: () => Promise<string>;
  channel: Channel;
  entry?: Entry | null;
  /** The highest seq the client holds; read on every (re)connect so the room replays exactly what was missed. */
  lastSeq: () => number;
}

export function openRoomSocket(opts: RoomSocketOptions): PartySocket {
  return new PartySocket({
    host: location.host,
    protocol: location.protocol === "https:" ? "wss" : "ws",
    party: "conversation-room",
    room: opts.threadId,
    query: async () => ({
      ticket: await opts.ticket(),
      channel: opts.channel,
      entryType: opts.entry?.type,
      entryId: opts.entry?.id,
      // With nothing held yet, leave `since` out: the room then sends the latest page and older
      // history is paged over HTTP, instead of replaying the whole thread from seq 1.
      since: opts.lastSeq() > 0 ? String(opts.lastSeq()) : undefined,
    }),
    // Never queue frames while offline: the conversation model resends its pending messages
    // itself after each join, with their original clientIds.
    maxEnqueuedMessages: 0,
    maxReconnectionDelay: 8000,
  });
}
