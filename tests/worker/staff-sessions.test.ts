/**
 * A staff member's login sessions: the list of their own (browser, address, when), ending one or
 * all the others, logging out, and a shop admin logging an agent out everywhere. A session that
 * ends takes its sockets with it at once (queue and rooms), and a socket the fan-out missed is
 * refused at its next write. Through the real Worker, D1, AgentQueue and rooms.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { StaffSessionView } from "../../core/protocol";
import { database } from "../../worker/db/client";
import { endStaffSessions } from "../../worker/db/repos/staff";
import { identify, SEEN_PRECISION_MS } from "../../worker/services/identity";
import { api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { connectQueue, makeShop } from "../helpers/queue-fixture";
import { cid, closedBy, connect, roomSettled } from "../helpers/socket";
import { call, shopWithAgent, type Answer, type ShopWithAgent } from "../helpers/staff-accounts";

beforeAll(seedFixture);

const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** Logs the agent in from a browser (its User-Agent, and its device token if it has one) at an address; the answer. */
async function loginAnswer(account: ShopWithAgent, userAgent: string, ip: string, device?: string): Promise<Answer & { device: string }> {
  const res = await api("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": userAgent, "cf-connecting-ip": ip },
    body: JSON.stringify({ email: account.agentEmail, password: account.agentPassword, ...(device ? { device } : {}) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer & { device: string };
}

/** The same, the token only. */
const loginFrom = async (account: ShopWithAgent, userAgent: string, ip: string): Promise<string> => (await loginAnswer(account, userAgent, ip)).token!;

async function sessionsOf(token: string): Promise<StaffSessionView[]> {
  const res = await call("/api/auth/sessions", "GET", token);
  expect(res.status).toBe(200);
  return res.body.sessions as StaffSessionView[];
}

/** The agent's open sockets with one token: the shop's queue and a shopper's thread (with that shopper). */
async function socketsOf(shopId: string, token: string) {
  const customer = uniqueCustomer();
  const thread = `${shopId}:${customer}`;
  const shopper = await connect(thread, await shopperToken(customer));
  await shopper.next("room.joined");
  const room = await connect(thread, token);
  await room.next("room.joined");
  const queue = await connectQueue(shopId, token);
  await queue.next("queue.snapshot");
  return { thread, shopper, room, queue, roomClosed: closedBy(room.ws), queueClosed: closedBy(queue.ws) };
}

const ENDED = { code: 4001, reason: "session ended" };

describe("the list of one's sessions", () => {
  it("shows each live session's browser, address and times, the caller's own first and marked", async () => {
    const account = await shopWithAgent();
    const before = Date.now();
    const phone = await loginFrom(account, SAFARI_IPHONE, "198.51.100.7");
    const desk = await loginFrom(account, CHROME_WINDOWS, "203.0.113.9");

    const listed = await sessionsOf(desk);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ current: true, userAgent: CHROME_WINDOWS, address: "203.0.113.9" });
    expect(listed[1]).toMatchObject({ current: false, userAgent: SAFARI_IPHONE, address: "198.51.100.7" });
    for (const s of listed) {
      expect(s.id).toMatch(/^[0-9a-f]{24}$/);
      expect(s.createdAt).toBeGreaterThanOrEqual(before);
      expect(s.lastSeenAt).toBe(s.createdAt);
      expect(s.expiresAt).toBeGreaterThan(s.createdAt);
    }
    // The other browser sees the same two, itself marked; the token itself is in neither.
    expect((await sessionsOf(phone)).map((s) => [s.id, s.current])).toEqual([[listed[1]!.id, true], [listed[0]!.id, false]]);
    expect(JSON.stringify(listed)).not.toContain(desk.slice(3));

    // Another account's sessions are not listed; a shopper has none to list.
    const other = await shopWithAgent();
    expect((await sessionsOf((await other.login()).body.token!)).map((s) => s.id)).not.toContain(listed[0]!.id);
    expect((await call("/api/auth/sessions", "GET", await shopperToken(uniqueCustomer()))).status).toBe(403);
    expect((await call("/api/auth/sessions", "GET")).status).toBe(401);
  });

  it("moves a session's last sighting on when it is used a minute or more later", async () => {
    const account = await shopWithAgent();
    const token = await loginFrom(account, CHROME_WINDOWS, "198.51.100.8");
    const [first] = await sessionsOf(token);
    await identify(env, token, first!.createdAt + SEEN_PRECISION_MS - 1);
    expect((await sessionsOf(token))[0]!.lastSeenAt).toBe(first!.createdAt);
    const later = first!.createdAt + 5 * SEEN_PRECISION_MS;
    await identify(env, token, later);
    expect((await sessionsOf(token))[0]!.lastSeenAt).toBe(later);
  });
});

