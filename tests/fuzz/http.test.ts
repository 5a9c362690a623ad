/**
 * Hostile HTTP requests to every route the app registers (read from `app.routes`, so new routes
 * are fuzzed too), from a seeded generator (tests/fuzz/requests.ts). Every answer is below 500,
 * every refusal is the one error body, a protected route refuses every bad token, nothing is
 * stored, and a legitimate shopper's conversation works throughout.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { bodyCapFor } from "../../worker/middleware/body-limit";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect } from "../helpers/socket";
import { Rng } from "./prng";
import { badTokens, makeRequest, paramValues, type FuzzRequest } from "./requests";
import { d1Counts, fileCount, lastSeq } from "./store";

const SEED = 7_2026;
const PER_ROUTE = 30;
/** Failed logins are recorded on purpose (that is the lockout), so that table may grow. */
const MAY_GROW = ["login_attempts"];

const routes = [...new Map(app.routes.filter((r) => r.method !== "ALL" && !r.path.includes("*")).map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }])).values()];

let tokens: { good: string[]; bad: string[] };
let customer: string;
beforeAll(async () => {
  await seedFixture();
  customer = uniqueCustomer("hz");
  const [admin, agent, shopper] = await Promise.all([staffToken(STAFF.apparelAdmin.email), staffToken(STAFF.apparelAgent.email), shopperToken(customer)]);
  tokens = { good: [admin, agent, shopper], bad: await badTokens(env.SHOPPER_JWT_SECRET!, env.GUEST_TOKEN_SECRET!) };
});

/**
 * Through the app's own fetch (what worker/index.ts exports), not `exports.default.fetch`: in the
 * test pool every call of the latter makes the next one slower, and a thousand would take minutes.
 */
async function send(req: FuzzRequest): Promise<Response> {
  const init = { method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) };
  return app.fetch(new Request(`http://kefu.test${req.path}`, init), env, createExecutionContext());
}

/** The refusal is the one error body: `{ error: { code, message } }`. */
async function expectErrorBody(res: Response, what: string): Promise<void> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  expect(typeof body?.error?.code, `${what}: error.code`).toBe("string");
  expect(String(body?.error?.message ?? "").length, `${what}: error.message`).toBeGreaterThan(0);
}

describe("fuzz: hostile HTTP requests to every route", () => {
  it(`answers ${PER_ROUTE} hostile requests per route with a clear 4xx, storing nothing`, async () => {
    expect(routes.length).toBeGreaterThan(15);
    // A legitimate shopper mid-conversation, before anything is counted.
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, tokens.good[2]!);
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "我先问一句" });
    await shopper.next("message.acked");
    const before = { d1: await d1Counts(MAY_GROW), files: await fileCount(), seq: await lastSeq(thread) };

    // Which routes need a token: asked once with none.
    const protectedRoutes = new Set<string>();
    for (const r of routes) {
      const path = r.path.replace(/:([a-zA-Z]+)(\{[^}]*\})?/g, (_m, n: string) => paramValues({ customer })[n]?.[0] ?? "x");
      if ((await send({ method: r.method, path, headers: {}, kind: "auth" })).status === 401) protectedRoutes.add(`${r.method} ${r.path}`);
    }

    const rng = new Rng(SEED);
    const values = paramValues({ customer });
    let exchanges = 0;
    for (const [index, route] of routes.entries()) {
      for (let i = 0; i < PER_ROUTE; i++) {
        const req = makeRequest(rng, route, values, tokens);
        const res = await send(req);
        const what = `${req.method} ${req.path.slice(0, 120)} [${req.kind}] → ${res.status} (seed ${SEED})`;
        expect(res.status, what).toBeLessThan(500);
        if (res.status >= 400) await expectErrorBody(res, what);
        else await res.body?.cancel();
        // A body over the path's cap is refused (413) before the token is even looked up.
        const oversized = req.body !== undefined && (typeof req.body === "string" ? new TextEncoder().encode(req.body).byteLength : req.body.byteLength) > (bodyCapFor(req.path.split("?")[0]!) ?? Infinity);
        if (req.kind === "auth" && protectedRoutes.has(`${route.method} ${route.path}`)) expect(oversized ? [413] : [401, 403], what).toContain(res.status);
      }
      // The legitimate shopper keeps chatting between routes, at a human pace: a message every
      // few routes stays inside the per-connection rate limit however fast this machine is.
      if (index % 4 === 0) {
        shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: `还在 ${exchanges++}` });
        await shopper.next("message.acked");
      }
    }
    const history = (await (await api(`/api/threads/${thread}/messages?limit=100`, { token: tokens.good[2] })).json()) as { messages: { sender: { role: string } }[] };
    expect(history.messages.filter((m) => m.sender.role === "customer")).toHaveLength(exchanges + 1);

    expect(await d1Counts(MAY_GROW)).toEqual(before.d1);
    expect(await fileCount()).toBe(before.files);
    expect(await lastSeq(thread)).toBe(before.seq + exchanges);
    expect(protectedRoutes.size).toBeGreaterThan(10);
    shopper.close();
  });
});
