import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { describe, expect, it } from "vitest";
import { PRESENCE_GRACE_MS } from "../../durable-objects/agent-queue/timers";
import { api, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { connectQueue, makeShop } from "../helpers/queue-fixture";
import { cid, connect, roomSettled, type SocketClient } from "../helpers/socket";

const ALL = [{ key: "presales" }, { key: "logistics" }, { key: "aftersales" }, { key: "vip" }];

/** A shopper of `level` opens a chat in `shopId` with `text`; returns their socket once routed. */
async function shopperAsks(shopId: string, text: string, level = "normal", customer = uniqueCustomer()): Promise<SocketClient & { thread: string }> {
  const thread = `${shopId}:${customer}`;
  const s = await connect(thread, await shopperToken(customer, `顾客${customer.slice(-4)}`, { level }));
  await s.next("room.joined");
  s.send({ type: "message.send", clientId: cid(), kind: "text", text });
  await s.next("message.acked");
  await roomSettled(thread);
  return Object.assign(s, { thread });
}

async function snapshot(shopId: string) {
  return (await getServerByName(env.AgentQueue, shopId)).snapshot();
}

describe("AgentQueue: routing and assignment", () => {
  it("routes a shipping question to the logistics agent and tells both sides", async () => {
    const shop = await makeShop(ALL, [{ handle: "pre", groups: ["presales"] }, { handle: "log", groups: ["logistics"] }]);
    const log = await connectQueue(shop.shopId, shop.tokens.log!);
    await log.next("queue.snapshot");
    const shopper = await shopperAsks(shop.shopId, "我的快递到哪了？三天了还没到");
    const assigned = await log.next("assignment.created");
    expect(assigned).toMatchObject({ threadId: shopper.thread, groupKey: "logistics", via: "auto" });
    const changed = await shopper.next("session.changed", (e) => e.session.status === "assigned");
    expect(changed.session).toMatchObject({ agentId: shop.staffId("log"), groupKey: "logistics", agentName: "客服log" });
    const notice = await shopper.next("message.created", (e) => e.message.body.notice?.code === "agent.assigned");
    expect(notice.message.body.notice?.params).toEqual({ name: "客服log" });
  });

  it("queues when agents are full, shows the position, and lets a VIP jump the queue", async () => {
    const shop = await makeShop(ALL, [{ handle: "a", groups: ["presales", "vip"], capacity: 1, seniority: 3 }]);
    const agent = await connectQueue(shop.shopId, shop.tokens.a!);
    await agent.next("queue.snapshot");
    const first = await shopperAsks(shop.shopId, "这件有货吗");
    await agent.next("assignment.created");
    const second = await shopperAsks(shop.shopId, "请问有优惠吗");
    const third = await shopperAsks(shop.shopId, "尺码怎么选");
    expect(await third.next("queue.updated")).toMatchObject({ status: "queued", position: 2, leaveMessage: false });
    const vip = await shopperAsks(shop.shopId, "你好，想咨询一下", "vip");
    await vip.next("queue.updated");
    const snap = await snapshot(shop.shopId);
    expect(snap.waiting.map((w) => w.threadId)).toEqual([vip.thread, second.thread, third.thread]);

    // The agent resolves the first chat: the freed seat goes to the VIP, not to who came first.
    const room = await connect(first.thread, shop.tokens.a!);
    await room.next("room.joined");
    room.send({ type: "session.resolve" });
    const next = await agent.next("assignment.created", (e) => e.threadId !== first.thread);
    expect(next.threadId).toBe(vip.thread);
  });

  it("never exceeds capacity under many concurrent hand-offs", async () => {
    const shop = await makeShop(ALL, [{ handle: "a", groups: ["presales"], capacity: 2 }, { handle: "b", groups: ["presales"], capacity: 3 }]);
    for (const h of ["a", "b"]) await (await connectQueue(shop.shopId, shop.tokens[h]!)).next("queue.snapshot");
    await Promise.all(Array.from({ length: 12 }, () => shopperAsks(shop.shopId, "在吗，想问下这个")));
    const snap = await snapshot(shop.shopId);
    for (const a of snap.agents) expect(a.load).toBeLessThanOrEqual(a.capacity);
    expect(snap.active).toHaveLength(5);
    expect(snap.waiting).toHaveLength(7);
    expect(new Set(snap.active.map((a) => a.sessionId)).size).toBe(5);
  });

  it("returns a customer to the agent who served them last (sticky)", async () => {
    const shop = await makeShop([{ key: "presales", policy: "sticky" }], [{ handle: "a", groups: ["presales"], capacity: 5 }, { handle: "b", groups: ["presales"], capacity: 5 }]);
    const a = await connectQueue(shop.shopId, shop.tokens.a!);
    const b = await connectQueue(shop.shopId, shop.tokens.b!);
    await a.next("queue.snapshot");
    await b.next("queue.snapshot");
    const customer = uniqueCustomer();
    const s1 = await shopperAsks(shop.shopId, "你好", "normal", customer);
    const firstAgent = (await s1.next("session.changed", (e) => e.session.status === "assigned")).session.agentId!;
    // Load the first agent with another chat so least-loaded alone would pick the other one.
    await shopperAsks(shop.shopId, "在吗");
    const staffRoom = await connect(s1.thread, firstAgent === shop.staffId("a") ? shop.tokens.a! : shop.tokens.b!);
    staffRoom.send({ type: "session.resolve" });
    await s1.next("session.changed", (e) => e.session.status === "resolved");
    s1.send({ type: "message.send", clientId: cid(), kind: "text", text: "我又来了" });
    const again = await s1.next("session.changed", (e) => e.session.status === "assigned");
    expect(again.session.agentId).toBe(firstAgent);
  });
});

describe("AgentQueue: overflow, transfer, presence", () => {
  it("overflows a session waiting past the limit to the fallback group, from the alarm", async () => {
    const shop = await makeShop([{ key: "logistics", fallbackKey: "presales", maxWaitSec: 30 }, { key: "presales" }], [
      { handle: "log", groups: ["logistics"] },
      { handle: "pre", groups: ["presales"] },
    ]);
    const log = await connectQueue(shop.shopId, shop.tokens.log!);
    await log.next("queue.snapshot");
    log.send({ type: "agent.status.set", status: "away" });
    await log.next("queue.snapshot", (e) => e.me?.status === "away");
    const pre = await connectQueue(shop.shopId, shop.tokens.pre!);
    await pre.next("queue.snapshot");
    const shopper = await shopperAsks(shop.shopId, "快递怎么还没到");
    // The only logistics agent is away: the shopper may leave a message, and still waits in line.
    expect(await shopper.next("queue.updated")).toMatchObject({ status: "unavailable", leaveMessage: true });
    const stub = await getServerByName(env.AgentQueue, shop.shopId);
    await runInDurableObject(stub, (q) => {
      for (const w of q.engine.waiting.values()) w.enqueuedAt -= 31_000;
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await pre.next("assignment.created")).toMatchObject({ threadId: shopper.thread, groupKey: "presales" });
  });

  it("offers leave-a-message when nobody can take the chat, stores it and tells the consoles", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "admin", groups: [], role: "shop_admin" }]);
    const console_ = await connectQueue(shop.shopId, shop.tokens.admin!);
    await console_.next("queue.snapshot");
    const shopper = await shopperAsks(shop.shopId, "有人吗");
    expect(await shopper.next("queue.updated")).toMatchObject({ status: "unavailable", leaveMessage: true });
    shopper.send({ type: "leave_message.submit", text: "明天再联系我，想买两件", contact: "138****0000" });
    await shopper.next("leave_message.saved");
    expect(await console_.next("leave_message.created")).toMatchObject({ threadId: shopper.thread, text: "明天再联系我，想买两件" });
    const list = (await (await api(`/api/leave-messages`, { token: shop.tokens.admin })).json()) as { leaveMessages: { text: string; threadId: string }[] };
    expect(list.leaveMessages).toEqual([expect.objectContaining({ text: "明天再联系我，想买两件", threadId: shopper.thread })]);
  });

  it("transfers to another agent with a note the shopper never sees, keeping the history", async () => {
    const shop = await makeShop(ALL, [{ handle: "a", groups: ["presales"] }, { handle: "b", groups: ["aftersales"] }]);
    const a = await connectQueue(shop.shopId, shop.tokens.a!);
    const b = await connectQueue(shop.shopId, shop.tokens.b!);
    await a.next("queue.snapshot");
    await b.next("queue.snapshot");
    const shopper = await shopperAsks(shop.shopId, "这个颜色还有吗");
    const assigned = await a.next("assignment.created");
    a.send({ type: "session.transfer", sessionId: assigned.sessionId, toAgentId: shop.staffId("b"), note: "顾客想退货，请跟进" });
    expect(await b.next("assignment.created")).toMatchObject({ sessionId: assigned.sessionId, via: "transfer", note: "顾客想退货，请跟进" });
    await a.next("assignment.removed");
    expect((await shopper.next("message.created", (e) => e.message.body.notice?.code === "session.transferred")).message.body.notice?.params).toEqual({ to: "客服b" });
    const bRoom = await connect(shopper.thread, shop.tokens.b!);
    const history = (await bRoom.next("messages.synced")).messages;
    expect(history.map((m) => m.body.text ?? m.body.notice?.code)).toEqual(expect.arrayContaining(["这个颜色还有吗", "session.transferred", "session.transfer_note"]));
    const mine = (await (await api(`/api/threads/${shopper.thread}/messages`, { token: await shopperToken(shopper.thread.split(":")[1]!) })).json()) as { messages: { body: { notice?: { code: string } } }[] };
    expect(mine.messages.map((m) => m.body.notice?.code)).not.toContain("session.transfer_note");
    expect(shopper.all("message.created").map((e) => e.message.body.notice?.code)).not.toContain("session.transfer_note");
  });

  it("requeues an agent's chats when their console has been gone past the grace period", async () => {
    const shop = await makeShop(ALL, [{ handle: "a", groups: ["presales"] }, { handle: "b", groups: ["presales"], capacity: 3 }]);
    const a = await connectQueue(shop.shopId, shop.tokens.a!);
    await a.next("queue.snapshot");
    const shopper = await shopperAsks(shop.shopId, "你好");
    await a.next("assignment.created");
    a.close();
    const stub = await getServerByName(env.AgentQueue, shop.shopId);
    await runInDurableObject(stub, async (q) => {
      for (let i = 0; i < 50 && q.engine.agents.get(shop.staffId("a"))!.connected; i++) await new Promise((r) => setTimeout(r, 10));
      q.engine.agents.get(shop.staffId("a"))!.disconnectedAt = Date.now() - PRESENCE_GRACE_MS - 1;
    });
    const b = await connectQueue(shop.shopId, shop.tokens.b!);
    await b.next("queue.snapshot");
    await runDurableObjectAlarm(stub);
    expect(await b.next("assignment.created")).toMatchObject({ threadId: shopper.thread });
    const snap = await snapshot(shop.shopId);
    expect(snap.agents.find((x) => x.id === shop.staffId("a"))).toMatchObject({ status: "offline", load: 0 });
  });
});

