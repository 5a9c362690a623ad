/**
 * Revoking a shopper's tokens (the mall's `customer.tokens_revoked` webhook) and rotating the
 * mall's signing key (SHOPPER_JWT_SECRET_PREVIOUS): refused tokens over HTTP and sockets, open
 * sockets closed, everyone else untouched. Through the real Worker, rooms and D1.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { getServerByName } from "partyserver";
import { sign } from "hono/utils/jwt/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { database } from "../../worker/db/client";
import { leaveMessages, shopperTokenRevocations } from "../../worker/db/schema";
import { api, seedFixture, shopperToken, STAFF, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { oneEvent, postDelivery } from "../helpers/mall";
import { cid, closedBy, connect, roomSettled, socketTicketFor, type SocketClient } from "../helpers/socket";
import { createOrder, createShop, sendSteps, step, threadNotices, waitFor } from "../helpers/proactive";
import { PROACTIVE_SENDER } from "../../worker/services/proactive/deliver";
import { signDelivery } from "../../worker/services/mall/signature";

beforeAll(seedFixture);

const nowSec = () => Math.floor(Date.now() / 1000);
/** A mall token for `sub` issued `agoSec` seconds ago. */
const issuedAgo = (sub: string, agoSec: number) => shopperToken(sub, "王小明", { iat: nowSec() - agoSec });
const revoke = (customerId: string, occurredAt = Date.now()) => postDelivery(oneEvent("customer.tokens_revoked", { customerId, occurredAt }));
const me = async (token: string) => {
  const res = await api("/api/me", { token });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; identity?: { customerId: string } } };
};


/** A thread with a session: the shopper has asked something. */
async function threadWithSession(customer: string, token: string): Promise<{ threadId: string; shopper: SocketClient }> {
  const threadId = `apparel:${customer}`;
  const shopper = await connect(threadId, token);
  await shopper.next("room.joined");
  shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "你好，在吗" });
  await shopper.next("message.acked");
  await roomSettled(threadId);
  return { threadId, shopper };
}

/**
 * A shopper's socket, opened with a token issued two minutes ago, in a thread where they never
 * chatted, whose tokens the mall then revokes: no session in D1, so the webhook cannot find this
 * room and the socket stays open. `closing` resolves when the room closes it.
 */
async function staleSocketInThreadWithoutSession(customerId: string, threadId: string): Promise<{ stale: SocketClient; closing: Promise<{ code: number; reason: string }> }> {
  const stale = await connect(threadId, await issuedAgo(customerId, 120));
  await stale.next("room.joined");
  const closing = closedBy(stale.ws);
  await revoke(customerId, Date.now() - 2000);
  expect(stale.ws.readyState).toBe(WebSocket.READY_STATE_OPEN);
  return { stale, closing };
}

