/**
 * A shop admin's staff accounts: adding an agent who can then log in and be assigned chats, and
 * disabling one who left (sessions ended, chats requeued, sockets closed, login refused). Through
 * the real Worker, AgentQueue, rooms and D1.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import { api, seedFixture, shopperToken, STAFF, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { connectQueue, makeShop, type QueueClient } from "../helpers/queue-fixture";
import { cid, closedBy, connect, roomSettled, type SocketClient } from "../helpers/socket";
import { database } from "../../worker/db/client";
import { staffRoomVisits } from "../../worker/db/schema";

beforeAll(seedFixture);

type Answer = { error?: { code: string; message: string; details?: { field: string }[] | Record<string, string> }; agent?: { id: string }; directory?: { agents: { id: string; email: string; groups: string[] }[] }; requeued?: number; identity?: Record<string, unknown> };

const json = (method: string, token: string, body?: unknown) => ({ method, token, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
async function call(path: string, init: ReturnType<typeof json>): Promise<{ status: number; body: Answer }> {
  const res = await api(path, init);
  return { status: res.status, body: (await res.json()) as Answer };
}
const login = (email: string, password: string) => api("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
/** A new account's body; it need not change its first password (that is tested on its own below). */
const newAgent = (shopId: string, o: Record<string, unknown> = {}) => ({ email: `${uniqueCustomer("n")}@${shopId}.test`, name: "新客服小李", role: "shop_agent", password: "a-good-password-1", groups: ["presales"], capacity: 2, mustChangePassword: false, ...o });
const snapshot = async (shopId: string) => (await getServerByName(env.AgentQueue, shopId)).snapshot();


async function shopperAsks(shopId: string, text: string): Promise<SocketClient & { thread: string }> {
  const customer = uniqueCustomer();
  const thread = `${shopId}:${customer}`;
  const s = await connect(thread, await shopperToken(customer));
  await s.next("room.joined");
  s.send({ type: "message.send", clientId: cid(), kind: "text", text });
  await s.next("message.acked");
  await roomSettled(thread);
  return Object.assign(s, { thread });
}

/**
 * A new agent of the shop with a socket in a colleague's chat, which they only look at: D1 links
 * them to no session of it. The colleague (handle "other") holds the chat and has a socket in it too.
 */
async function lookerAt(shop: Awaited<ReturnType<typeof makeShop>>) {
  const colleague: QueueClient = await connectQueue(shop.shopId, shop.tokens.other!);
  await colleague.next("queue.snapshot");
  const body = newAgent(shop.shopId);
  const { body: created } = await call("/api/admin/agents", json("POST", shop.tokens.boss!, body));
  const { token } = (await (await login(body.email, body.password)).json()) as { token: string };
  const shopper = await shopperAsks(shop.shopId, "这件有XL码吗");
  await colleague.next("assignment.created");
  const colleagueSocket = await connect(shopper.thread, shop.tokens.other!);
  await colleagueSocket.next("room.joined");
  const socket = await connect(shopper.thread, token);
  await socket.next("room.joined");
  return { staffId: created.agent!.id, thread: shopper.thread, socket, colleagueSocket };
}

