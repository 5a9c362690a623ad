/**
 * Authentication at the edge: the bearer token becomes an `identity` on the context, once.
 */
import { createMiddleware } from "hono/factory";
import { DomainError } from "../../core/domain/errors";
import type { AppEnv } from "../env";
import { identify, isAdmin, type IdentifyOptions } from "../services/identity";

/** The bearer token of a request's Authorization header (sockets pass theirs as `?token=`). */
export function bearerOf(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (header?.startsWith("Bearer ")) return header.slice(7).trim();
  return null;
}

function identityRequired(opts: IdentifyOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerOf(c.req.raw);
    if (!token) throw new DomainError("unauthorized", "Authorization: Bearer <token> is required");
    c.set("identity", await identify(c.env, token, Date.now(), opts));
    await next();
  });
}

/** Requires a valid staff or shopper token (a staff session held back until its account is set up is refused). */
export const requireIdentity = identityRequired({});

/** Requires a valid token, letting through a staff session held back until its account is set up (two-factor login, a new password). */
export const requireIdentityDuringSetup = identityRequired({ duringSetup: true });

/** Requires a staff identity. */
export const requireStaff = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("identity").kind !== "staff") throw new DomainError("forbidden", "staff only");
  await next();
});

/** Requires a shop or platform admin. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (!isAdmin(c.get("identity"))) throw new DomainError("forbidden", "admins only");
  await next();
});
