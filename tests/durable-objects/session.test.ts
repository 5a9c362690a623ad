import { env } from "cloudflare:workers";
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { listThreadSessions } from "../../worker/db/repos/sessions";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect, roomSettled } from "../helpers/socket";
import { brokenD1 } from "../helpers/broken-d1";

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

async function rows(threadId: string) {
  return listThreadSessions(database(env.DB), "apparel", threadId);
}

describe("sessions: one D1 row per consultation with the timestamps metrics need", () => {
  it("opens on the customer's message, records the first reply, resolves by the agent", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer, "张三"), { channel: "miniprogram", entryType: "order", entryId: "o-1" });
    const agent = await connect(thread, agentToken);
    await agent.next("room.joined");

    const t0 = Date.now();
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "衣服到哪了" });
    await shopper.next("session.changed", (e) => e.session.status === "queued");
    let [row] = await rows(thread);
    expect(row).toMatchObject({ shopId: "apparel", customerId: customer, threadId: thread, channel: "miniprogram", entryType: "order", entryId: "o-1", status: "queued", firstResponseAt: null, resolvedAt: null });
    expect(row!.openedAt).toBeGreaterThanOrEqual(t0);

    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "亲，已经在路上了" });
    await shopper.next("session.changed", (e) => e.session.status === "assigned");
    [row] = await rows(thread);
    expect(row).toMatchObject({ status: "assigned", agentId: STAFF.apparelAgent.id });
    expect(row!.firstResponseAt).toBeGreaterThanOrEqual(row!.openedAt);
    expect(row!.assignedAt).toBe(row!.firstResponseAt);

    agent.send({ type: "session.resolve" });
    const notice = await shopper.next("message.created", (e) => e.message.kind === "system");
    expect(notice.message.body.notice?.code).toBe("session.resolved");
    [row] = await rows(thread);
    expect(row).toMatchObject({ status: "resolved", resolvedBy: STAFF.apparelAgent.id, closeReason: "resolved", customerMessages: 1, agentMessages: 1 });
    expect(row!.resolvedAt).toBeGreaterThanOrEqual(row!.firstResponseAt!);

    // The shopper's claims were recorded with the session.
    const me = await database(env.DB).query.customers.findFirst({ where: (c, { eq }) => eq(c.id, customer) });
    expect(me?.name).toBe("张三");

    // The next customer message opens a second session.
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "还有个问题" });
    await shopper.next("session.changed", (e) => e.session.status === "queued");
    expect((await rows(thread)).map((r) => r.status)).toEqual(["queued", "resolved"]);
    [shopper, agent].forEach((c) => c.close());
  });

  it("keeps the session's counts and last-message time across a restart, though only transitions are written", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const token = await shopperToken(customer);
    const say = async (sock: Awaited<ReturnType<typeof connect>>, text: string) => {
      const clientId = cid();
      sock.send({ type: "message.send", clientId, kind: "text", text });
      await sock.next("message.acked", (e) => e.clientId === clientId);
      await roomSettled(thread);
    };
    const shopper = await connect(thread, token);
    const agent = await connect(thread, agentToken);
    await agent.next("room.joined");
    await say(shopper, "你好");
    await say(agent, "亲，在的"); // takes the session: a transition, written
    await say(shopper, "这件有S码吗");
    await say(shopper, "想要白色的"); // counters and time move in memory only
    const stub = () => getServerByName(env.ConversationRoom, thread);
    const before = await runInDurableObject(await stub(), (room) => room.store.session());
    expect(before).toMatchObject({ status: "assigned", customerMessages: 3, agentMessages: 1 });

    await abortAllDurableObjects();
    const after = await runInDurableObject(await stub(), (room) => room.store.session());
    expect(after).toEqual(before);

    const staff = await connect(thread, agentToken);
    await staff.next("room.joined");
    staff.send({ type: "session.resolve" });
    await staff.next("session.changed", (e) => e.session.status === "resolved");
    await roomSettled(thread);
    expect((await rows(thread))[0]).toMatchObject({ status: "resolved", customerMessages: 3, agentMessages: 1, lastMessageAt: before!.lastMessageAt });
    staff.close();
  });

  it("closes an idle session from the alarm", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer));
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "在吗" });
    await shopper.next("session.changed");
    await shopper.next("message.acked");
    // The ack comes as soon as the message is stored; the bot's turn (which moves the session on) follows.
    await roomSettled(thread);
    const stub = await getServerByName(env.ConversationRoom, thread);
    // Make the session look idle for longer than the timeout, then fire the alarm.
    await runInDurableObject(stub, (room) => {
      const s = room.store.session()!;
      room.store.saveSession({ ...s, lastMessageAt: Date.now() - room.idleMs() - 1000 });
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const notice = await shopper.next("message.created", (e) => e.message.kind === "system");
    expect(notice.message.body.notice?.code).toBe("session.closed_idle");
    const [row] = await rows(thread);
    expect(row).toMatchObject({ status: "resolved", resolvedBy: "system", closeReason: "idle" });
    shopper.close();
  });

  it("keeps a session transition whose D1 write failed and lands it from the alarm", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const stub = await getServerByName(env.ConversationRoom, thread);
    // Break D1 for this room only, post a message, then restore D1 and fire the alarm.
    await runInDurableObject(stub, async (room) => {
      const real = room.bindings.DB;
      Object.defineProperty(room, "bindings", { get: () => ({ ...env, DB: brokenD1 }), configurable: true });
      await room.post({ clientId: cid(), sender: { role: "customer", id: customer, name: "赵六" }, kind: "text", body: { text: "你好" }, channel: "h5", entry: null, customer: { id: customer, name: "赵六", level: "normal", locale: "zh-CN" } });
      expect(room.store.getMeta("pending_sync")).not.toBeNull();
      Object.defineProperty(room, "bindings", { get: () => ({ ...env, DB: real }), configurable: true });
      room.store.setMeta("pending_sync", String(Date.now() - 1));
    });
    expect(await rows(thread)).toHaveLength(0);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const [row] = await rows(thread);
    const live = await runInDurableObject(stub, (room) => room.store.session()!);
    expect(row).toMatchObject({ id: live.id, status: live.status, customerId: customer, customerMessages: 1, openedAt: live.openedAt });
    await runInDurableObject(stub, (room) => expect(room.store.getMeta("pending_sync")).toBeNull());
  });

  it("pages history over HTTP, oldest first, for participants", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const token = await shopperToken(customer);
    const shopper = await connect(thread, token);
    for (let i = 1; i <= 7; i++) {
      shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: `m${i}` });
      await shopper.next("message.acked");
    }
    const page1 = (await (await api(`/api/threads/${thread}/messages?limit=3`, { token })).json()) as { messages: { seq: number }[]; hasOlder: boolean };
    expect(page1.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(page1.hasOlder).toBe(true);
    const page2 = (await (await api(`/api/threads/${thread}/messages?limit=3&before=5`, { token: agentToken })).json()) as { messages: { seq: number }[]; hasOlder: boolean };
    expect(page2.messages.map((m) => m.seq)).toEqual([2, 3, 4]);
    const bad = await api(`/api/threads/${thread}/messages?limit=500`, { token });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/limit/);
    shopper.close();
  });
});