describe("adding staff", () => {
  it("adds an agent who logs in, changes the password the admin chose, and is assigned chats of their group", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }]);
    const { mustChangePassword: _, ...body } = newAgent(shop.shopId); // the default: the admin knows this password
    const created = await call(`/api/admin/agents`, json("POST", shop.tokens.boss!, body));
    expect(created.status).toBe(201);
    expect(created.body.directory!.agents.find((a) => a.email === body.email)).toMatchObject({ groups: ["presales"] });

    const res = await login(body.email, body.password);
    expect(res.status).toBe(200);
    const { token, passwordChangeRequired } = (await res.json()) as { token: string; passwordChangeRequired: boolean };
    expect(passwordChangeRequired).toBe(true);
    // Until it is changed the session may do nothing else: no queue, no routes but the account's own.
    await expect(connectQueue(shop.shopId, token)).rejects.toMatchObject({ status: 403 });
    const refused = await call(`/api/admin/directory`, json("GET", token));
    expect(refused).toMatchObject({ status: 403, body: { error: { details: { password: "change_required" } } } });
    expect((await call("/api/me", json("GET", token))).body).toMatchObject({ identity: { passwordChangePending: true } });
    const changed = await call("/api/auth/password", json("POST", token, { currentPassword: body.password, newPassword: "my-own-password-9" }));
    expect(changed.status).toBe(200);
    expect((await call("/api/me", json("GET", token))).body.identity).not.toHaveProperty("passwordChangePending");
    expect(((await (await login(body.email, "my-own-password-9")).json()) as { passwordChangeRequired: boolean }).passwordChangeRequired).toBe(false);

    const queue = await connectQueue(shop.shopId, token);
    await queue.next("queue.snapshot");
    const shopper = await shopperAsks(shop.shopId, "这件还有货吗");
    expect(await queue.next("assignment.created")).toMatchObject({ threadId: shopper.thread, groupKey: "presales" });
  });

  it("refuses bad input naming each field, a role the shop cannot have, an unknown group and a taken e-mail, and adds nobody", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }]);
    const before = (await snapshot(shop.shopId)).agents.length;
    const bad = await call("/api/admin/agents", json("POST", shop.tokens.boss!, { email: "not-an-email", name: "", role: "owner", password: "short" }));
    expect(bad.status).toBe(400);
    expect((bad.body.error!.details as { field: string }[]).map((d) => d.field).sort()).toEqual(["email", "name", "password", "role"]);
    const platformRole = await call("/api/admin/agents", json("POST", shop.tokens.boss!, newAgent(shop.shopId, { role: "platform_admin" })));
    expect(platformRole).toMatchObject({ status: 400, body: { error: { details: [{ field: "role" }] } } });
    const group = await call("/api/admin/agents", json("POST", shop.tokens.boss!, newAgent(shop.shopId, { groups: ["vip"] })));
    expect(group).toMatchObject({ status: 400, body: { error: { details: [{ field: "groups" }] } } });
    const taken = await call("/api/admin/agents", json("POST", shop.tokens.boss!, newAgent(shop.shopId, { email: STAFF.apparelAgent.email })));
    expect(taken).toMatchObject({ status: 409, body: { error: { code: "conflict", details: [{ field: "email" }] } } });
    expect((await snapshot(shop.shopId)).agents.length).toBe(before);
  });

  it("is for admins of the shop only", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "a", groups: ["presales"] }]);
    expect((await call("/api/admin/agents", json("POST", shop.tokens.a!, newAgent(shop.shopId)))).status).toBe(403);
    const apparelAdmin = await staffToken(STAFF.apparelAdmin.email);
    expect((await call(`/api/admin/agents?shop=${shop.shopId}`, json("POST", apparelAdmin, newAgent(shop.shopId)))).status).toBe(403);
  });
});