describe("platform intervention and internal notes", () => {
  it("announces a platform agent stepping into a shop's thread to every side", async () => {
    const shop = await makeShop(ALL, [{ handle: "a", groups: ["presales"] }]);
    const shopper = await shopperAsks(shop.shopId, "我要投诉你们店");
    const { seedFixture, staffToken, STAFF } = await import("../helpers/fixtures");
    await seedFixture();
    const platform = await connect(shopper.thread, await staffToken(STAFF.platformAgent.email));
    await platform.next("room.joined");
    platform.send({ type: "message.send", clientId: cid(), kind: "text", text: "您好，我是平台客服，来协助处理" });
    const notice = await shopper.next("message.created", (e) => e.message.body.notice?.code === "platform.intervened");
    expect(notice.message.body.notice?.params).toEqual({ name: STAFF.platformAgent.name });
    await shopper.next("message.created", (e) => e.message.sender.role === "agent");
  });

  it("refuses internal notes from shoppers", async () => {
    const shop = await makeShop(ALL, []);
    const shopper = await shopperAsks(shop.shopId, "hi");
    shopper.send({ type: "message.send", clientId: cid(), kind: "note", text: "sneaky" });
    expect((await shopper.next("error")).error.code).toBe("forbidden");
  });
});

describe("transfer to a group", () => {
  it("never hands the session straight back to the agent who transferred it", async () => {
    const shop = await makeShop([{ key: "presales" }, { key: "aftersales" }], [
      { handle: "a", groups: ["presales", "aftersales"], capacity: 5 },
      { handle: "b", groups: ["aftersales"], capacity: 5 },
    ]);
    const a = await connectQueue(shop.shopId, shop.tokens.a!);
    const b = await connectQueue(shop.shopId, shop.tokens.b!);
    await a.next("queue.snapshot");
    await b.next("queue.snapshot");
    await shopperAsks(shop.shopId, "想问问这个");
    const assigned = await a.next("assignment.created");
    a.send({ type: "session.transfer", sessionId: assigned.sessionId, toGroupKey: "aftersales" });
    expect(await b.next("assignment.created")).toMatchObject({ sessionId: assigned.sessionId, via: "transfer", groupKey: "aftersales" });
  });
});

