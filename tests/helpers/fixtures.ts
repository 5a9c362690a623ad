/**
 * A small, explicit mall for integration tests: two shops and the platform desk, staff of each,
 * customers, a product and orders. Inserted through drizzle into the real local D1.
 */
import { env, exports } from "cloudflare:workers";
import { DEFAULT_BUSINESS_HOURS, WEEKDAYS, type BusinessHours } from "../../core/domain/routing";
import { sign } from "hono/utils/jwt/jwt";
import { database } from "../../worker/db/client";
import { customers, orders, products, shops, skillGroups, staff } from "../../worker/db/schema";
import { hashPassword } from "../../worker/lib/password";

export const PASSWORD = "test-password-1";
export const STAFF = {
  apparelAgent: { id: "st-a1", shopId: "apparel", email: "a1@apparel.test", role: "shop_agent", name: "服饰客服小美" },
  apparelAdmin: { id: "st-a0", shopId: "apparel", email: "admin@apparel.test", role: "shop_admin", name: "服饰店长" },
  electronicsAgent: { id: "st-e1", shopId: "electronics", email: "e1@electronics.test", role: "shop_agent", name: "数码客服阿杰" },
  platformAgent: { id: "st-p1", shopId: "platform", email: "p1@platform.test", role: "platform_agent", name: "平台小二" },
} as const;

let seeded: Promise<void> | undefined;

/**
 * The fixture's shops are open around the clock: with the default hours (09:00-22:00 Beijing
 * time) every hand-off test would turn into leave-a-message from 14:00 UTC on. A test about
 * closed hours sets its own and restores these.
 */
export const ALWAYS_OPEN: BusinessHours = {
  timeZone: DEFAULT_BUSINESS_HOURS.timeZone,
  weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, [["00:00", "24:00"]]])) as BusinessHours["weekly"],
};

/** Inserts the fixture once per test file (storage is isolated per file). */
export function seedFixture(): Promise<void> {
  seeded ??= (async () => {
    const db = database(env.DB);
    const now = Date.now();
    const hash = await hashPassword(PASSWORD);
    await db.batch([
      db.insert(shops).values([
        { id: "platform", name: "平台客服中心", nameEn: "Platform desk", category: "platform", createdAt: now },
        { id: "apparel", name: "织锦服饰", nameEn: "Zhijin Apparel", category: "apparel", businessHours: ALWAYS_OPEN, createdAt: now },
        { id: "electronics", name: "极客数码", nameEn: "Geek Digital", category: "electronics", businessHours: ALWAYS_OPEN, createdAt: now },
      ]),
      db.insert(skillGroups).values(
        ["apparel", "electronics"].flatMap((shopId) => ["presales", "logistics", "aftersales", "vip"].map((key) => ({ id: `${shopId}-${key}`, shopId, key, name: key, nameEn: key }))),
      ),
      db.insert(staff).values(Object.values(STAFF).map((s) => ({ ...s, passwordHash: hash, capacity: 5, seniority: 2, createdAt: now }))),
      db.insert(customers).values([
        { id: "c1", name: "王小明", level: "gold", tags: [], locale: "zh-CN", createdAt: now, updatedAt: now },
        { id: "c2", name: "李华", level: "normal", tags: [], locale: "zh-CN", createdAt: now, updatedAt: now },
      ]),
      db.insert(products).values([
        { id: "p-tee", shopId: "apparel", title: "纯棉圆领T恤", titleEn: "Cotton tee", category: "apparel/tops", priceCents: 7900, stock: 100, updatedAt: now },
        { id: "p-phone", shopId: "electronics", title: "星河 X5 手机", titleEn: "Galaxy X5 phone", category: "electronics/phones", priceCents: 299900, stock: 10, updatedAt: now },
      ]),
      db.insert(orders).values([
        { id: "o-c1-tee", shopId: "apparel", customerId: "c1", status: "shipped", totalCents: 15800, items: [{ productId: "p-tee", title: "纯棉圆领T恤", category: "apparel/tops", qty: 2, priceCents: 7900 }], createdAt: now - 86_400_000, updatedAt: now },
        { id: "o-c2-tee", shopId: "apparel", customerId: "c2", status: "paid", totalCents: 7900, items: [{ productId: "p-tee", title: "纯棉圆领T恤", category: "apparel/tops", qty: 1, priceCents: 7900 }], createdAt: now, updatedAt: now },
      ]),
    ]);
  })();
  return seeded;
}

/** Logs a staff member in through the real route and returns the session token. */
export async function staffToken(email: string): Promise<string> {
  const res = await exports.default.fetch("http://kefu.test/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Tokens of an apparel agent, an electronics agent and a platform agent, logged in together. */
export async function agentTokens(): Promise<{ apparel: string; electronics: string; platform: string }> {
  const [apparel, electronics, platform] = await Promise.all([STAFF.apparelAgent, STAFF.electronicsAgent, STAFF.platformAgent].map((s) => staffToken(s.email)));
  return { apparel: apparel!, electronics: electronics!, platform: platform! };
}

/** Signs a shopper token the way a mall would (HS256 with the shared secret). */
export async function shopperToken(sub: string, name = "王小明", extra: Record<string, unknown> = {}): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return sign({ sub, name, level: "gold", exp, ...extra }, env.SHOPPER_JWT_SECRET!, "HS256");
}

/** A unique customer id per test, so rooms never collide across tests. */
export function uniqueCustomer(prefix = "t"): string {
  return `${prefix}${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
}

/** fetch against the Worker with an optional bearer token. */
export function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return exports.default.fetch(`http://kefu.test${path}`, { ...init, headers });
}
