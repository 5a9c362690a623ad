import { beforeAll, describe, expect, it } from "vitest";
import { LOGIN_MAX_FAILURES } from "../../worker/services/auth";
import { PASSWORD, STAFF, api, seedFixture, shopperToken } from "../helpers/fixtures";
import { connect } from "../helpers/socket";

beforeAll(seedFixture);

function login(email: string, password: string) {
  return api("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
}

describe("staff login", () => {
  it("logs in with e-mail and password, identifies the token, and logs out", async () => {
    const res = await login(STAFF.apparelAdmin.email.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; staff: { role: string; shopId: string } };
    expect(body.token).toMatch(/^st_/);
    expect(body.staff).toMatchObject({ role: "shop_admin", shopId: "apparel" });
    const me = (await (await api("/api/me", { token: body.token })).json()) as { identity: { kind: string; staffId: string } };
    expect(me.identity).toMatchObject({ kind: "staff", staffId: STAFF.apparelAdmin.id });
    expect((await api("/api/auth/logout", { method: "POST", token: body.token })).status).toBe(204);
    expect((await api("/api/me", { token: body.token })).status).toBe(401);
  });

  it("names the bad field of a malformed body", async () => {
    const res = await api("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "nope", password: "" }) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; details: { field: string }[] } };
    expect(error.code).toBe("invalid_input");
    expect(error.details.map((d) => d.field).sort()).toEqual(["email", "password"]);
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await login(STAFF.electronicsAgent.email, "wrong")).status).toBe(401);
    const locked = await login(STAFF.electronicsAgent.email, PASSWORD);
    expect(locked.status).toBe(423);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe("locked");
  });
});

describe("shopper tokens", () => {
  it("accepts a mall-signed HS256 token and refuses one signed with another secret", async () => {
    const good = await shopperToken("c1");
    expect(((await (await api("/api/me", { token: good })).json()) as { identity: { customerId: string; level: string } }).identity).toMatchObject({ customerId: "c1", level: "gold" });
    const { sign } = await import("hono/utils/jwt/jwt");
    const forged = await sign({ sub: "c1", name: "x", exp: Math.floor(Date.now() / 1000) + 60 }, "not-the-secret", "HS256");
    const res = await api("/api/me", { token: forged });
    expect(res.status).toBe(401);
  });

  it("issues guest tokens that can chat only in their own threads", async () => {
    const res = await api("/api/auth/guest", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const guest = (await res.json()) as { token: string; customerId: string };
    expect(guest.customerId).toMatch(/^g_/);
    const ws = await connect(`apparel:${guest.customerId}`, guest.token);
    expect((await ws.next("room.joined")).role).toBe("customer");
    ws.close();
    await expect(connect("apparel:c1", guest.token)).rejects.toMatchObject({ status: 403 });
  });

  it("issues demo shopper tokens only in demo mode", async () => {
    const res = await api("/api/demo/shopper-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "c2" }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(((await (await api("/api/me", { token })).json()) as { identity: { customerId: string; name: string } }).identity).toMatchObject({ customerId: "c2", name: "李华" });
    const missing = await api("/api/demo/shopper-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "nobody" }) });
    expect(missing.status).toBe(404);
  });
});

describe("API documentation", () => {
  it("serves an OpenAPI document generated from the route schemas, and a reference page", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/auth/login", "/threads", "/threads/{threadId}/messages", "/threads/{threadId}/uploads"]));
    expect(Object.keys(doc.paths["/auth/login"]!.post!.requestBody!.content["application/json"]!.schema.properties!)).toEqual(["email", "password", "device", "code"]);
    const page = await api("/api/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/openapi.json");
  });

  it("answers unknown API routes with the error body", async () => {
    const res = await api("/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no such route" } });
  });
});
