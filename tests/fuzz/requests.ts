/**
 * Hostile HTTP requests for every route of the app, drawn from a seeded generator: wrong, expired
 * and forged tokens; malformed, deep, huge and mistyped bodies under wrong content types; other
 * shops' and customers' ids in paths and queries; nonsense numbers in queries.
 */
import { sign } from "hono/utils/jwt/jwt";
import { deepJson } from "./frames";
import type { Rng } from "./prng";

/** One request to send through the app. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** `auth`: the token is bad (a protected route must answer 401/403); otherwise the token is valid. */
  kind: "auth" | "input";
}

/** base64url of a string's UTF-8 bytes. */
const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** Tokens that must never be accepted. */
export async function badTokens(secret: string, guestSecret: string): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: "c1", name: "王小明", level: "vip", exp: now + 3600 };
  return [
    "garbage",
    "st_not-a-session",
    `st_${"A".repeat(43)}`,
    "x".repeat(10_000),
    await sign(claims, "not-the-mall-secret", "HS256"),
    await sign({ ...claims, exp: now - 60 }, secret, "HS256"),
    await sign(claims, secret, "HS512"),
    await sign({ ...claims, guest: true }, secret, "HS256"),
    await sign({ ...claims, sub: "g_impostor" }, secret, "HS256"),
    await sign({ ...claims, sub: "c1", guest: true }, guestSecret, "HS256"),
    await sign({ ...claims, exp: "never" } as unknown as typeof claims, secret, "HS256"),
    await sign({ ...claims, sub: "../../etc" }, secret, "HS256"),
    `${b64(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64(JSON.stringify(claims))}.`,
    `${b64(JSON.stringify({ alg: "HS256" }))}.${b64("{not json")}.c2ln`,
  ];
}

/** Values for each path parameter: [a legitimate one, hostile ones]. */
export function paramValues(own: { customer: string }): Record<string, [string, string[]]> {
  return {
    shopId: ["apparel", ["electronics", "platform", "APPAREL", "a".repeat(300), "..", "%00", "%F0%9F%98%80", "apparel%2F..%2Fadmin", "-", "<script>"]],
    productId: ["p-tee", ["p-phone", "x".repeat(500), "%00", "../p-tee", "' OR 1=1 --"]],
    threadId: [`apparel:${own.customer}`, ["electronics:c1", "apparel:c2", "platform:c1", "apparel", "apparel:", ":c1", `apparel:${"x".repeat(100)}`, "apparel:c1%00", "..%2F..", "apparel%3Ac1"]],
    key: [`threads/apparel/${own.customer}/f_x.png`, ["threads/electronics/c1/f_x.png", "threads/apparel/c2/f_x.png", "threads/../../etc/passwd", `threads/apparel/${own.customer}/${"x".repeat(300)}`]],
    id: ["st-a1", ["st-e1", "x".repeat(200), "%00", "' OR '1'='1"]],
  };
}

const QUERIES = [
  "shop=electronics", "shop=platform", "shop=<script>", "shop=a&shop=b", "shop[]=apparel", "limit=-1", "limit=1e309", "limit=NaN",
  "limit=99999999999999999999", "before=-5", "before=abc", "status=%00", "thread=electronics:c1", "thread=apparel:c2&message=x", `q=${"y".repeat(8000)}`,
  "from=2026-02-30&to=2026-01-01", "from=0000-00-00&to=9999-99-99", "days=1e9", "days=-1&table=../../etc", "table=sessions&lang=xx",
];

/** A body that no route accepts as valid input, with the content type it is sent under. */
export function badBody(r: Rng): { body: string | Uint8Array; type?: string } {
  const json = "application/json";
  const choices: (() => { body: string | Uint8Array; type?: string })[] = [
    () => ({ body: '{"email":', type: json }),
    () => ({ body: "{'email': 'a@b.c'}", type: json }),
    () => ({ body: '{"a": NaN, "b": Infinity}', type: json }),
    () => ({ body: deepJson(r.int(1000, 50_000)), type: json }),
    () => ({ body: deepJson(r.int(1000, 20_000), "object"), type: json }),
    () => ({ body: JSON.stringify({ email: "a".repeat(r.int(300, 1_200_000)), password: 1 }), type: json }),
    () => ({ body: JSON.stringify(r.pick<unknown>([null, [], 42, "str", true, [{ email: "a@b.c" }]])), type: json }),
    () => ({ body: JSON.stringify({ email: 42, password: null, rules: "x", capacity: -1, groups: {}, text: [], customerId: "../x", name: 7 }), type: json }),
    () => ({ body: '{"__proto__": {"role": "platform_admin"}, "constructor": {"prototype": {"x": 1}}}', type: json }),
    () => ({ body: "email=a%40b.c&password=x", type: "application/x-www-form-urlencoded" }),
    () => ({ body: "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.c\r\n--x--", type: "multipart/form-data; boundary=x" }),
    () => ({ body: "<xml><email>a@b.c</email></xml>", type: "application/xml" }),
    () => ({ body: new Uint8Array(Array.from({ length: r.int(1, 2048) }, () => r.int(0, 255))), type: r.pick(["application/octet-stream", "image/png", "audio/ogg", json]) }),
    () => ({ body: '{"email":"a@b.c"}' }),
  ];
  return r.pick(choices)();
}

/** Fills `:name` and `:name{regex}` parameters. `hostile` picks hostile values (mostly; `always`: every one). */
export function fillPath(path: string, values: Record<string, [string, string[]]>, r: Rng, hostile: boolean, always = false): string {
  return path.replace(/:([a-zA-Z]+)(\{[^}]*\})?/g, (_m, name: string) => {
    const v = values[name] ?? ["x", ["x".repeat(100)]];
    return hostile && (always || r.next() < 0.8) ? r.pick(v[1]) : v[0];
  });
}

/**
 * One hostile request for a route: `auth` ones carry a bad token (or none), `input` ones a valid
 * token with hostile path, query and body. Logout only ever gets bad tokens: with a valid one it
 * would simply work, and end the session the rest of the run uses. A DELETE has no body to be
 * bad, so with a valid token its path is always hostile: a legitimate one would simply work.
 */
export function makeRequest(r: Rng, route: { method: string; path: string }, values: Record<string, [string, string[]]>, tokens: { good: string[]; bad: string[] }): FuzzRequest {
  const kind = r.next() < 0.35 || route.path.endsWith("/auth/logout") ? "auth" : "input";
  const headers: Record<string, string> = {};
  const token = kind === "auth" ? r.pick(tokens.bad) : r.pick(tokens.good);
  if (kind === "input" || r.next() < 0.9) headers.authorization = r.next() < 0.05 ? `Basic ${token}` : `Bearer ${token}`;
  let path = fillPath(route.path, values, r, kind === "input", route.method === "DELETE");
  if (r.next() < 0.5) path += `?${r.pick(QUERIES)}`;
  const req: FuzzRequest = { method: route.method, path, headers, kind };
  if (route.method !== "GET") {
    const b = badBody(r);
    req.body = b.body;
    if (b.type) headers["content-type"] = b.type;
  }
  return req;
}
