/**
 * The e-mail door's addresses: each shop's service address is `<shopId>@<domain>` (a `+tag` after
 * the shop id is allowed and ignored, as mail providers do), and a shopper is known by their
 * address, compared lowercased.
 */

/** A plain `local@domain` address, lowercased; null when it is not one. */
export function normalizeAddress(raw: string): string | null {
  const address = raw.trim().toLowerCase();
  if (address.length > 254) return null;
  return /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(address) ? address : null;
}

/** The domain of an address (after the last `@`). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

/** The shop a mail to `to` is for, or null when `to` is not one of our service addresses. */
export function shopOfServiceAddress(to: string, serviceDomain: string): string | null {
  const address = normalizeAddress(to);
  if (!address || domainOf(address) !== serviceDomain.toLowerCase()) return null;
  const local = address.slice(0, address.lastIndexOf("@")).split("+")[0]!;
  return /^[a-z0-9][a-z0-9-]{0,31}$/.test(local) ? local : null;
}

/** The address a shop receives mail at and answers from. */
export function serviceAddress(shopId: string, serviceDomain: string): string {
  return `${shopId}@${serviceDomain.toLowerCase()}`;
}
