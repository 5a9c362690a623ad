/**
 * A shop's rule that its staff log in with two-factor login (worker/services/two-factor.ts
 * `setTwoFactorPolicy`): only an admin who has it on may set it; then an account of the shop
 * without it logs in to a session that can only set it up (every other route and every socket is
 * refused), its open sockets are closed, and it cannot turn it off again. Through the real Worker,
 * AgentQueue, rooms and D1.
 */
import { env } from "cloudflare:workers";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { staffTwoFactor } from "../../worker/db/schema";
import { seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { connectQueue, makeShop, platformAdminToken } from "../helpers/queue-fixture";
import { cid, closedBy, connect, roomSettled, socketTicketFor } from "../helpers/socket";
import { call, shopWithAgent } from "../helpers/staff-accounts";
import { awayFromStepEdge, codeOf } from "../helpers/totp";

beforeAll(seedFixture);

const policy = (shopId: string, token: string, required?: unknown) =>
  required === undefined ? call(`/api/admin/two-factor-policy?shop=${shopId}`, "GET", token) : call(`/api/admin/two-factor-policy?shop=${shopId}`, "PUT", token, { required });

/** Two-factor login on for an account, as after its own setup (the setup itself is two-factor.test.ts's). */
async function turnedOn(staffId: string): Promise<void> {
  await database(env.DB).insert(staffTwoFactor).values({ staffId, secretSealed: "set up elsewhere", enabledAt: Date.now(), createdAt: Date.now() }).run();
}


describe("a shop requiring two-factor login of its staff", () => {
  it("is set only by an admin who has it on; the staff without it can then only set it up, until they do", async () => {
    const { shop, boss, bossId, agentId, agentPassword, login } = await shopWithAgent();
    const agentBefore = (await login()).body.token!;

    const refused = await policy(shop.shopId, boss, true);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflict", details: { twoFactor: "admin_without" } });
    expect((await policy(shop.shopId, boss)).body).toEqual({ required: false, staffWithout: expect.arrayContaining([bossId, agentId]) });
    expect((await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", agentBefore)).status).toBe(200);

    await turnedOn(bossId);
    const set = await policy(shop.shopId, boss, true);
    expect(set).toEqual({ status: 200, body: { required: true, staffWithout: [agentId] } });
    expect((await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", boss)).body).toMatchObject({ twoFactorRequired: true });

    // The agent's session from before, and a new login, may only set it up.
    const login1 = await login();
    expect(login1.status).toBe(200);
    expect(login1.body.twoFactorSetupRequired).toBe(true);
    for (const token of [agentBefore, login1.body.token!]) {
      const directory = await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", token);
      expect(directory.status).toBe(403);
      expect(directory.body.error).toMatchObject({ code: "forbidden", details: { twoFactor: "setup_required" } });
      await expect(socketTicketFor(token, "agent-queue", shop.shopId)).rejects.toMatchObject({ status: 403 });
      expect((await call("/api/me", "GET", token)).body.identity).toMatchObject({ staffId: agentId, twoFactorSetupPending: true });
    }
    const token = login1.body.token!;
    expect((await call("/api/auth/two-factor", "GET", token)).body).toEqual({ enabled: false, recoveryCodesLeft: 0, required: true });

    // Setting it up frees this session (and ends the one from before).
    await awayFromStepEdge(4);
    const setup = await call("/api/auth/two-factor/setup", "POST", token, { password: agentPassword });
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    const enabled = await call("/api/auth/two-factor/enable", "POST", token, { code: await codeOf(secret, -1) });
    expect(enabled.status).toBe(200);
    expect(enabled.body.otherSessionsEnded).toBe(1);
    expect((await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", token)).status).toBe(200);
    expect((await call("/api/me", "GET", token)).body.identity).not.toHaveProperty("twoFactorSetupPending");
    expect((await call("/api/me", "GET", agentBefore)).status).toBe(401);
    expect((await policy(shop.shopId, boss)).body).toEqual({ required: true, staffWithout: [] });
    const next = await login({ code: await codeOf(secret) });
    expect(next).toMatchObject({ status: 200, body: { twoFactorSetupRequired: false } });

    // While the shop requires it, it stays on.
    const off = await call("/api/auth/two-factor/disable", "POST", token, { code: await codeOf(secret, 1) });
    expect(off.status).toBe(409);
    expect(off.body.error).toMatchObject({ details: { twoFactor: "required_by_shop" } });
    expect((await call("/api/auth/two-factor", "GET", token)).body).toMatchObject({ enabled: true, required: true });

    // An admin's reset (a lost phone) holds the account to setting it up again at its next login.
    expect((await call(`/api/admin/agents/${agentId}/two-factor?shop=${shop.shopId}`, "DELETE", boss)).status).toBe(204);
    expect((await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", token)).body.error).toMatchObject({ details: { twoFactor: "setup_required" } });
    expect((await login()).body.twoFactorSetupRequired).toBe(true);

    // No longer required: the same session works again.
    expect(await policy(shop.shopId, boss, false)).toMatchObject({ status: 200, body: { required: false } });
    expect((await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", token)).status).toBe(200);
  });

  it("holds back no other shop's staff", async () => {
    const { shop, boss, bossId } = await shopWithAgent();
    const other = await makeShop([{ key: "presales" }], [{ handle: "agent", groups: ["presales"] }]);
    await turnedOn(bossId);
    expect((await policy(shop.shopId, boss, true)).status).toBe(200);
    expect((await call(`/api/admin/directory?shop=${other.shopId}`, "GET", other.tokens.agent)).status).toBe(200);
    const queue = await connectQueue(other.shopId, other.tokens.agent!);
    await queue.next("queue.snapshot");
    queue.close();
  });

  it("closes the queue and room sockets of staff without it: the room's at their next message, storing nothing", async () => {
    const { shop, boss, bossId, login } = await shopWithAgent();
    const token = (await login()).body.token!;
    const queue = await connectQueue(shop.shopId, token);
    await queue.next("queue.snapshot");
    const customer = uniqueCustomer();
    const thread = `${shop.shopId}:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer));
    await shopper.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "转人工" });
    await queue.next("assignment.created");
    const room = await connect(thread, token);
    await room.next("room.joined");
    const queueClosed = closedBy(queue.ws);

    await turnedOn(bossId);
    expect((await policy(shop.shopId, boss, true)).status).toBe(200);

    expect(await queueClosed).toEqual({ code: 4003, reason: "two-factor login required" });
    await expect(connectQueue(shop.shopId, token)).rejects.toMatchObject({ status: 403 });
    const roomClosed = closedBy(room.ws);
    const before = await (await getServerByName(env.ConversationRoom, thread)).summary();
    room.send({ type: "message.send", clientId: cid(), kind: "text", text: "您好，我来帮您" });
    expect(await roomClosed).toEqual({ code: 4003, reason: "two-factor login required" });
    await roomSettled(thread);
    expect((await (await getServerByName(env.ConversationRoom, thread)).summary()).lastSeq).toBe(before.lastSeq);
    await expect(connect(thread, token)).rejects.toMatchObject({ status: 403 });
  });

  it("is set by the shop's admin or a platform admin, refused to agents and other shops' admins, and a malformed body names the field", async () => {
    const { shop, boss, bossId } = await shopWithAgent();
    const other = await makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "agent", groups: ["presales"] }]);
    await turnedOn(bossId);
    await turnedOn(other.staffId("boss"));
    await turnedOn(other.staffId("agent"));

    expect((await policy(shop.shopId, other.tokens.boss!, true)).status).toBe(403);
    expect((await policy(other.shopId, other.tokens.agent!, true)).status).toBe(403);
    const malformed = await policy(shop.shopId, boss, "yes");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error!.message).toMatch(/required/);
    expect((await policy(shop.shopId, boss)).body.required).toBe(false);

    const platformAdmin = await platformAdminToken();
    expect((await policy(shop.shopId, platformAdmin.token, true)).status).toBe(409); // not on for the platform admin yet
    await turnedOn(platformAdmin.id);
    expect(await policy(shop.shopId, platformAdmin.token, true)).toMatchObject({ status: 200, body: { required: true } });
    expect((await policy("no-such-shop", platformAdmin.token, true)).status).toBe(404);
  });
});

describe("turning two-factor login on", () => {
  it("ends the account's other sessions, not the one that turned it on", async () => {
    const { login, agentPassword } = await shopWithAgent();
    const elsewhere = (await login()).body.token!;
    const here = (await login()).body.token!;
    await awayFromStepEdge(4);
    const secret = (await call("/api/auth/two-factor/setup", "POST", here, { password: agentPassword })).body.secret as string;
    const enabled = await call("/api/auth/two-factor/enable", "POST", here, { code: await codeOf(secret, -1) });
    expect(enabled.body.otherSessionsEnded).toBe(1);
    expect((await call("/api/me", "GET", elsewhere)).status).toBe(401);
    expect((await call("/api/me", "GET", here)).status).toBe(200);
  });
});