describe("disabling staff", () => {
  it("ends the account's sessions, requeues its chats to a colleague, closes its sockets and refuses its login", async () => {
    const shop = await makeShop([{ key: "presales", onAgentOffline: "keep" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "other", groups: ["presales"], capacity: 5 }]);
    const body = newAgent(shop.shopId, { capacity: 5 });
    const { body: created } = await call("/api/admin/agents", json("POST", shop.tokens.boss!, body));
    const leaverId = created.agent!.id;
    const { token } = (await (await login(body.email, body.password)).json()) as { token: string };
    const leaverQueue = await connectQueue(shop.shopId, token);
    await leaverQueue.next("queue.snapshot");
    const shopper = await shopperAsks(shop.shopId, "我想换个颜色");
    await leaverQueue.next("assignment.created");
    const leaverRoom = await connect(shopper.thread, token);
    await leaverRoom.next("room.joined");
    const colleague: QueueClient = await connectQueue(shop.shopId, shop.tokens.other!);
    await colleague.next("queue.snapshot");
    const queueClosed = closedBy(leaverQueue.ws);
    const roomClosed = closedBy(leaverRoom.ws);

    const disabled = await call(`/api/admin/agents/${leaverId}`, json("DELETE", shop.tokens.boss!));
    expect(disabled).toMatchObject({ status: 200, body: { requeued: 1 } });
    expect(disabled.body.directory!.agents.some((a) => a.id === leaverId)).toBe(false);

    // The chat goes to the colleague, even though the group keeps chats of agents who go offline.
    expect(await colleague.next("assignment.created")).toMatchObject({ threadId: shopper.thread });
    expect(await roomClosed).toEqual({ code: 4003, reason: "account disabled" });
    expect(await queueClosed).toEqual({ code: 4003, reason: "account disabled" });
    expect((await api("/api/me", { token })).status).toBe(401);
    await expect(connect(shopper.thread, token)).rejects.toMatchObject({ status: 401 });
    const again = await login(body.email, body.password);
    expect(again.status).toBe(403);
    expect(((await again.json()) as Answer).error!.message).toMatch(/disabled/);
    expect((await login(body.email, "a-wrong-password")).status).toBe(401);
  });

  it("closes a disabled agent's socket in a thread they only looked at, at once", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "other", groups: ["presales"], capacity: 5 }]);
    const looking = await lookerAt(shop);
    const closed = closedBy(looking.socket.ws);

    expect((await call(`/api/admin/agents/${looking.staffId}`, json("DELETE", shop.tokens.boss!))).status).toBe(200);

    expect(await closed).toEqual({ code: 4003, reason: "account disabled" });
    // The colleague's own socket in the thread stays.
    expect(looking.colleagueSocket.ws.readyState).toBe(WebSocket.READY_STATE_OPEN);
  });

  it("closes a socket whose thread visit D1 no longer holds when it next writes there, storing nothing", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "other", groups: ["presales"], capacity: 5 }]);
    const looking = await lookerAt(shop);
    // As after the visit's retention (a socket held open for a week without one reconnect).
    await database(env.DB).delete(staffRoomVisits).where(eq(staffRoomVisits.staffId, looking.staffId)).run();
    const room = await getServerByName(env.ConversationRoom, looking.thread);
    const before = await room.summary();

    expect((await call(`/api/admin/agents/${looking.staffId}`, json("DELETE", shop.tokens.boss!))).status).toBe(200);
    expect(looking.socket.ws.readyState).toBe(WebSocket.READY_STATE_OPEN);
    const closed = closedBy(looking.socket.ws);
    looking.socket.send({ type: "message.send", clientId: cid(), kind: "text", text: "这个客户我来接" });

    expect(await closed).toEqual({ code: 4003, reason: "account disabled" });
    await roomSettled(looking.thread);
    const after = await room.summary();
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(after.session).toMatchObject({ agentId: before.session!.agentId });
    expect(before.session!.agentId).not.toBe(looking.staffId);
  });

  it("refuses to disable yourself, someone of another shop, or someone already disabled", async () => {
    const shop = await makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "a", groups: ["presales"] }]);
    expect((await call(`/api/admin/agents/${shop.staffId("boss")}`, json("DELETE", shop.tokens.boss!))).status).toBe(403);
    expect((await call(`/api/admin/agents/${STAFF.apparelAgent.id}`, json("DELETE", shop.tokens.boss!))).status).toBe(404);
    expect((await call(`/api/admin/agents/${shop.staffId("a")}`, json("DELETE", shop.tokens.a!))).status).toBe(403);
    expect((await call(`/api/admin/agents/${shop.staffId("a")}`, json("DELETE", shop.tokens.boss!))).status).toBe(200);
    expect((await call(`/api/admin/agents/${shop.staffId("a")}`, json("DELETE", shop.tokens.boss!))).status).toBe(404);
    expect((await api("/api/me", { token: await staffToken(STAFF.apparelAgent.email) })).status).toBe(200);
  });
});
