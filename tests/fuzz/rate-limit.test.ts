/**
 * Per-IP limits on logins, uploads and connection attempts (worker/middleware/rate-limit.ts),
 * through the real app with the middleware in front, as worker/app.ts registers it.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import type { AppEnv } from "../../worker/env";
import { MemoryWindows, perIpRateLimits, RATE_RULES } from "../../worker/middleware/rate-limit";
import { clientAddress } from "../../worker/lib/client-address";
import { PASSWORD, STAFF, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";

const limited = new Hono<AppEnv>().use("*", perIpRateLimits).route("/", app);
const rule = (name: string) => RATE_RULES.find((r) => r.name === name)!;
let ipSeq = 1;
/** A fresh client address per test, so counts never carry over. */
const freshIp = () => `203.0.113.${ipSeq++}`;

/**
 * The bindings without any Rate Limiting binding wrangler.toml may configure, so the in-memory
 * windows are what is tested here (the binding counts per wall-clock minute, and a test crossing
 * one would flake); the binding path is tested with a double below.
 */
const memoryEnv = { ...env, LOGIN_RATE_LIMITER: undefined, UPLOAD_RATE_LIMITER: undefined, CONNECT_RATE_LIMITER: undefined } as unknown as Env;

function call(path: string, init: RequestInit & { ip?: string } = {}, bindings: Record<string, unknown> = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.ip) headers.set("cf-connecting-ip", init.ip);
  return Promise.resolve(limited.fetch(new Request(`http://kefu.test${path}`, { ...init, headers }), { ...memoryEnv, ...bindings }, createExecutionContext()));
}
const login = (ip: string | undefined, email: string, password = "wrong-password") =>
  call("/api/auth/login", { method: "POST", ip, headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });

beforeAll(seedFixture);

describe("per-IP rate limits", () => {
  it("stops one address spraying logins, with 429, Retry-After and the error body, while others log in", async () => {
    const ip = freshIp();
    const { limit, periodSec } = rule("login");
    // Different unknown accounts each time: the per-account lockout never trips, only the address limit.
    for (let i = 0; i < limit; i++) expect((await login(ip, `nobody${i}@spray.test`)).status).toBe(401);
    const refused = await login(ip, STAFF.apparelAdmin.email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(periodSec));
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited", details: { retryAfterSec: periodSec } } });
    expect((await login(freshIp(), STAFF.apparelAdmin.email, PASSWORD)).status).toBe(200);
  });

  it("limits uploads per address, counting refused ones too", async () => {
    const ip = freshIp();
    const customer = uniqueCustomer();
    const token = await shopperToken(customer);
    const upload = (from: string) =>
      call(`/api/threads/apparel:${customer}/uploads`, { method: "POST", ip: from, headers: { authorization: `Bearer ${token}`, "content-type": "text/html" }, body: "<b>not an image</b>" });
    for (let i = 0; i < rule("upload").limit; i++) expect((await upload(ip)).status).toBe(415);
    expect((await upload(ip)).status).toBe(429);
    expect((await upload(freshIp())).status).toBe(415);
  });

  it("limits socket connection attempts per address, to rooms and queues alike", async () => {
    const ip = freshIp();
    const attempt = (path: string) => call(path, { ip, headers: { upgrade: "websocket" } });
    for (let i = 0; i < rule("connect").limit; i++) {
      const res = await attempt(i % 2 ? "/parties/conversation-room/apparel:c1?ticket=bad" : "/parties/agent-queue/apparel?ticket=bad");
      expect(res.status).toBe(401);
    }
    const refused = await attempt("/parties/conversation-room/apparel:c1?ticket=bad");
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/connection attempts/);
  });

  it("counts IPv6 clients per /64 and IPv4-mapped ones by their IPv4 address", () => {
    const h = (ip: string) => new Request("http://x/", { headers: { "cf-connecting-ip": ip } });
    expect(clientAddress(h("2001:db8:aa:1::5"))).toBe(clientAddress(h("2001:0db8:00aa:0001:ffff::9")));
    expect(clientAddress(h("2001:db8:aa:1::5"))).not.toBe(clientAddress(h("2001:db8:aa:2::5")));
    expect(clientAddress(h("::ffff:198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddress(new Request("http://x/"))).toBeNull();
  });

  it("does not limit requests that did not come through the edge, and counts a request once even if registered twice", async () => {
    for (let i = 0; i < rule("login").limit + 5; i++) expect((await login(undefined, `internal${i}@spray.test`)).status).toBe(401);
    const twice = new Hono<AppEnv>().use("*", perIpRateLimits).route("/", limited);
    const ip = freshIp();
    for (let i = 0; i < rule("login").limit; i++) {
      const req = new Request("http://kefu.test/api/auth/login", { method: "POST", headers: { "cf-connecting-ip": ip, "content-type": "application/json" }, body: JSON.stringify({ email: `twice${i}@spray.test`, password: "x" }) });
      expect((await twice.fetch(req, memoryEnv, createExecutionContext())).status).toBe(401);
    }
  });

  it("uses the Rate Limiting binding when one is configured", async () => {
    const keys: string[] = [];
    const binding = { limit: async ({ key }: { key: string }) => (keys.push(key), { success: keys.length <= 2 }) };
    const ip = freshIp();
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await call("/api/auth/guest", { method: "POST", ip, headers: { "content-type": "application/json" }, body: "{}" }, { CONNECT_RATE_LIMITER: binding })).status);
    expect(results).toEqual([200, 200, 429]);
    expect(keys).toEqual([`token:${ip}`, `token:${ip}`, `token:${ip}`]);
  });

  it("starts a fresh window once the period is over", () => {
    const w = new MemoryWindows();
    expect([w.take("k", 2, 1000, 0), w.take("k", 2, 1000, 10), w.take("k", 2, 1000, 999), w.take("k", 2, 1000, 1000)]).toEqual([true, true, false, true]);
  });
});
