/**
 * The one error handler: every failure leaves as `{ error: { code, message, details? } }`.
 */
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError, errorBody, statusOf } from "../../core/domain/errors";
import type { AppEnv } from "../env";

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof DomainError) {
    return c.json({ error: errorBody(err) }, statusOf(err.code) as 400);
  }
  if (err instanceof HTTPException) {
    const code = err.status === 400 ? "invalid_input" : err.status === 413 ? "payload_too_large" : err.status === 401 ? "unauthorized" : "internal";
    return c.json({ error: { code, message: err.message || "bad request" } }, err.status);
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  return c.json({ error: { code: "internal", message: "internal error" } }, 500);
};
