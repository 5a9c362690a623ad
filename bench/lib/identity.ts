/**
 * Who the benchmark's sockets are: shoppers with tokens signed the way a mall signs them (HS256
 * with the shared secret the local server reads from `.dev.vars`), and agents logged in through
 * the real login route with the demo staff accounts.
 */
import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { readDevVars } from "../../scripts/lib/dev-vars";

/** The selling shops of the demo mall; threads are spread over them in turn. */
export const BENCH_SHOPS = ["apparel", "electronics", "food", "beauty"] as const;
/** The demo mall has customers c0001…c0500; beyond that, ids the bench makes up (any id works with a mall-signed token). */
const DEMO_CUSTOMERS = 500;
const DEMO_PASSWORD = "kefu123456";

const b64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");

/** The secret the local server verifies shopper tokens with. */
export function shopperSecret(): string {
  const secret = readDevVars(existsSync(".dev.vars") ? ".dev.vars" : ".dev.vars.example").SHOPPER_JWT_SECRET;
  if (!secret) throw new Error("SHOPPER_JWT_SECRET is missing from .dev.vars");
  return secret;
}

/** An HS256 JWT over `claims`, as core/protocol/auth.ts's ShopperClaims expects. */
export function signShopperToken(secret: string, claims: { sub: string; name: string; level?: string }, ttlSec = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify({ level: "normal", ...claims, iat: now, exp: now + ttlSec }));
  const sig = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${sig}`;
}

/** Thread `i` of the run: a shop in turn, and a demo customer while there are enough. */
export function benchThread(i: number): { shopId: string; customerId: string; threadId: string } {
  const shopId = BENCH_SHOPS[i % BENCH_SHOPS.length]!;
  const n = Math.floor(i / BENCH_SHOPS.length) + 1;
  const customerId = n <= DEMO_CUSTOMERS ? `c${String(n).padStart(4, "0")}` : `bench${String(i).padStart(6, "0")}`;
  return { shopId, customerId, threadId: `${shopId}:${customerId}` };
}

/**
 * Staff session tokens of the demo agents, by shop: agent1..3 of each shop, logged in once each.
 * Many of the benchmark's agent sockets share a login, as one agent has many chats open.
 */
export async function agentTokens(baseUrl: string, headers: Record<string, string> = {}): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const shopId of BENCH_SHOPS) {
    const tokens: string[] = [];
    for (const handle of ["agent1", "agent2", "agent3"]) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ email: `${handle}@${shopId}.demo`, password: DEMO_PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${handle}@${shopId}.demo failed: ${res.status} ${await res.text()}`);
      tokens.push(((await res.json()) as { token: string }).token);
    }
    out.set(shopId, tokens);
  }
  return out;
}
