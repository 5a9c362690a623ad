/**
 * Staff passwords after the first: a staff member changes their own (the current one first,
 * guessed like a login), and a shop's admin sets a new one for a staff member who forgot theirs.
 * Either way the account's other sessions end; a password an admin set must be changed before the
 * account does anything else (unless the admin says otherwise). Through the real Worker and D1.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { LOCKOUT } from "../../core/domain/lockout";
import { seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { connectQueue, makeShop } from "../helpers/queue-fixture";
import { closedBy, connect } from "../helpers/socket";
import { call, shopWithAgent } from "../helpers/staff-accounts";

beforeAll(seedFixture);

let n = 0;
/** A fresh documentation-range address per call, so one test's failures lock no other's. */
const freshIp = () => `198.51.100.${(n++ % 250) + 1}`;

const change = (token: string, body: unknown, ip = freshIp()) => call("/api/auth/password", "POST", token, body, ip);

describe("changing one's own password", () => {
  it("takes the current password; the old one stops working, other sessions end, this one stays", async () => {
    const { login, agentPassword } = await shopWithAgent();
    const elsewhere = (await login()).body.token!;
    const here = (await login()).body.token!;

    const changed = await change(here, { currentPassword: agentPassword, newPassword: "a-new-password-2" });
    expect(changed).toEqual({ status: 200, body: { otherSessionsEnded: 1 } });
    expect((await call("/api/me", "GET", elsewhere)).status).toBe(401);
    expect((await call("/api/me", "GET", here)).status).toBe(200);
    expect((await login({ ip: freshIp() })).status).toBe(401);
    expect((await login({ password: "a-new-password-2" })).status).toBe(200);
  });

  it("refuses a wrong current password naming the field and counts it like a failed login; a short or unchanged new one; shoppers", async () => {
    const { login, agentPassword } = await shopWithAgent();
    const token = (await login()).body.token!;
    const ip = freshIp();
    for (let i = 0; i < LOCKOUT.pairMaxFailures; i++) {
      const wrong = await change(token, { currentPassword: `guess-${i}`, newPassword: "a-new-password-2" }, ip);
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toMatchObject({ code: "invalid_input", details: [{ field: "currentPassword" }] });
    }
    // Five wrong from this address: locked out here and at login, the right password included.
    expect((await change(token, { currentPassword: agentPassword, newPassword: "a-new-password-2" }, ip)).status).toBe(423);
    expect((await login({ ip })).status).toBe(423);

    const short = await change(token, { currentPassword: agentPassword, newPassword: "short" });
    expect(short.status).toBe(400);
    expect(short.body.error!.message).toMatch(/newPassword/);
    const same = await change(token, { currentPassword: agentPassword, newPassword: agentPassword });
    expect(same.status).toBe(400);
    expect(same.body.error).toMatchObject({ details: [{ field: "newPassword", message: "must differ from the current password" }] });
    // Nothing changed: the first password still logs in, and the session still works.
    expect((await login({ ip: freshIp() })).status).toBe(200);
    expect((await call("/api/me", "GET", token)).status).toBe(200);

    const shopper = await shopperToken(uniqueCustomer());
    expect((await change(shopper, { currentPassword: "x", newPassword: "a-new-password-2" })).status).toBe(403);
    expect((await change("", { currentPassword: "x", newPassword: "a-new-password-2" })).status).toBe(401);
  });
});

describe("an admin setting a staff member's password", () => {
  it("ends every session of the account; the new password logs in, the old one not", async () => {
    const { shop, boss, agentId, login } = await shopWithAgent();
    const token = (await login()).body.token!;

    const reset = await call(`/api/admin/agents/${agentId}/password?shop=${shop.shopId}`, "PUT", boss, { password: "given-by-the-admin-3" });
    expect(reset).toEqual({ status: 200, body: { sessionsEnded: 1 } });
    expect((await call("/api/me", "GET", token)).status).toBe(401);
    expect((await login({ ip: freshIp() })).status).toBe(401);
    // The admin knows it: the next session must change it before anything else.
    const next = await login({ password: "given-by-the-admin-3" });
    expect(next).toMatchObject({ status: 200, body: { passwordChangeRequired: true } });
    const held = await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", next.body.token);
    expect(held).toMatchObject({ status: 403, body: { error: { details: { password: "change_required" } } } });
    expect((await change(next.body.token!, { currentPassword: "given-by-the-admin-3", newPassword: "all-mine-now-4" })).status).toBe(200);
    expect((await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", next.body.token)).status).toBe(200);
  });

  it("closes the account's open queue and room sockets at once; the shopper hears nothing from them", async () => {
    const { shop, boss, agentId, login } = await shopWithAgent();
    const token = (await login()).body.token!;
    const customer = uniqueCustomer();
    const thread = `${shop.shopId}:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer));
    await shopper.next("room.joined");
    const socket = await connect(thread, token);
    await socket.next("room.joined");
    const queue = await connectQueue(shop.shopId, token);
    await queue.next("queue.snapshot");
    const roomClosed = closedBy(socket.ws);
    const queueClosed = closedBy(queue.ws);

    expect((await call(`/api/admin/agents/${agentId}/password?shop=${shop.shopId}`, "PUT", boss, { password: "given-by-the-admin-3" })).status).toBe(200);
    expect(await roomClosed).toEqual({ code: 4001, reason: "session ended" });
    expect(await queueClosed).toEqual({ code: 4001, reason: "session ended" });
    expect(shopper.all("message.created")).toEqual([]);
  });

  it("can leave the password as set, when the admin says so", async () => {
    const { shop, boss, agentId, login } = await shopWithAgent();
    expect((await call(`/api/admin/agents/${agentId}/password?shop=${shop.shopId}`, "PUT", boss, { password: "given-by-the-admin-3", mustChangePassword: false })).status).toBe(200);
    const next = await login({ password: "given-by-the-admin-3" });
    expect(next).toMatchObject({ status: 200, body: { passwordChangeRequired: false } });
    expect((await call(`/api/admin/directory?shop=${shop.shopId}`, "GET", next.body.token)).status).toBe(200);
  });

  it("is refused for another shop's staff, for one's own account, to agents, and with a short password naming the field", async () => {
    const { shop, boss, bossId, agentId, login } = await shopWithAgent();
    const other = await makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "agent", groups: ["presales"] }]);
    const put = (token: string, id: string, password: string, shopId?: string) => call(`/api/admin/agents/${id}/password${shopId ? `?shop=${shopId}` : ""}`, "PUT", token, { password });

    expect((await put(other.tokens.boss!, agentId, "given-by-the-admin-3")).status).toBe(404);
    expect((await put(other.tokens.boss!, agentId, "given-by-the-admin-3", shop.shopId)).status).toBe(403);
    expect((await put(other.tokens.agent!, other.staffId("boss"), "given-by-the-admin-3")).status).toBe(403);
    const own = await put(boss, bossId, "given-by-the-admin-3");
    expect(own.status).toBe(403);
    expect(own.body.error!.message).toMatch(/auth\/password/);
    const short = await put(boss, agentId, "short");
    expect(short.status).toBe(400);
    expect(short.body.error!.message).toMatch(/password/);
    expect((await login()).status).toBe(200); // still the first password
  });
});
