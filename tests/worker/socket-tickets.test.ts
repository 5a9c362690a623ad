import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { openTicket, sealTicket, TICKET_TTL_MS } from "../../worker/services/socket-ticket";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { connectQueue } from "../helpers/queue-fixture";
import { cid, connect } from "../helpers/socket";

let agent: string;
beforeAll(async () => {
  await seedFixture();
  agent = await staffToken(STAFF.apparelAgent.email);
});

async function ticketFor(token: string | null, body: unknown): Promise<Response> {
  return api("/api/socket-tickets", { method: "POST", ...(token ? { token } : {}), headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

async function ticket(token: string, party: string, name: string): Promise<string> {
  const res = await ticketFor(token, { party, name });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { ticket: string; expiresAt: number };
  expect(body.ticket).toMatch(/^tk_/);
  // The ticket is not the token, nor does it carry it readably.
  expect(body.ticket).not.toContain(token);
  expect(body.expiresAt - Date.now()).toBeLessThanOrEqual(TICKET_TTL_MS);
  return body.ticket;
}

describe("socket tickets: the token never rides in a socket URL", () => {
  it("a shopper's ticket opens their thread's socket, and the conversation works over it", async () => {
    const customer = uniqueCustomer();
    const token = await shopperToken(customer);
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, "", { ticket: await ticket(token, "conversation-room", thread) });
    const joined = await shopper.next("room.joined");
    expect(joined.role).toBe("customer");
    const clientId = cid();
    shopper.send({ type: "message.send", clientId, kind: "text", text: "你好，用票据连上的" });
    expect((await shopper.next("message.acked")).clientId).toBe(clientId);
    shopper.close();
  });

  it("a ticket opens only the socket it was asked for", async () => {
    const customer = uniqueCustomer();
    const token = await shopperToken(customer);
    const forApparel = await ticket(token, "conversation-room", `apparel:${customer}`);
    await expect(connect(`electronics:${customer}`, "", { ticket: forApparel })).rejects.toMatchObject({ status: 401 });
    const other = uniqueCustomer();
    await expect(connect(`apparel:${other}`, "", { ticket: forApparel })).rejects.toMatchObject({ status: 401 });
  });

  it("refuses a ticket for a socket the caller may not join, up front", async () => {
    const customer = uniqueCustomer();
    const res = await ticketFor(await shopperToken(customer), { party: "conversation-room", name: `apparel:${uniqueCustomer()}` });
    expect(res.status).toBe(403);
    const queue = await ticketFor(agent, { party: "agent-queue", name: "electronics" });
    expect(queue.status).toBe(403);
    expect((await ticketFor(await shopperToken(customer), { party: "agent-queue", name: "apparel" })).status).toBe(403);
  });

  it("asks for a token, and names the field at fault", async () => {
    expect((await ticketFor(null, { party: "agent-queue", name: "apparel" })).status).toBe(401);
    const bad = await ticketFor(agent, { party: "agent-queue", name: "Not A Shop" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/name/);
    const party = await ticketFor(agent, { party: "chat", name: "apparel" });
    expect(party.status).toBe(400);
    expect(((await party.json()) as { error: { message: string } }).error.message).toMatch(/party/);
  });

  it("a staff ticket opens the shop's queue socket; a forged or altered one does not", async () => {
    const t = await ticket(agent, "agent-queue", "apparel");
    const queue = await connectQueue("apparel", t, "ticket");
    expect((await queue.next("queue.snapshot")).type).toBe("queue.snapshot");
    queue.close();
    const altered = `${t.slice(0, -4)}${t.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    await expect(connectQueue("apparel", altered, "ticket")).rejects.toMatchObject({ status: 401 });
    await expect(connectQueue("apparel", "tk_not-a-ticket", "ticket")).rejects.toMatchObject({ status: 401 });
  });

  it("expires after a minute, and the token inside is checked again when it is used", async () => {
    const now = Date.now();
    const sealed = await sealTicket(env, agent, "agent-queue", "apparel", now);
    expect(await openTicket(env, sealed.ticket, "agent-queue", "apparel", now + TICKET_TTL_MS - 1)).toMatchObject({ token: agent, expiresAt: now + TICKET_TTL_MS });
    await expect(openTicket(env, sealed.ticket, "agent-queue", "apparel", now + TICKET_TTL_MS)).rejects.toMatchObject({ code: "unauthorized" });
    // A ticket sealed around a token that is not (or no longer) valid opens no socket.
    const dead = await sealTicket(env, "st_revoked-or-made-up", "agent-queue", "apparel", Date.now());
    await expect(connectQueue("apparel", dead.ticket, "ticket")).rejects.toMatchObject({ status: 401 });
  });

  it("opens one socket: the same ticket again (a copy from a log) is refused, and the first socket works on", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const token = await shopperToken(customer);
    const once = await ticket(token, "conversation-room", thread);
    const shopper = await connect(thread, "", { ticket: once });
    await shopper.next("room.joined");
    const replay = await connect(thread, "", { ticket: once }).catch((err: { status: number; body: string }) => err);
    expect(replay).toMatchObject({ status: 401 });
    expect(JSON.parse((replay as { body: string }).body).error.message).toMatch(/used already/);
    const clientId = cid();
    shopper.send({ type: "message.send", clientId, kind: "text", text: "票据只能用一次" });
    expect((await shopper.next("message.acked")).clientId).toBe(clientId);
    // Reconnecting means a new ticket, as the console and widget ask at every (re)connect.
    const again = await connect(thread, "", { ticket: await ticket(token, "conversation-room", thread) });
    expect((await again.next("messages.synced")).messages.map((m) => m.clientId)).toContain(clientId);
    shopper.close();
    again.close();

    const queueOnce = await ticket(agent, "agent-queue", "apparel");
    const queue = await connectQueue("apparel", queueOnce, "ticket");
    await queue.next("queue.snapshot");
    await expect(connectQueue("apparel", queueOnce, "ticket")).rejects.toMatchObject({ status: 401 });
    queue.close();
  });

  it("refuses a bearer token in the socket URL, and says to ask for a ticket", async () => {
    const customer = uniqueCustomer();
    const token = await shopperToken(customer);
    for (const path of [`/parties/conversation-room/apparel:${customer}?token=${token}`, `/parties/agent-queue/apparel?token=${agent}`]) {
      const res = await api(path, { headers: { upgrade: "websocket" } });
      expect(res.status).toBe(401);
      expect(res.webSocket).toBeNull();
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/tokens are not accepted in socket URLs.*POST \/api\/socket-tickets/);
    }
  });
});