describe("an agent stepping into a session the bot holds", () => {
  it("takes it in the queue too: counted in their load, listed active, transferable", async () => {
    const { env: e } = await import("cloudflare:workers");
    const { createArticle } = await import("../../worker/services/knowledge/articles");
    const shop = await makeShop(ALL, [{ handle: "a", groups: ["presales"] }, { handle: "b", groups: ["presales"] }]);
    await createArticle(e, shop.shopId, { kind: "faq", question: "什么时候发货", altQuestions: [], answer: "48 小时内", tags: [], category: null, productId: null, status: "published", validFrom: null, validTo: null }, { by: null, now: Date.now() });
    const shopper = await shopperAsks(shop.shopId, "什么时候发货");
    await shopper.next("message.created", (ev) => ev.message.sender.role === "bot" && ev.message.body.article !== undefined);
    const console_ = await connectQueue(shop.shopId, shop.tokens.a!);
    await console_.next("queue.snapshot");
    const staff = await connect(shopper.thread, shop.tokens.a!);
    await staff.next("room.joined");
    staff.send({ type: "message.send", clientId: cid(), kind: "text", text: "您好，我来帮您看看" });
    await shopper.next("session.changed", (ev) => ev.session.status === "assigned");
    await staff.next("message.acked");
    // The queue hears of it after the ack: the agent's console is told it is theirs.
    await console_.next("assignment.created", (ev) => ev.threadId === shopper.thread);
    const snap = await snapshot(shop.shopId);
    expect(snap.active.map((x) => x.agentId)).toEqual([shop.staffId("a")]);
    expect(snap.agents.find((x) => x.id === shop.staffId("a"))?.load).toBe(1);
  });
});
