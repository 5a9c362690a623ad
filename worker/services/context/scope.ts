/**
 * Who may load a thread's context, and what they see: staff of the thread's shop see that
 * shop's orders and history of the customer; platform staff see every shop's.
 */
import { DomainError } from "../../../core/domain/errors";
import { PLATFORM_SHOP_ID, parseThreadId } from "../../../core/protocol";
import { canAccessThread, type Identity } from "../identity";
import type { ContextScope } from "./types";

/** The scope of a thread's context for this caller; throws `forbidden` for shoppers and other shops' staff. */
export function contextScope(identity: Identity, threadId: string): ContextScope {
  if (identity.kind !== "staff") throw new DomainError("forbidden", "staff only");
  if (!canAccessThread(identity, threadId)) throw new DomainError("forbidden", "you may not see this thread's customer");
  const { shopId, customerId } = parseThreadId(threadId);
  return { threadId, customerId, shopId, shops: identity.shopId === PLATFORM_SHOP_ID ? null : shopId };
}
