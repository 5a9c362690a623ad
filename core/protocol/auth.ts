/**
 * Identity shapes: the shopper token's claims (what a mall signs) and the staff login body.
 */
import * as v from "valibot";
import { CustomerId, CustomerLevel } from "./common";

/**
 * Claims of a shopper token, an HS256 JWT the mall signs with the shared secret.
 * `sub` is the mall's user id; ids starting with `g_` are reserved for guests.
 */
export const ShopperClaims = v.object({
  sub: CustomerId,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  level: v.optional(CustomerLevel, "normal"),
  locale: v.optional(v.picklist(["zh-CN", "en-US"]), "zh-CN"),
  exp: v.pipe(v.number("must be a number (seconds since epoch)"), v.integer()),
  iat: v.optional(v.number()),
  guest: v.optional(v.boolean()),
});
export type ShopperClaims = v.InferOutput<typeof ShopperClaims>;

export const LoginBody = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email("must be an e-mail address"), v.maxLength(254)),
  password: v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(256)),
});
export type LoginBody = v.InferOutput<typeof LoginBody>;

export const GuestBody = v.object({
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32))),
});

export const DemoShopperTokenBody = v.object({ customerId: CustomerId });
