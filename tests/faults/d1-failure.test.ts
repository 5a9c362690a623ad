/**
 * D1 failing during session transitions. The chat must not notice (messages are stored in the
 * room and delivered), and the session's D1 row must end correct once D1 is back: the room keeps
 * a retry marker and its alarm retries, re-arming itself for as long as D1 stays down.
 * (tests/durable-objects/session.test.ts covers the opening transition; these cover the others.)
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import { SYNC_RETRY_MS } from "../../durable-objects/conversation/session-sync";
import { database } from "../../worker/db/client";
import { listThreadSessions } from "../../worker/db/repos/sessions";
import { STAFF, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect, roomSettled } from "../helpers/socket";
import { brokenD1, setRoomD1 } from "../helpers/broken-d1";

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

async function pendingSync(thread: string): Promise<string | null> {
  return runInDurableObject(await getServerByName(env.ConversationRoom, thread), (room) => room.store.getMeta("pending_sync"));
}

/** Makes the pending retry due now, then fires the room's alarm. */
async function retryNow(thread: string): Promise<boolean> {
  const stub = await getServerByName(env.ConversationRoom, thread);
  await runInDurableObject(stub, (room) => room.store.setMeta("pending_sync", String(Date.now() - 1)));
  return runDurableObjectAlarm(stub);
}

const rows = (thread: string) => listThreadSessions(database(env.DB), "apparel", thread);

describe("faults: D1 down during session transitions", () => {
  it("answers, resolves and keeps chatting while D1 is down; the row lands resolved when it is back", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer, "钱七"));
    const agent = await connect(thread, agentToken);
    await agent.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "我的订单能改地址吗" });
    await shopper.next("message.acked");
    await agent.next("message.created", (e) => e.message.sender.role === "customer");
    await roomSettled(thread);
    const [opened] = await rows(thread);
    expect(opened?.resolvedAt).toBeNull();

    await setRoomD1(thread, brokenD1);
    // The first reply (assignment + first response) and the resolution both happen with D1 down.
    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "可以的，请把新地址发我" });
    await shopper.next("message.created", (e) => e.message.sender.role === "agent");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "杭州市西湖区文三路 1 号" });
    await agent.next("message.created", (e) => e.message.body.text === "杭州市西湖区文三路 1 号");
    agent.send({ type: "session.resolve" });
    await shopper.next("session.changed", (e) => e.session.status === "resolved");
    expect((await rows(thread))[0]).toMatchObject({ status: opened!.status, resolvedAt: null, firstResponseAt: null });
    expect(await pendingSync(thread)).not.toBeNull();

    // The alarm retries while D1 is still down: nothing lands, and it tries again later.
    expect(await retryNow(thread)).toBe(true);
    const next = Number(await pendingSync(thread));
    expect(next).toBeGreaterThan(Date.now() + SYNC_RETRY_MS / 2);
    expect((await rows(thread))[0]?.resolvedAt).toBeNull();

    await setRoomD1(thread, env.DB);
    expect(await retryNow(thread)).toBe(true);
    const [row] = await rows(thread);
    expect(row).toMatchObject({ status: "resolved", agentId: STAFF.apparelAgent.id, resolvedBy: STAFF.apparelAgent.id, closeReason: "resolved", customerMessages: 2, agentMessages: 1 });
    expect(row!.firstResponseAt).toBeGreaterThanOrEqual(row!.openedAt);
    expect(row!.resolvedAt).toBeGreaterThanOrEqual(row!.firstResponseAt!);
    expect(await pendingSync(thread)).toBeNull();
    [shopper, agent].forEach((c) => c.close());
  });

  it("writes the newest state once D1 is back, even after several transitions failed in a row", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    await setRoomD1(thread, brokenD1);
    const shopper = await connect(thread, await shopperToken(customer, "孙八"));
    const agent = await connect(thread, agentToken);
    await agent.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "你好" });
    await agent.next("message.created", (e) => e.message.sender.role === "customer");
    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "您好" });
    await shopper.next("message.created", (e) => e.message.sender.role === "agent");
    agent.send({ type: "session.resolve" });
    await shopper.next("session.changed", (e) => e.session.status === "resolved");
    expect(await rows(thread)).toEqual([]);

    await setRoomD1(thread, env.DB);
    expect(await retryNow(thread)).toBe(true);
    const all = await rows(thread);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: "resolved", customerMessages: 1, agentMessages: 1, customerId: customer });
    // The shopper's claims came with the retried write too.
    const me = await database(env.DB).query.customers.findFirst({ where: (c, { eq }) => eq(c.id, customer) });
    expect(me?.name).toBe("孙八");
    [shopper, agent].forEach((c) => c.close());
  });

  it("answers a command that fails on D1 with a bare internal error, stores nothing, and keeps the socket", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer, "周九"));
    await shopper.next("room.joined");
    await setRoomD1(thread, brokenD1);
    shopper.send({ type: "leave_message.submit", text: "晚上再联系我", contact: "13800000000" });
    const failed = await shopper.next("error");
    // What went wrong inside stays in the server's log: no D1 message, no details.
    expect(failed.error).toEqual({ code: "internal", message: "internal error" });
    expect(JSON.stringify(failed)).not.toContain("D1");
    shopper.send({ type: "ping" });
    await shopper.next("pong");

    await setRoomD1(thread, env.DB);
    const left = await database(env.DB).query.leaveMessages.findMany({ where: (m, { eq }) => eq(m.threadId, thread) });
    expect(left).toEqual([]);
    shopper.close();
  });
});
