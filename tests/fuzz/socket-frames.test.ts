/**
 * Thousands of hostile frames on a shopper's and an agent's socket, from a seeded generator
 * (tests/fuzz/frames.ts): each one gets exactly one error frame with a code and a message, the
 * socket stays usable (a ping gets a pong), nothing is stored, and a legitimate conversation in
 * another thread carries on undisturbed meanwhile.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { STAFF, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect, type SocketClient } from "../helpers/socket";
import { agentFrame, shopperFrame, type Frame } from "./frames";
import { Rng } from "./prng";
import { d1Counts, lastSeq } from "./store";

const SEED = 20261122;
const FRAMES_PER_SIDE = 1500;
const BATCH = 100;
/** What a refused frame may be answered with; never `internal`. */
const CODES = ["invalid_input", "payload_too_large", "forbidden", "not_found", "conflict", "rate_limited"];
const FOREIGN = { foreignKey: "threads/electronics/c1/f_stolen.png", foreignOrder: "o-c2-tee", foreignProduct: "p-phone" };

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

/** A legitimate shopper and agent in their own thread, already past the session's opening. */
async function legitPair() {
  const customer = uniqueCustomer("legit");
  const thread = `apparel:${customer}`;
  const shopper = await connect(thread, await shopperToken(customer));
  const agent = await connect(thread, agentToken);
  await agent.next("room.joined");
  shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "你好" });
  await agent.next("message.created", (e) => e.message.sender.role === "customer");
  agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "您好，请问需要什么帮助？" });
  await shopper.next("message.created", (e) => e.message.sender.role === "agent");
  let n = 0;
  return {
    thread,
    /** One round trip: the shopper writes, the agent receives it. */
    async exchange() {
      const text = `还在吗 ${n++}`;
      shopper.send({ type: "message.send", clientId: cid(), kind: "text", text });
      await agent.next("message.created", (e) => e.message.body.text === text);
    },
    close: () => [shopper, agent].forEach((c) => c.close()),
  };
}

/** Resolves once the socket has received `n` error frames in all (or after `ms`, to let the count assertion speak). */
function errorsReach(socket: SocketClient, n: number, ms = 10_000): Promise<void> {
  const count = () => socket.frames.reduce((k, f) => k + (f.type === "error" ? 1 : 0), 0);
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      socket.ws.removeEventListener("message", check);
      resolve();
    }
    function check() {
      queueMicrotask(() => count() >= n && done());
    }
    socket.ws.addEventListener("message", check);
    check();
  });
}

/** Sends frames in batches; after each, every frame must have had its error and a ping its pong. */
async function fuzz(socket: SocketClient, make: (r: Rng) => Frame, rng: Rng, between: () => Promise<void>) {
  let sent = 0;
  while (sent < FRAMES_PER_SIDE) {
    for (let i = 0; i < BATCH; i++, sent++) socket.ws.send(make(rng));
    await errorsReach(socket, sent);
    expect(socket.all("error").length, `errors after ${sent} frames (seed ${rng.seed})`).toBe(sent);
    socket.send({ type: "ping" });
    await socket.next("pong");
    await between();
  }
  for (const e of socket.all("error")) {
    expect(CODES, e.error.message).toContain(e.error.code);
    expect(e.error.message.length).toBeGreaterThan(0);
  }
  // No other frame came back: nothing was created, synced, read or acked.
  expect(socket.frames.filter((f) => !["error", "pong", "room.joined", "messages.synced"].includes(f.type))).toEqual([]);
}

describe("fuzz: hostile socket frames", () => {
  it(`refuses ${FRAMES_PER_SIDE} random frames from a shopper and ${FRAMES_PER_SIDE} from an agent, storing nothing`, async () => {
    const legit = await legitPair();
    const customer = uniqueCustomer("fz");
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer));
    const agent = await connect(thread, agentToken);
    await shopper.next("messages.synced");
    await agent.next("messages.synced");
    const seqBefore = await lastSeq(thread);
    const legitBefore = await lastSeq(legit.thread);
    const d1Before = await d1Counts();

    let exchanges = 0;
    let batches = 0;
    // The other conversation goes on at a human pace (every few batches), so its own sockets stay
    // inside the per-connection rate limit however fast this machine runs the fuzz.
    const between = async () => {
      if (batches++ % 4 !== 0) return;
      await legit.exchange();
      exchanges++;
    };
    await fuzz(shopper, (r) => shopperFrame(r, FOREIGN), new Rng(SEED), between);
    await fuzz(agent, (r) => agentFrame(r, FOREIGN), new Rng(SEED + 1), between);

    expect(await lastSeq(thread)).toBe(seqBefore);
    expect(await d1Counts()).toEqual(d1Before);
    // The other conversation went on the whole time, and only its own messages were stored.
    expect(await lastSeq(legit.thread)).toBe(legitBefore + exchanges);
    [shopper, agent].forEach((c) => c.close());
    legit.close();
  });
});
