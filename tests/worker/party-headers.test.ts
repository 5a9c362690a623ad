/**
 * Client-supplied `x-partykit-*` headers never reach a Durable Object (worker/routes/rooms.ts
 * `routeRoomRequest` strips them with `x-kefu-identity` and `x-kefu-ticket`). Observable through partyserver itself:
 * it decodes `x-partykit-props` in the object's fetch, and a value that is not base64 JSON fails
 * the connection (close 1011), so a socket that joins normally proves the header was removed.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFixture, shopperToken, staffToken, STAFF, uniqueCustomer } from "../helpers/fixtures";
import { socketTicketFor } from "../helpers/socket";

beforeAll(seedFixture);

const HOSTILE = {
  "x-partykit-props": "{not json",
  "x-partykit-room": "apparel:someone-else",
  "x-partykit-namespace": "agent-queue",
  "x-kefu-identity": '{"role":"agent","id":"st-x","name":"forged","shopId":"platform"}',
  // A ticket id of the client's choosing would let it spend (block) someone else's ticket.
  "x-kefu-ticket": "tkt_someone-elses.9999999999999",
};

/** Opens a socket with extra headers; resolves with the first frame (or the close) it receives. */
async function firstFrame(path: string, headers: Record<string, string>): Promise<{ type?: string; role?: string; close?: number; error?: unknown }> {
  const res = await exports.default.fetch(`http://kefu.test${path}`, { headers: { upgrade: "websocket", ...headers } });
  const ws = res.webSocket;
  if (!ws) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  ws.accept();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no frame within 5 s")), 5000);
    ws.addEventListener("message", (e) => {
      clearTimeout(timer);
      resolve(JSON.parse(e.data as string));
      ws.close(1000, "done");
    });
    ws.addEventListener("close", (e) => {
      clearTimeout(timer);
      resolve({ close: e.code });
    });
  });
}

describe("x-partykit-* headers from clients", () => {
  it("do not reach a room: the shopper joins as themself, in their own thread", async () => {
    const customer = uniqueCustomer();
    const ticket = await socketTicketFor(await shopperToken(customer), "conversation-room", `apparel:${customer}`);
    const frame = await firstFrame(`/parties/conversation-room/apparel:${customer}?ticket=${encodeURIComponent(ticket)}`, HOSTILE);
    expect(frame).toMatchObject({ type: "room.joined", role: "customer" });
  });

  it("do not reach a shop's queue", async () => {
    const token = await staffToken(STAFF.apparelAgent.email);
    const frame = await firstFrame(`/parties/agent-queue/apparel?ticket=${encodeURIComponent(await socketTicketFor(token, "agent-queue", "apparel"))}`, HOSTILE);
    expect(frame).toMatchObject({ type: "queue.snapshot" });
  });
});
