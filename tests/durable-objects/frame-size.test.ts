/**
 * Socket frame limits count UTF-8 bytes, not UTF-16 units (core/protocol/limits.ts `utf8Length`):
 * a CJK frame of 16,384 characters (~48 KB) is refused as too large before it is parsed, on the
 * room and on the queue, while every valid message still fits.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS, exceedsUtf8, utf8Length } from "../../core/protocol";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { connectQueue, makeShop } from "../helpers/queue-fixture";
import { cid, connect } from "../helpers/socket";

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

/** A JSON frame of exactly `chars` UTF-16 units whose text is CJK. */
function cjkFrame(chars: number, extra: Record<string, unknown> = {}): string {
  const head = JSON.stringify({ type: "message.send", clientId: cid(), kind: "text", ...extra, text: "" });
  return head.replace(`"text":""`, `"text":"${"中".repeat(chars - head.length)}"`);
}

describe("utf8Length", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["é", 2],
    ["中文", 6],
    ["😀", 4],
    ["\ud800", 3], // a lone surrogate becomes U+FFFD
  ])("%j is %i bytes, as TextEncoder says", (s, bytes) => {
    expect(utf8Length(s)).toBe(bytes);
    expect(utf8Length(s)).toBe(new TextEncoder().encode(s).byteLength);
  });

  it("decides the limit without counting when the length alone tells", () => {
    expect(exceedsUtf8("x".repeat(11), 10)).toBe(true);
    expect(exceedsUtf8("中中中", 9)).toBe(false);
    expect(exceedsUtf8("中中中x", 9)).toBe(true);
  });
});

describe("room frames", () => {
  it("refuses a 16,384-character CJK frame as payload_too_large and stores nothing", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer));
    await shopper.next("room.joined");
    const frame = cjkFrame(LIMITS.frameMaxBytes);
    expect(frame.length).toBe(LIMITS.frameMaxBytes);
    shopper.send(frame);
    const err = await shopper.next("error");
    expect(err.error.code).toBe("payload_too_large");
    expect(err.error.message).toMatch(/16384 bytes/);
    shopper.send({ type: "ping" });
    await shopper.next("pong");
    const res = await api(`/api/threads/${thread}`, { token: agentToken });
    expect(((await res.json()) as { lastSeq: number }).lastSeq).toBe(0);
    shopper.close();
  });

  it("still delivers the longest valid CJK message (2,000 characters, ~6 KB)", async () => {
    const customer = uniqueCustomer();
    const shopper = await connect(`apparel:${customer}`, await shopperToken(customer));
    await shopper.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "中".repeat(LIMITS.textMaxChars) });
    expect((await shopper.next("message.acked")).seq).toBe(1);
    shopper.close();
  });
});

describe("queue frames", () => {
  it("refuses a CJK frame over 4 KB of UTF-8 though it is under 4,096 characters", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "a", groups: ["presales"] }]);
    const agent = await connectQueue(shop.shopId, shop.tokens.a!);
    await agent.next("queue.snapshot");
    const frame = JSON.stringify({ type: "session.transfer", sessionId: "s1", note: "转".repeat(2000) });
    expect(frame.length).toBeLessThan(LIMITS.queueFrameMaxBytes);
    agent.send(JSON.parse(frame));
    const err = await agent.next("error");
    expect(err.error.code).toBe("payload_too_large");
    agent.send({ type: "ping" });
    await agent.next("pong");
    agent.close();
  });
});