describe("ending sessions", () => {
  it("ends one of the caller's other sessions: it is logged out and its queue and room sockets close now; the caller's stay", async () => {
    const account = await shopWithAgent();
    const { shopId } = account.shop;
    const here = await loginFrom(account, CHROME_WINDOWS, "198.51.100.10");
    const there = await loginFrom(account, SAFARI_IPHONE, "198.51.100.11");
    const mine = await socketsOf(shopId, here);
    const theirs = await socketsOf(shopId, there);
    const thereId = (await sessionsOf(here)).find((s) => !s.current)!.id;

    expect(await call(`/api/auth/sessions/${thereId}`, "DELETE", here)).toEqual({ status: 204, body: {} });
    expect(await theirs.roomClosed).toEqual(ENDED);
    expect(await theirs.queueClosed).toEqual(ENDED);
    expect((await call("/api/me", "GET", there)).status).toBe(401);
    expect((await sessionsOf(here)).map((s) => s.current)).toEqual([true]);

    // The caller's own sockets were not touched: its message reaches the shopper.
    mine.room.send({ type: "message.send", clientId: cid(), kind: "text", text: "我还在" });
    await mine.shopper.next("message.created", (e) => e.message.body.text === "我还在");
    expect(mine.room.ws.readyState).toBe(WebSocket.OPEN);
    expect(mine.queue.ws.readyState).toBe(WebSocket.OPEN);

    // Once ended it is gone: a second try, and a malformed id, are refused; nothing else ends.
    expect((await call(`/api/auth/sessions/${thereId}`, "DELETE", here)).status).toBe(404);
    const malformed = await call("/api/auth/sessions/not-an-id", "DELETE", here);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error!.message).toMatch(/id/);
    expect((await call("/api/me", "GET", here)).status).toBe(200);
  });

  it("refuses to end another account's session, which stays live", async () => {
    const mine = await shopWithAgent();
    const theirs = await shopWithAgent();
    const token = (await mine.login()).body.token!;
    const theirToken = (await theirs.login()).body.token!;
    const [theirSession] = await sessionsOf(theirToken);
    expect((await call(`/api/auth/sessions/${theirSession!.id}`, "DELETE", token)).status).toBe(404);
    expect((await call("/api/me", "GET", theirToken)).status).toBe(200);
  });

  it("ends all the others at once and says how many; ending one's own is a logout", async () => {
    const account = await shopWithAgent();
    const here = await loginFrom(account, CHROME_WINDOWS, "198.51.100.12");
    const others = [await loginFrom(account, SAFARI_IPHONE, "198.51.100.13"), await loginFrom(account, SAFARI_IPHONE, "198.51.100.14")];
    const queue = await connectQueue(account.shop.shopId, others[0]!);
    await queue.next("queue.snapshot");
    const closing = closedBy(queue.ws);

    expect(await call("/api/auth/sessions/end-others", "POST", here, {})).toEqual({ status: 200, body: { ended: 2 } });
    expect(await closing).toEqual(ENDED);
    for (const t of others) expect((await call("/api/me", "GET", t)).status).toBe(401);
    expect(await call("/api/auth/sessions/end-others", "POST", here, {})).toEqual({ status: 200, body: { ended: 0 } });

    const [own] = await sessionsOf(here);
    expect((await call(`/api/auth/sessions/${own!.id}`, "DELETE", here)).status).toBe(204);
    expect((await call("/api/me", "GET", here)).status).toBe(401);
  });

  it("closes the sockets of a session that logs out", async () => {
    const account = await shopWithAgent();
    const token = (await account.login()).body.token!;
    const open = await socketsOf(account.shop.shopId, token);
    expect((await call("/api/auth/logout", "POST", token)).status).toBe(204);
    expect(await open.roomClosed).toEqual(ENDED);
    expect(await open.queueClosed).toEqual(ENDED);
    // A second logout with the same token changes nothing and is no error.
    expect((await call("/api/auth/logout", "POST", token)).status).toBe(204);
  });

  it("refuses a socket's next write when its session ended without the rooms being told", async () => {
    const account = await shopWithAgent();
    const token = (await account.login()).body.token!;
    const open = await socketsOf(account.shop.shopId, token);
    // Ended in D1 alone, as when the fan-out to the rooms failed.
    await endStaffSessions(database(env.DB), account.agentId, { all: true });
    open.room.send({ type: "message.send", clientId: cid(), kind: "text", text: "还能发吗" });
    expect(await open.roomClosed).toEqual(ENDED);
    await roomSettled(open.thread);
    expect(open.shopper.all("message.created")).toEqual([]);
  });
});

