/**
 * Per-IP rate limits at the edge, before any route runs: staff logins and shopper token issuance,
 * uploads, and socket connection attempts (rooms and queues). Per-account login lockout lives in
 * services/auth.ts and per-connection message limits in the room; these stop one address from
 * spraying many accounts, filling storage or opening sockets in a loop.
 *
 * The client address is `CF-Connecting-IP`, which Cloudflare sets on every request from the
 * internet (a client cannot forge it there). A request without it did not come through the edge
 * (tests, service bindings) and is not limited. IPv6 addresses count per /64, what one subscriber
 * usually holds.
 *
 * Counting: when the Worker has a Cloudflare Rate Limiting binding for a rule (`[[ratelimits]]` in
 * wrangler.toml, see `binding` below) it is used: shared across isolates and locations, and the
 * limit is the binding's. Without one, a fixed window per isolate in memory: fine for one machine,
 * but in production each isolate counts alone, so configure the bindings there.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { clientAddress } from "../lib/client-address";
import { DomainError, errorBody } from "../../core/domain/errors";

/** One limit: which requests it counts, how many per period, and the binding that counts them in production. */
export interface RateRule {
  name: "login" | "token" | "upload" | "connect";
  method: string | null;
  path: RegExp;
  limit: number;
  periodSec: 10 | 60;
  binding: "LOGIN_RATE_LIMITER" | "UPLOAD_RATE_LIMITER" | "CONNECT_RATE_LIMITER";
  message: string;
}

/** The limits, per client address. Keep them equal to the `[[ratelimits]]` blocks in wrangler.toml. */
export const RATE_RULES: readonly RateRule[] = [
  { name: "login", method: "POST", path: /^\/api\/auth\/login$/, limit: 20, periodSec: 60, binding: "LOGIN_RATE_LIMITER", message: "too many login attempts from your address" },
  // Guest and demo tokens are cheap to sign but mint identities; generous, since shoppers share carrier NATs.
  { name: "token", method: "POST", path: /^\/api\/(auth\/guest|demo\/shopper-token)$/, limit: 600, periodSec: 60, binding: "CONNECT_RATE_LIMITER", message: "too many new shopper tokens from your address" },
  // Files into R2 (≤ 5 MB each) and knowledge-base imports (admins, CSV/JSON into D1).
  { name: "upload", method: "POST", path: /^\/api\/(threads\/[^/]+\/uploads|admin\/knowledge\/import)$/, limit: 60, periodSec: 60, binding: "UPLOAD_RATE_LIMITER", message: "too many uploads from your address" },
  { name: "connect", method: null, path: /^\/parties\//, limit: 600, periodSec: 60, binding: "CONNECT_RATE_LIMITER", message: "too many connection attempts from your address" },
];

/** Cloudflare's Rate Limiting binding, as far as we use it. */
interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** Fixed windows in this isolate's memory, each starting at its key's first request. */
export class MemoryWindows {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  /** Counts one request for `key`; false once `limit` requests were counted in the current window. */
  take(key: string, limit: number, periodMs: number, now = Date.now()): boolean {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= 50_000) this.prune(now);
      w = { count: 0, resetAt: now + periodMs };
      this.windows.set(key, w);
    }
    if (w.count >= limit) return false;
    w.count++;
    return true;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Still full of live windows (an address sweep): start over rather than grow without bound.
    if (this.windows.size >= 50_000) this.windows.clear();
  }
}

const memory = new MemoryWindows();
/** Requests already counted, so registering the middleware twice never counts one twice. */
const counted = new WeakSet<Request>();

async function allowed(rule: RateRule, address: string, env: Partial<Record<RateRule["binding"], RateLimitBinding>>): Promise<boolean> {
  const key = `${rule.name}:${address}`;
  const binding = env[rule.binding];
  if (binding && typeof binding.limit === "function") return (await binding.limit({ key })).success;
  return memory.take(key, rule.limit, rule.periodSec * 1000);
}

/** The matching rule of a request, if any. */
export function ruleFor(method: string, path: string): RateRule | undefined {
  return RATE_RULES.find((r) => (r.method === null || r.method === method) && r.path.test(path));
}

/** Refuses with 429, `Retry-After` and the one error body once an address exceeds a rule. */
export const perIpRateLimits = createMiddleware<AppEnv>(async (c, next) => {
  const rule = ruleFor(c.req.method, c.req.path);
  const address = clientAddress(c.req.raw);
  if (!rule || !address || counted.has(c.req.raw)) return next();
  counted.add(c.req.raw);
  if (await allowed(rule, address, c.env as unknown as Partial<Record<RateRule["binding"], RateLimitBinding>>)) return next();
  const refused = new DomainError("rate_limited", `${rule.message}: try again in ${rule.periodSec} seconds`, { retryAfterSec: rule.periodSec, limit: rule.limit, periodSec: rule.periodSec });
  return c.json({ error: errorBody(refused) }, 429, { "Retry-After": String(rule.periodSec) });
});
