/**
 * Identifiers and small shapes shared by HTTP bodies, socket frames and stored records.
 * One schema per shape: the worker, the Durable Objects and the web all import these.
 */
import * as v from "valibot";

/** Shop (tenant) id. `platform` is the platform's own service desk. */
export const ShopId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be 1-32 lowercase letters, digits or '-'"));
export type ShopId = v.InferOutput<typeof ShopId>;
export const PLATFORM_SHOP_ID = "platform";

/** A mall user id, a guest id (`g_…`) or any id the mall signs: URL-safe, short. */
export const CustomerId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, '_' or '-'"));
export type CustomerId = v.InferOutput<typeof CustomerId>;

/** A thread is one customer × one shop: `${shopId}:${customerId}`. */
export const ThreadId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,31}:[A-Za-z0-9_-]{1,64}$/, "must be '<shopId>:<customerId>'"),
);
export type ThreadId = v.InferOutput<typeof ThreadId>;

/** Builds the thread id (and Durable Object name) of a customer with a shop. */
export function threadIdOf(shopId: string, customerId: string): string {
  return `${shopId}:${customerId}`;
}

/** Splits a thread id into its shop and customer. Call only on validated ids. */
export function parseThreadId(threadId: string): { shopId: string; customerId: string } {
  const i = threadId.indexOf(":");
  return { shopId: threadId.slice(0, i), customerId: threadId.slice(i + 1) };
}

/** Where a connection comes from. */
export const CHANNELS = ["pc", "h5", "app", "miniprogram", "email", "api"] as const;
export const Channel = v.picklist(CHANNELS, "must be one of pc, h5, app, miniprogram, email, api");
export type Channel = v.InferOutput<typeof Channel>;

/** What the chat was opened on. */
export const ENTRY_TYPES = ["product", "order", "shop", "help"] as const;
export const EntryType = v.picklist(ENTRY_TYPES, "must be one of product, order, shop, help");
export const Entry = v.object({
  type: EntryType,
  id: v.optional(v.pipe(v.string(), v.maxLength(64))),
});
export type Entry = v.InferOutput<typeof Entry>;

export const CUSTOMER_LEVELS = ["normal", "silver", "gold", "vip"] as const;
export const CustomerLevel = v.picklist(CUSTOMER_LEVELS, "must be one of normal, silver, gold, vip");
export type CustomerLevel = v.InferOutput<typeof CustomerLevel>;

export const STAFF_ROLES = ["platform_admin", "platform_agent", "shop_admin", "shop_agent"] as const;
export const StaffRole = v.picklist(STAFF_ROLES);
export type StaffRole = v.InferOutput<typeof StaffRole>;

/** The one error body of every HTTP error and the payload of every socket error frame. */
export const ErrorBody = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    details: v.optional(v.unknown()),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBody>;
