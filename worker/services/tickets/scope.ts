/**
 * Who may see and work on tickets: staff of the ticket's shop, and platform staff for every
 * shop. A ticket outside the caller's shops is "not found", never "forbidden": its id reveals
 * nothing. Any staff member who can see a ticket may act on it (agents included).
 */
import { DomainError } from "../../../core/domain/errors";
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import type { Identity, StaffIdentity } from "../identity";

/** The caller as a staff member; shoppers are refused. */
export function ticketStaff(identity: Identity): StaffIdentity {
  if (identity.kind !== "staff") throw new DomainError("forbidden", "staff only");
  return identity;
}

/** The shop whose tickets the caller may reach by id: theirs, or null (every shop) for platform staff. */
export function ticketShopScope(identity: StaffIdentity): string | null {
  return identity.shopId === PLATFORM_SHOP_ID ? null : identity.shopId;
}

/** The shop a list covers: a shop's staff their own (another shop asked: forbidden); platform staff the one asked, or all (null). */
export function ticketListShop(identity: StaffIdentity, requested: string | undefined): string | null {
  if (identity.shopId === PLATFORM_SHOP_ID) return requested ?? null;
  if (requested && requested !== identity.shopId) throw new DomainError("forbidden", "you may only see your own shop's tickets");
  return identity.shopId;
}

/** Who may be assigned a ticket of `shopId`: an enabled staff member of that shop or of the platform. */
export function mayBeAssigned(assignee: { shopId: string } | null, shopId: string): string | null {
  if (!assignee) return "is not an enabled staff member";
  if (assignee.shopId !== shopId && assignee.shopId !== PLATFORM_SHOP_ID) return "must be a staff member of the ticket's shop or of the platform";
  return null;
}
