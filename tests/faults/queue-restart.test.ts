/**
 * A shop's AgentQueue restarted with sessions waiting: the waiting list (in order), the active
 * assignments and agents' loads come back from the object's own storage, and the next freed seat
 * still goes to whoever waited first.
 */
import { env } from "cloudflare:workers";
import { abortAllDurableObjects } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { describe, expect, it } from "vitest";
import { shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { connectQueue, makeShop } from "../helpers/queue-fixture";
import { cid, connect, roomSettled } from "../helpers/socket";

async function snapshot(shopId: string) {
  return (await getServerByName(env.AgentQueue, shopId)).snapshot();
}

/** A shopper opens a chat with `text`; returns the thread once the room acked it. */
async function shopperAsks(shopId: string, text: string): Promise<string> {
  const customer = uniqueCustomer();
  const thread = `${shopId}:${customer}`;
  const s = await connect(thread, await shopperToken(customer, `顾客${customer.slice(-4)}`));
  await s.next("room.joined");
  s.send({ type: "message.send", clientId: cid(), kind: "text", text });
  await s.next("message.acked");
  await roomSettled(thread);
  await s.next("session.changed", (e) => e.session.status === "queued" || e.session.status === "assigned");
  s.close();
  return thread;
}

describe("faults: an AgentQueue restarted with sessions waiting", () => {
  it("keeps the waiting list and assignments, and gives the freed seat to the first in line", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "a", groups: ["presales"], capacity: 1 }]);
    const console1 = await connectQueue(shop.shopId, shop.tokens.a!);
    await console1.next("queue.snapshot");
    const served = await shopperAsks(shop.shopId, "这件有货吗");
    await console1.next("assignment.created", (e) => e.threadId === served);
    const firstInLine = await shopperAsks(shop.shopId, "请问有优惠吗");
    const secondInLine = await shopperAsks(shop.shopId, "尺码怎么选");
    const before = await snapshot(shop.shopId);
    expect(before.waiting.map((w) => w.threadId)).toEqual([firstInLine, secondInLine]);
    expect(before.active.map((a) => a.threadId)).toEqual([served]);

    // Every object is reset (as on a deploy or a crash) and every socket with it.
    await abortAllDurableObjects();
    const after = await snapshot(shop.shopId);
    expect(after.waiting).toEqual(before.waiting);
    expect(after.active).toEqual(before.active);
    expect(after.agents.map((a) => [a.id, a.status, a.load])).toEqual(before.agents.map((a) => [a.id, a.status, a.load]));

    // The agent's console reconnects; they finish the chat they had, and the seat goes to the first in line.
    const console2 = await connectQueue(shop.shopId, shop.tokens.a!);
    await console2.next("queue.snapshot");
    const room = await connect(served, shop.tokens.a!);
    await room.next("room.joined");
    room.send({ type: "session.resolve" });
    expect(await console2.next("assignment.created")).toMatchObject({ threadId: firstInLine, via: "auto" });
    const final = await snapshot(shop.shopId);
    expect(final.waiting.map((w) => w.threadId)).toEqual([secondInLine]);
    expect(final.active.map((a) => a.threadId)).toEqual([firstInLine]);

    // The shopper who got the seat sees it on their next visit.
    const customer = firstInLine.split(":")[1]!;
    const back = await connect(firstInLine, await shopperToken(customer));
    expect((await back.next("room.joined")).session).toMatchObject({ status: "assigned", agentId: shop.staffId("a") });
    [room, back].forEach((c) => c.close());
    console2.close();
  });
});
