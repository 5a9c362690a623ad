import { beforeAll, describe, expect, it, vi } from "vitest";
import { LIMITS } from "../../core/protocol";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect } from "../helpers/socket";

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

async function storedCount(threadId: string): Promise<number> {
  const res = await api(`/api/threads/${threadId}`, { token: agentToken });
  return ((await res.json()) as { lastSeq: number }).lastSeq;
}

describe("ConversationRoom: bad frames are refused with a clear error and store nothing", () => {
  const cases: [string, unknown, RegExp][] = [
    ["not JSON", "{oops", /not valid JSON/],
    ["unknown type", { type: "message.delete" }, /type must be one of/],
    ["missing clientId", { type: "message.send", kind: "text", text: "hi" }, /clientId/],
    ["short clientId", { type: "message.send", clientId: "x", kind: "text", text: "hi" }, /clientId: must be 8-64/],
    ["empty text", { type: "message.send", clientId: cid(), kind: "text", text: "   " }, /text: must not be empty/],
    ["text of a number", { type: "message.send", clientId: cid(), kind: "text", text: 42 }, /text/],
    ["unknown kind", { type: "message.send", clientId: cid(), kind: "video", key: "x" }, /kind must be one of/],
    ["image with a foreign key", { type: "message.send", clientId: cid(), kind: "image", key: "../../etc/passwd" }, /key: must be a key returned by the upload route/],
    ["read.mark negative", { type: "read.mark", seq: -1 }, /seq/],
    ["oversized text", { type: "message.send", clientId: cid(), kind: "text", text: "长".repeat(LIMITS.textMaxChars + 1) }, /text: must be at most 2000 characters/],
  ];

  it.each(cases)("%s", async (_name, frame, message) => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer));
    await shopper.next("room.joined");
    shopper.send(frame);
    const err = await shopper.next("error");
    expect(err.error.message).toMatch(message);
    expect(["invalid_input", "payload_too_large"]).toContain(err.error.code);
    // The socket stays up and still works; nothing was stored by the bad frame.
    shopper.send({ type: "ping" });
    await shopper.next("pong");
    expect(await storedCount(thread)).toBe(0);
    shopper.close();
  });

  it("names the refused message's clientId, so the sender can mark that one failed", async () => {
    const customer = uniqueCustomer();
    const shopper = await connect(`apparel:${customer}`, await shopperToken(customer));
    await shopper.next("room.joined");
    const clientId = cid();
    shopper.send({ type: "message.send", clientId, kind: "text", text: "   " });
    const err = await shopper.next("error");
    expect(err.clientId).toBe(clientId);
    expect(err.error.message).toMatch(/text: must not be empty/);
    // A frame whose clientId is itself malformed has no clientId to name.
    shopper.send({ type: "message.send", clientId: "x", kind: "text", text: "hi" });
    expect((await shopper.next("error")).clientId).toBeUndefined();
    shopper.close();
  });

  it("refuses a frame over the frame size limit", async () => {
    const customer = uniqueCustomer();
    const shopper = await connect(`apparel:${customer}`, await shopperToken(customer));
    await shopper.next("room.joined");
    shopper.send(JSON.stringify({ type: "message.send", clientId: cid(), kind: "text", text: "x".repeat(LIMITS.frameMaxBytes) }));
    expect((await shopper.next("error")).error.code).toBe("payload_too_large");
    expect(await storedCount(`apparel:${customer}`)).toBe(0);
  });

  it("refuses an image key of another thread and an order of another customer", async () => {
    const customer = uniqueCustomer();
    const shopper = await connect(`apparel:${customer}`, await shopperToken(customer));
    await shopper.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "image", key: "threads/apparel/someoneelse/f_abc.png" });
    expect((await shopper.next("error")).error.code).toBe("forbidden");
    shopper.send({ type: "message.send", clientId: cid(), kind: "order_card", orderId: "o-c2-tee" });
    expect((await shopper.next("error")).error.message).toMatch(/no order o-c2-tee of this customer/);
    expect(await storedCount(`apparel:${customer}`)).toBe(0);
  });

  it("rate-limits a flood from one connection", async () => {
    const customer = uniqueCustomer();
    const shopper = await connect(`apparel:${customer}`, await shopperToken(customer));
    await shopper.next("room.joined");
    for (let i = 0; i < LIMITS.messageBurst + 5; i++) shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: `m${i}` });
    const err = await shopper.next("error", (e) => e.error.code === "rate_limited");
    expect(err.error.message).toMatch(/messages a second/);
    const res = await api(`/api/threads/apparel:${customer}/messages?limit=100`, { token: agentToken });
    const mine = ((await res.json()) as { messages: { sender: { role: string } }[] }).messages.filter((m) => m.sender.role === "customer");
    expect(mine.length).toBeGreaterThanOrEqual(LIMITS.messageBurst);
    expect(mine.length).toBeLessThan(LIMITS.messageBurst + 5);
  });

  it("rate-limits shoppers' messages per client address, across threads, and no one else", async () => {
    const address = "203.0.113.77";
    // Enough threads from one address that their connections' bursts together exceed the address's.
    const threads = Math.ceil(LIMITS.addressMessageBurst / LIMITS.messageBurst) + 1;
    const customers = Array.from({ length: threads }, () => uniqueCustomer());
    const shoppers = await Promise.all(
      customers.map(async (customer) => {
        const socket = await connect(`apparel:${customer}`, await shopperToken(customer), { ip: address });
        await socket.next("room.joined");
        return socket;
      }),
    );
    const started = Date.now();
    for (const socket of shoppers) for (let i = 0; i < LIMITS.messageBurst; i++) socket.send({ type: "message.send", clientId: cid(), kind: "text", text: `flood ${i}` });
    const refused = await Promise.any(shoppers.map((s) => s.next("error", (e) => e.error.code === "rate_limited")));
    expect(refused.error.message).toMatch(/messages a second from one address/);
    // Every frame answered: an ack or a refusal each.
    await vi.waitFor(() => expect(shoppers.map((s) => s.all("message.acked").length + s.all("error").length)).toEqual(shoppers.map(() => LIMITS.messageBurst)), { timeout: 10_000 });
    const acked = shoppers.reduce((n, s) => n + s.all("message.acked").length, 0);
    const refill = Math.ceil(((Date.now() - started) / 1000) * LIMITS.addressMessagesPerSecond);
    expect(acked).toBeLessThan(threads * LIMITS.messageBurst);
    expect(acked).toBeLessThanOrEqual(LIMITS.addressMessageBurst + refill);
    // Another address, and staff on the flooder's address, are not held back.
    const other = uniqueCustomer();
    const elsewhere = await connect(`apparel:${other}`, await shopperToken(other), { ip: "198.51.100.9" });
    await elsewhere.next("room.joined");
    const fine = cid();
    elsewhere.send({ type: "message.send", clientId: fine, kind: "text", text: "我这边正常吗" });
    expect((await elsewhere.next("message.acked")).clientId).toBe(fine);
    const staff = await connect(`apparel:${customers[0]}`, agentToken, { ip: address });
    await staff.next("room.joined");
    const reply = cid();
    staff.send({ type: "message.send", clientId: reply, kind: "text", text: "您好，在的" });
    expect((await staff.next("message.acked")).clientId).toBe(reply);
    for (const s of [...shoppers, elsewhere, staff]) s.close();
  });
});