describe("revoking a shopper's tokens", () => {
  it("refuses tokens issued before the revocation, over HTTP and for socket tickets, and keeps later ones and other shoppers'", async () => {
    const customer = uniqueCustomer("rv");
    const other = uniqueCustomer("rv");
    const old = await issuedAgo(customer, 120);
    const otherOld = await issuedAgo(other, 120);
    expect((await me(old)).status).toBe(200);

    expect(await revoke(customer, Date.now() - 1000)).toMatchObject({ results: [{ topic: "customer.tokens_revoked", outcome: "applied" }] });

    const refused = await me(old);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: "unauthorized", message: expect.stringMatching(/revoked/) });
    await expect(socketTicketFor(old, "conversation-room", `apparel:${customer}`)).rejects.toMatchObject({ status: 401 });

    const fresh = await issuedAgo(customer, 0);
    expect(await me(fresh)).toMatchObject({ status: 200, body: { identity: { customerId: customer } } });
    expect(await me(otherOld)).toMatchObject({ status: 200, body: { identity: { customerId: other } } });
  });

  it("refuses a token without iat once the shopper was revoked (it cannot be dated), not before", async () => {
    const customer = uniqueCustomer("rv");
    const undated = await shopperToken(customer);
    expect((await me(undated)).status).toBe(200);
    await revoke(customer, Date.now() - 1000);
    const refused = await me(undated);
    expect(refused.status).toBe(401);
    expect(refused.body.error!.message).toMatch(/without iat/);
  });

  it("skips an older revocation arriving late: the later one stands", async () => {
    const customer = uniqueCustomer("rv");
    const later = Date.now() - 1000;
    await revoke(customer, later);
    expect(await revoke(customer, later - 3_600_000)).toMatchObject({ results: [{ outcome: "skipped" }] });
    const row = await database(env.DB).select().from(shopperTokenRevocations).where(eq(shopperTokenRevocations.customerId, customer)).get();
    expect(row?.revokedAt).toBe(later);
    expect((await me(await issuedAgo(customer, 1800))).status).toBe(401);
  });

  it("refuses a revocation dated in seconds instead of milliseconds, naming the field, and stores nothing", async () => {
    const customer = uniqueCustomer("rv");
    const body = oneEvent("customer.tokens_revoked", { customerId: customer, occurredAt: nowSec() });
    const ts = String(nowSec());
    const res = await api("/api/mall/webhooks", {
      method: "POST",
      headers: { "content-type": "application/json", "x-kefu-timestamp": ts, "x-kefu-signature": await signDelivery(env.MALL_WEBHOOK_SECRET!, ts, body) },
      body,
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; details: { field: string }[] } };
    expect(error.code).toBe("invalid_input");
    expect(error.details.map((d) => d.field)).toEqual(["data.occurredAt"]);
    expect(await database(env.DB).select().from(shopperTokenRevocations).where(eq(shopperTokenRevocations.customerId, customer)).get()).toBeUndefined();
    expect((await me(await shopperToken(customer))).status).toBe(200);
  });

  it("closes the shopper's open sockets opened with older tokens, keeps the agent's and a newer one's, and their reconnect is refused", async () => {
    const customer = uniqueCustomer("rv");
    const old = await issuedAgo(customer, 120);
    const { threadId, shopper } = await threadWithSession(customer, old);
    const agent = await connect(threadId, await staffToken(STAFF.apparelAgent.email));
    await agent.next("room.joined");
    const fresh = await issuedAgo(customer, 0); // signed now: after the revocation below, dated 2 s ago
    const second = await connect(threadId, fresh);
    await second.next("room.joined");
    const closing = closedBy(shopper.ws);

    await revoke(customer, Date.now() - 2000);

    expect(await closing).toEqual({ code: 4001, reason: "token revoked" });
    await expect(connect(threadId, old)).rejects.toMatchObject({ status: 401 });
    // The others still hear the thread: the agent answers and both get it.
    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "您好，请问有什么可以帮您" });
    await second.next("message.created", (e) => e.message.body.text === "您好，请问有什么可以帮您");
    expect(second.ws.readyState).toBe(WebSocket.READY_STATE_OPEN);
    agent.close();
    second.close();
  });

  it("in a thread without a session, closes the old socket when the shopper comes back with a new token", async () => {
    const customer = uniqueCustomer("rv");
    const threadId = `apparel:${customer}`;
    const { closing } = await staleSocketInThreadWithoutSession(customer, threadId);

    const back = await connect(threadId, await issuedAgo(customer, 0));
    await back.next("room.joined");
    expect(await closing).toEqual({ code: 4001, reason: "token revoked" });
    back.close();
  });

  it("in a thread without a session, an old socket can neither open one nor leave a message: it is closed and nothing is stored", async () => {
    const customer = uniqueCustomer("rv");
    const threadId = `apparel:${customer}`;
    const token = await issuedAgo(customer, 120);
    const asking = await connect(threadId, token);
    await asking.next("room.joined");
    const leaving = await connect(threadId, token);
    await leaving.next("room.joined");
    await revoke(customer, Date.now() - 2000);
    const askingClosed = closedBy(asking.ws);
    const leavingClosed = closedBy(leaving.ws);

    asking.send({ type: "message.send", clientId: cid(), kind: "text", text: "我的快递到哪了" });
    leaving.send({ type: "leave_message.submit", text: "请尽快回电", contact: "13800000000" });

    expect(await askingClosed).toEqual({ code: 4001, reason: "token revoked" });
    expect(await leavingClosed).toEqual({ code: 4001, reason: "token revoked" });
    await roomSettled(threadId);
    expect(await (await getServerByName(env.ConversationRoom, threadId)).summary()).toMatchObject({ lastSeq: 0, session: null });
    expect(await database(env.DB).select().from(leaveMessages).where(eq(leaveMessages.customerId, customer)).all()).toEqual([]);
  });

  it("in a thread without a session, closes the old socket before a shipment notice could reach it, and the notice is still delivered", async () => {
    const shopId = await createShop(12); // noon there: no quiet hours
    const { orderId, customerId, threadId } = await createOrder(shopId);
    const { stale, closing } = await staleSocketInThreadWithoutSession(customerId, threadId);

    await sendSteps(step(shopId, orderId, "out_for_delivery"));

    expect(await closing).toEqual({ code: 4001, reason: "token revoked" });
    const [notice] = await waitFor(async () => ((await threadNotices(threadId)).length ? threadNotices(threadId) : null), "the notice in the thread");
    expect(notice!.body.notice).toMatchObject({ code: "shipment.out_for_delivery" });
    expect(stale.all("message.created").filter((e) => e.message.sender.id === PROACTIVE_SENDER.id)).toEqual([]);
  });

  it("in a thread without a session, closes the old socket before a message staff write there could reach it", async () => {
    const customer = uniqueCustomer("rv");
    const threadId = `apparel:${customer}`;
    const { stale, closing } = await staleSocketInThreadWithoutSession(customer, threadId);
    const agent = await connect(threadId, await staffToken(STAFF.apparelAgent.email));
    await agent.next("room.joined");

    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "您好，您的订单已发货" });

    expect((await agent.next("message.acked")).message.body.text).toBe("您好，您的订单已发货");
    expect(await closing).toEqual({ code: 4001, reason: "token revoked" });
    expect(stale.all("message.created").filter((e) => e.message.sender.role === "agent")).toEqual([]);
    agent.close();
  });

  it("in a thread without a session, closes the old socket before it could hear staff typing or reading there", async () => {
    const customer = uniqueCustomer("rv");
    const threadId = `apparel:${customer}`;
    const { stale, closing } = await staleSocketInThreadWithoutSession(customer, threadId);
    const agent = await connect(threadId, await staffToken(STAFF.apparelAgent.email));
    await agent.next("room.joined");

    agent.send({ type: "typing.set", typing: true });
    agent.send({ type: "read.mark", seq: 0 });

    expect(await closing).toEqual({ code: 4001, reason: "token revoked" });
    expect(stale.all("typing.changed").filter((e) => e.side === "agent")).toEqual([]);
    expect(stale.all("read.updated")).toEqual([]);
    agent.close();
  });

  it("lets a shopper whose tokens were never revoked open a session after the same look", async () => {
    const customer = uniqueCustomer("rv");
    const { threadId, shopper } = await threadWithSession(customer, await issuedAgo(customer, 120));
    expect(await (await getServerByName(env.ConversationRoom, threadId)).summary()).toMatchObject({ lastSeq: expect.any(Number), session: { status: expect.any(String) } });
    expect(shopper.ws.readyState).toBe(WebSocket.READY_STATE_OPEN);
    shopper.close();
  });
});

