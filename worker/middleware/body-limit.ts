/**
 * Request body caps for every API route, checked before a route (or a validator) reads a body:
 * by `Content-Length` when the client sends one, otherwise while the body streams in (hono's
 * `bodyLimit`), so a 1 MB login or a never-ending chunked body is refused after at most the cap
 * has been read, and nothing is stored. A refusal is `413 payload_too_large` in the one error body.
 *
 * JSON bodies get `JSON_BODY_MAX_BYTES`; the few routes whose valid bodies are larger have their
 * own line in `BODY_RULES`. Uploads and the mall's webhooks keep the cap their route enforces.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { DomainError } from "../../core/domain/errors";
import { KB_LIMITS } from "../../core/protocol/knowledge";
import type { AppEnv } from "../env";

/** The cap of every JSON body without a rule of its own: far above any valid one (a login is < 1 KB). */
export const JSON_BODY_MAX_BYTES = 64 * 1024;

/** One route family's cap; `null` when the route enforces its own (and documents it). */
export interface BodyRule {
  path: RegExp;
  maxBytes: number | null;
}

/** Routes whose valid bodies may exceed `JSON_BODY_MAX_BYTES`, first match wins. */
export const BODY_RULES: readonly BodyRule[] = [
  // Images ≤ 5 MB, voice ≤ 2 MB: `bodyLimit` in routes/uploads.ts.
  { path: /^\/api\/threads\/[^/]+\/uploads$/, maxBytes: null },
  // A delivery ≤ 1 MB (`MAX_DELIVERY_BYTES`): `bodyLimit` in routes/mall.ts.
  { path: /^\/api\/mall\/webhooks$/, maxBytes: null },
  // A chunk of ≤ 1,000 rows as CSV or JSON.
  { path: /^\/api\/admin\/knowledge\/import$/, maxBytes: KB_LIMITS.importBytesMax },
  // An article: a 10,000-character answer and up to 200 phrasings of 200 characters (~150 KB in CJK).
  { path: /^\/api\/admin\/knowledge(\/[^/]+)?$/, maxBytes: 256 * 1024 },
  // Demo only: a thread's past messages, up to 400 with their bot answers' HTML.
  { path: /^\/api\/demo\/transcripts$/, maxBytes: 1024 * 1024 },
  // The whole rule list (≤ 100 rules, each with up to 100 keywords), stored or as a draft to test.
  { path: /^\/api\/admin\/rules(\/test)?$/, maxBytes: 1024 * 1024 },
];

/** The cap for a request path: a rule's, or the JSON default; null when the route has its own. */
export function bodyCapFor(path: string): number | null {
  const rule = BODY_RULES.find((r) => r.path.test(path));
  return rule ? rule.maxBytes : JSON_BODY_MAX_BYTES;
}

/** One `bodyLimit` per distinct cap, built once. */
const limiters = new Map<number, MiddlewareHandler>();
function limiterFor(maxBytes: number): MiddlewareHandler {
  let limiter = limiters.get(maxBytes);
  if (!limiter) {
    limiter = bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new DomainError("payload_too_large", `the request body may be at most ${maxBytes} bytes here`, { maxBytes });
      },
    });
    limiters.set(maxBytes, limiter);
  }
  return limiter;
}

/** Applies the path's cap to any request with a body. */
export const bodyLimits = createMiddleware<AppEnv>(async (c, next) => {
  const cap = bodyCapFor(c.req.path);
  if (cap === null || !c.req.raw.body) return next();
  return limiterFor(cap)(c, next);
});