describe("a shop admin logging an agent out everywhere", () => {
  it("ends every session of the agent and closes their sockets; the password still works", async () => {
    const account = await shopWithAgent();
    const { shopId } = account.shop;
    const first = await loginFrom(account, CHROME_WINDOWS, "198.51.100.20");
    const second = await loginFrom(account, SAFARI_IPHONE, "198.51.100.21");
    const open = await socketsOf(shopId, first);

    const ended = await call(`/api/admin/agents/${account.agentId}/sessions?shop=${shopId}`, "DELETE", account.boss);
    expect(ended).toEqual({ status: 200, body: { sessionsEnded: 2 } });
    expect(await open.roomClosed).toEqual(ENDED);
    expect(await open.queueClosed).toEqual(ENDED);
    for (const t of [first, second]) expect((await call("/api/me", "GET", t)).status).toBe(401);
    expect((await account.login()).status).toBe(200);
  });

  it("is refused for another shop's staff, for one's own account and to agents; nothing ends", async () => {
    const account = await shopWithAgent();
    const token = (await account.login()).body.token!;
    const other = await makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "agent", groups: ["presales"] }]);
    const end = (by: string, id: string, shopId?: string) => call(`/api/admin/agents/${id}/sessions${shopId ? `?shop=${shopId}` : ""}`, "DELETE", by);

    expect((await end(other.tokens.boss!, account.agentId)).status).toBe(404);
    expect((await end(other.tokens.boss!, account.agentId, account.shop.shopId)).status).toBe(403);
    expect((await end(other.tokens.agent!, other.staffId("boss"))).status).toBe(403);
    const own = await end(account.boss, account.bossId);
    expect(own.status).toBe(403);
    expect(own.body.error!.message).toMatch(/end-others/);
    expect((await call("/api/me", "GET", token)).status).toBe(200);
    expect((await call("/api/me", "GET", account.boss)).status).toBe(200);
  });
});

describe("a login from a browser the account has not used", () => {
  it("is announced to the account's open consoles with its browser and address; a known browser's is not", async () => {
    const account = await shopWithAgent();
    const { token, device } = await loginAnswer(account, CHROME_WINDOWS, "198.51.100.30");
    const deskConsole = await connectQueue(account.shop.shopId, token!);
    await deskConsole.next("queue.snapshot");

    // The same browser again (its device token): nothing to announce. Then a phone never seen before.
    await loginAnswer(account, CHROME_WINDOWS, "198.51.100.31", device);
    const phone = await loginFrom(account, SAFARI_IPHONE, "203.0.113.40");
    const heard = await deskConsole.next("account.login");
    expect(heard).toMatchObject({ userAgent: SAFARI_IPHONE, address: "203.0.113.40" });
    expect(heard.sessionId).toBe((await sessionsOf(phone))[0]!.id);
    expect(deskConsole.frames.filter((f) => f.type === "account.login")).toHaveLength(1);

    // Another account's consoles hear nothing of it.
    const other = await shopWithAgent();
    const otherConsole = await connectQueue(other.shop.shopId, (await other.login()).body.token!);
    await otherConsole.next("queue.snapshot");
    await loginFrom(account, SAFARI_IPHONE, "203.0.113.41");
    await deskConsole.next("account.login", (e) => e.address === "203.0.113.41");
    expect(otherConsole.frames.filter((f) => f.type === "account.login")).toEqual([]);
  });
});
