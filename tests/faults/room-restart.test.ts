/**
 * A ConversationRoom restarted mid-conversation (the runtime evicts or resets it, as a deploy or a
 * crash would): every socket drops; clients reconnect with the last seq they hold, resend what was
 * never acked, and the conversation carries on with nothing lost and nothing doubled.
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { STAFF, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { fullLog, ResumingClient } from "./resuming-client";
import { expectConsistent } from "./consistency";

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

describe("faults: a room restarted mid-conversation", () => {
  it("resumes after the restart with every message stored once and seen by both sides", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopperTok = await shopperToken(customer);
    const shopper = new ResumingClient(thread, shopperTok, "shopper");
    const agent = new ResumingClient(thread, agentToken, "agent");
    await shopper.open();
    await agent.open();

    // A settled exchange before the fault.
    const settled = ["在吗", "这件外套有M码吗"].map((t) => shopper.send(t));
    await shopper.until(() => settled.every((c) => shopper.acked.has(c)), "the first acks");
    const reply = agent.send("有的亲");
    await agent.until(() => agent.acked.has(reply), "the agent's ack");

    // A burst from both sides; once part of it has reached the agent, the room is reset under it.
    const shopperBurst = ["颜色呢", "黑色还有吗", "能便宜点吗", "包邮吗", "什么时候发"].map((t) => shopper.send(t));
    const burst = [...shopperBurst, ...["黑色有", "今天发"].map((t) => agent.send(t))];
    const stored = () => [...agent.view.values()].filter((m) => shopperBurst.includes(m.clientId)).length;
    await agent.until(() => stored() >= 2, "part of the burst to reach the agent");
    await abortAllDurableObjects();
    shopper.drop();
    agent.drop();
    // The shopper's socket died mid-burst: from where it stands, none of the burst was acked.
    shopper.forgetAcks(shopperBurst);

    // Both come back, say what they hold, and resend what was never acked.
    await shopper.open();
    await agent.open();
    await shopper.until(() => shopper.pending.size === 0, "every shopper message acked");
    await agent.until(() => agent.pending.size === 0, "every agent message acked");
    // What the room already had is acked as a duplicate with its original seq, not stored again.
    expect(shopper.duplicateAcks).toBeGreaterThanOrEqual(2);
    const after = shopper.send("好的，那我下单了");
    await shopper.until(() => shopper.acked.has(after), "a message after the restart");

    const log = await fullLog(thread, agentToken);
    const sent = [...settled, reply, ...burst, after];
    await expectConsistent(log, sent, [
      { client: shopper, log: await fullLog(thread, shopperTok) },
      { client: agent, log },
    ]);
    // Every line the shopper wrote is there once; the one written after the restart comes last.
    // (Back-to-back frames may reach the room out of order through the test pool's socket pipe, so
    // only order across an ack is asserted; over a real socket they arrive in order.)
    const texts = log.filter((m) => m.sender.role === "customer").map((m) => m.body.text);
    expect([...texts].sort()).toEqual(["在吗", "这件外套有M码吗", "颜色呢", "黑色还有吗", "能便宜点吗", "包邮吗", "什么时候发", "好的，那我下单了"].sort());
    expect(texts.at(-1)).toBe("好的，那我下单了");
    shopper.drop();
    agent.drop();
  });
});
