/**
 * The context service's types: the response shapes live in core/protocol/context.ts (shared with
 * the console); the caller's scope is the worker's own.
 */
export * from "../../../core/protocol/context";

/**
 * Whose data a caller may see for a thread: the customer, the thread's shop, and the shops
 * whose orders and history are visible (one shop for its staff; every shop for platform staff).
 */
export interface ContextScope {
  threadId: string;
  customerId: string;
  /** The thread's shop. */
  shopId: string;
  /** `null` = every shop (platform staff). */
  shops: string | null;
}
