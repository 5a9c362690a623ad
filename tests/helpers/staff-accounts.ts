/**
 * A fresh shop with an admin (`boss`, a session made directly) and an agent in presales that the
 * admin added through the API, so it has a real password to log in with (one it need not change
 * first): for tests of what staff do with their own accounts (passwords, two-factor login).
 */
import { expect } from "vitest";
import { api, uniqueCustomer } from "./fixtures";
import { makeShop, type TestShop } from "./queue-fixture";

export type Answer = { token?: string; error?: { code: string; message: string; details?: unknown } } & Record<string, unknown>;

/** A JSON call through the Worker: its status and body (`{}` for 204). */
export async function call(path: string, method: string, token?: string, body?: unknown, ip?: string): Promise<{ status: number; body: Answer }> {
  const headers: Record<string, string> = { "content-type": "application/json", ...(ip ? { "cf-connecting-ip": ip } : {}) };
  const res = await api(path, { method, token, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as Answer) };
}

export interface ShopWithAgent {
  shop: TestShop;
  boss: string;
  bossId: string;
  agentId: string;
  agentEmail: string;
  agentPassword: string;
  /** Logs the agent in (with `code` for two-factor login, with `password` other than its first). */
  login(opts?: { code?: string; password?: string; ip?: string }): Promise<{ status: number; body: Answer }>;
}

export async function shopWithAgent(): Promise<ShopWithAgent> {
  const shop = await makeShop([{ key: "presales", onAgentOffline: "keep" }], [{ handle: "boss", groups: [], role: "shop_admin" }]);
  const agent = { email: `${uniqueCustomer("n")}@${shop.shopId}.test`, name: "新客服小李", role: "shop_agent", password: "a-good-password-1", groups: ["presales"], capacity: 3, mustChangePassword: false };
  const created = await call(`/api/admin/agents?shop=${shop.shopId}`, "POST", shop.tokens.boss, agent);
  expect(created.status).toBe(201);
  return {
    shop,
    boss: shop.tokens.boss!,
    bossId: shop.staffId("boss"),
    agentId: (created.body.agent as { id: string }).id,
    agentEmail: agent.email,
    agentPassword: agent.password,
    login: (o = {}) => call("/api/auth/login", "POST", undefined, { email: agent.email, password: o.password ?? agent.password, ...(o.code ? { code: o.code } : {}) }, o.ip),
  };
}