describe("rotating the mall's signing key", () => {
  const NEXT = "a-new-shopper-signing-key-0123456789abcdefghij";
  const meWith = async (vars: Record<string, string>, token: string) => {
    const res = await app.fetch(new Request("http://kefu.test/api/me", { headers: { authorization: `Bearer ${token}` } }), { ...env, ...vars }, createExecutionContext());
    return { status: res.status, body: (await res.json()) as { error?: { message: string }; identity?: { customerId: string } } };
  };
  const signedWith = (secret: string, sub: string) => sign({ sub, name: "王小明", exp: nowSec() + 3600, iat: nowSec() }, secret, "HS256");

  it("accepts tokens under the new key and, while SHOPPER_JWT_SECRET_PREVIOUS is set, under the old one", async () => {
    const rotating = { SHOPPER_JWT_SECRET: NEXT, SHOPPER_JWT_SECRET_PREVIOUS: env.SHOPPER_JWT_SECRET! };
    expect(await meWith(rotating, await signedWith(NEXT, "c1"))).toMatchObject({ status: 200, body: { identity: { customerId: "c1" } } });
    expect(await meWith(rotating, await signedWith(env.SHOPPER_JWT_SECRET!, "c2"))).toMatchObject({ status: 200, body: { identity: { customerId: "c2" } } });
  });

  it("refuses old-key tokens once the previous key is removed, and tokens under any other key throughout", async () => {
    const old = await signedWith(env.SHOPPER_JWT_SECRET!, "c1");
    const done = await meWith({ SHOPPER_JWT_SECRET: NEXT }, old);
    expect(done.status).toBe(401);
    expect(done.body.error!.message).toMatch(/bad signature/);
    const forged = await signedWith("some-other-key-that-nobody-configured-0000", "c1");
    expect((await meWith({ SHOPPER_JWT_SECRET: NEXT, SHOPPER_JWT_SECRET_PREVIOUS: env.SHOPPER_JWT_SECRET! }, forged)).status).toBe(401);
  });
});
