import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import { RoomStore } from "../../durable-objects/conversation/storage";
import { STAFF, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect } from "../helpers/socket";

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

/** A new shopper's thread with the shop, the shopper and an agent both joined. */
async function newThreadWithBothSides() {
  const customer = uniqueCustomer();
  const thread = `apparel:${customer}`;
  const shopper = await connect(thread, await shopperToken(customer));
  const agent = await connect(thread, agentToken);
  await shopper.next("room.joined");
  await agent.next("room.joined");
  return { thread, shopper, agent };
}

describe("ConversationRoom: real-time delivery", () => {
  it("delivers a shopper message to the shopper's other channels and to the agent, with channel and entry", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const token = await shopperToken(customer);
    const app = await connect(thread, token, { channel: "app", entryType: "product", entryId: "p-tee" });
    const h5 = await connect(thread, token, { channel: "h5" });
    const agent = await connect(thread, agentToken);
    for (const c of [app, h5, agent]) await c.next("room.joined");

    const clientId = cid();
    app.send({ type: "message.send", clientId, kind: "text", text: "这件T恤什么时候发货？" });
    const ack = await app.next("message.acked");
    expect(ack).toMatchObject({ clientId, seq: 1, duplicate: false, unread: { customer: 0, agent: 1 } });

    // The sending socket gets the stored message in its ack; every other socket gets it created.
    const delivered = [ack.message];
    for (const c of [h5, agent]) delivered.push((await c.next("message.created", (e) => e.message.clientId === clientId)).message);
    for (const message of delivered) {
      expect(message).toMatchObject({
        seq: 1,
        kind: "text",
        body: { text: "这件T恤什么时候发货？" },
        channel: "app",
        entry: { type: "product", id: "p-tee" },
        sender: { role: "customer", id: customer },
      });
    }

    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "亲，今天下午发出～" });
    for (const c of [app, h5]) {
      const { message } = await c.next("message.created", (e) => e.message.sender.role === "agent");
      expect(message).toMatchObject({ seq: 2, body: { text: "亲，今天下午发出～" }, sender: { id: STAFF.apparelAgent.id, name: STAFF.apparelAgent.name } });
    }
    expect((await agent.next("message.acked")).message).toMatchObject({ seq: 2, body: { text: "亲，今天下午发出～" } });
    // Each message reached its own sender once, as the ack, never as a created event too.
    expect(app.all("message.created").map((e) => e.message.seq)).toEqual([2]);
    expect(agent.all("message.created").map((e) => e.message.seq)).toEqual([1]);
    [app, h5, agent].forEach((c) => c.close());
  });

  it("gives a reconnecting client exactly the messages it missed, in order", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const token = await shopperToken(customer);
    const shopper = await connect(thread, token);
    await shopper.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "第一条" });
    await shopper.next("message.acked");
    shopper.close();

    const agent = await connect(thread, agentToken);
    await agent.next("room.joined");
    for (const text of ["二", "三", "四"]) {
      agent.send({ type: "message.send", clientId: cid(), kind: "text", text });
      await agent.next("message.acked");
    }

    const back = await connect(thread, token, { since: 1 });
    const joined = await back.next("room.joined");
    expect(joined.lastSeq).toBe(4);
    const synced = await back.next("messages.synced");
    expect(synced.messages.map((m) => [m.seq, m.body.text])).toEqual([[2, "二"], [3, "三"], [4, "四"]]);
    expect(synced.more).toBe(false);
    [agent, back].forEach((c) => c.close());
  });

  it("stores a resent clientId once and acks it with the original seq", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer));
    const agent = await connect(thread, agentToken);
    await agent.next("room.joined");
    const clientId = cid();
    const frame = { type: "message.send", clientId, kind: "text", text: "在吗" };
    shopper.send(frame);
    const first = await shopper.next("message.acked");
    shopper.send(frame);
    const second = await shopper.next("message.acked");
    expect(first).toMatchObject({ seq: 1, duplicate: false });
    expect(second).toMatchObject({ seq: 1, duplicate: true });
    expect(second.message).toEqual(first.message);

    shopper.send({ type: "history.sync", afterSeq: 0 });
    const synced = await shopper.next("messages.synced", (e) => e.messages.length > 0);
    expect(synced.messages).toHaveLength(1);
    expect(agent.all("message.created").filter((e) => e.message.clientId === clientId)).toHaveLength(1);
    [shopper, agent].forEach((c) => c.close());
  });

  it("counts unread as each side sees it: notes and system notices never, replies for the shopper, the shopper's for staff", async () => {
    const { thread, shopper, agent } = await newThreadWithBothSides();
    const unreadAfter = async (from: typeof shopper, cmd: Record<string, unknown>) => {
      const clientId = cid();
      from.send({ type: "message.send", clientId, ...cmd });
      const { unread } = await from.next("message.acked", (e) => e.clientId === clientId);
      // The other sockets (a note reaches staff only: here nobody else) get the same counts.
      if (from === shopper) expect((await agent.next("message.created", (e) => e.message.clientId === clientId)).unread).toEqual(unread);
      else if (cmd.kind !== "note") expect((await shopper.next("message.created", (e) => e.message.clientId === clientId)).unread).toEqual(unread);
      return unread;
    };
    expect(await unreadAfter(shopper, { kind: "text", text: "在吗" })).toEqual({ customer: 0, agent: 1 });
    expect(await unreadAfter(agent, { kind: "note", text: "老顾客" })).toEqual({ customer: 0, agent: 1 });
    // The agent's reply takes the session (a system notice may follow: never counted).
    expect(await unreadAfter(agent, { kind: "text", text: "在的亲" })).toEqual({ customer: 1, agent: 1 });
    agent.send({ type: "read.mark", seq: 3 });
    expect((await agent.next("unread.changed")).unread).toEqual({ customer: 1, agent: 0 });
    expect(await unreadAfter(shopper, { kind: "text", text: "好的" })).toEqual({ customer: 1, agent: 1 });
    // The room keeps these counts in memory; counted afresh from its SQLite they agree.
    const recounted = await runInDurableObject(await getServerByName(env.ConversationRoom, thread), (_room, state) => new RoomStore(state.storage.sql, thread).unread());
    expect(recounted).toEqual({ customer: 1, agent: 1 });
    [shopper, agent].forEach((c) => c.close());
  });

  it("shows typing to the other side only, and tracks reads and unread counts per side", async () => {
    const { shopper, agent } = await newThreadWithBothSides();

    shopper.send({ type: "typing.set", typing: true });
    expect(await agent.next("typing.changed")).toMatchObject({ side: "customer", typing: true });

    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "一" });
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "二" });
    await agent.next("message.created", (e) => e.unread?.agent === 2);

    agent.send({ type: "read.mark", seq: 2 });
    expect(await shopper.next("read.updated")).toMatchObject({ side: "agent", seq: 2 });
    await shopper.next("unread.changed", (e) => e.unread.agent === 0);
    expect(shopper.all("typing.changed")).toHaveLength(0);
    [shopper, agent].forEach((c) => c.close());
  });

  it("sends order and product cards as snapshots from the shop's own data", async () => {
    const thread = "apparel:c1";
    const shopper = await connect(thread, await shopperToken("c1"), { entryType: "order", entryId: "o-c1-tee" });
    const agent = await connect(thread, agentToken);
    await agent.next("room.joined");
    agent.send({ type: "message.send", clientId: cid(), kind: "order_card", orderId: "o-c1-tee" });
    const order = await shopper.next("message.created", (e) => e.message.kind === "order_card");
    expect(order.message.body.order).toMatchObject({ orderId: "o-c1-tee", title: "纯棉圆领T恤", status: "shipped", totalCents: 15800 });
    shopper.send({ type: "message.send", clientId: cid(), kind: "product_card", productId: "p-tee" });
    const product = await agent.next("message.created", (e) => e.message.kind === "product_card");
    expect(product.message.body.product).toMatchObject({ productId: "p-tee", priceCents: 7900, category: "apparel/tops" });
    // Another shop's product is refused.
    shopper.send({ type: "message.send", clientId: cid(), kind: "product_card", productId: "p-phone" });
    expect((await shopper.next("error")).error.code).toBe("not_found");
    [shopper, agent].forEach((c) => c.close());
  });
});
