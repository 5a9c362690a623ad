/**
 * Which shop an admin call acts on: a shop admin's own shop; a platform admin's chosen shop
 * (or the platform desk). Anyone else is refused.
 */
import { DomainError } from "../../core/domain/errors";
import { PLATFORM_SHOP_ID } from "../../core/protocol";
import type { Identity } from "./identity";

export function adminShop(identity: Identity, requested: string | undefined): string {
  if (identity.kind !== "staff" || (identity.role !== "shop_admin" && identity.role !== "platform_admin")) {
    throw new DomainError("forbidden", "admins only");
  }
  if (identity.role === "platform_admin") return requested ?? PLATFORM_SHOP_ID;
  if (requested && requested !== identity.shopId) throw new DomainError("forbidden", "shop admins may only manage their own shop");
  return identity.shopId;
}

/** Which shop a staff member's read acts on (agents read their own shop; platform staff any). */
export function staffShop(identity: Identity, requested: string | undefined): string {
  if (identity.kind !== "staff") throw new DomainError("forbidden", "staff only");
  if (identity.shopId === PLATFORM_SHOP_ID) return requested ?? PLATFORM_SHOP_ID;
  if (requested && requested !== identity.shopId) throw new DomainError("forbidden", "you may only read your own shop");
  return identity.shopId;
}

/**
 * What an admin's report or list may cover: a shop admin their shop; a platform admin one shop
 * (`?shop=`) or every shop. Agents are refused.
 */
export function adminReadScope(identity: Identity, requested: string | undefined): { shopId: string } | "all" {
  if (identity.kind !== "staff" || (identity.role !== "shop_admin" && identity.role !== "platform_admin")) throw new DomainError("forbidden", "admins only");
  if (identity.role === "platform_admin") return requested ? { shopId: requested } : "all";
  if (requested && requested !== identity.shopId) throw new DomainError("forbidden", "shop admins may only see their own shop");
  return { shopId: identity.shopId };
}

/** An agent's own figures: the sessions they held in their shop (platform staff hold none). */
export function ownReportScope(identity: Identity): { shopId: string; agentId: string } {
  if (identity.kind !== "staff") throw new DomainError("forbidden", "staff only");
  return { shopId: identity.shopId, agentId: identity.staffId };
}
