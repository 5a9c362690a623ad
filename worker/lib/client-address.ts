/**
 * The client address a request counts against: `CF-Connecting-IP`, which Cloudflare sets on every
 * request from the internet (a client cannot forge it there). Used by the per-IP limits, login
 * lockout and the per-address message limit (room admission). IPv6 counts per /64, what one
 * subscriber usually holds.
 */

/** The address to count a request against, or null when it did not come through the edge. */
export function clientAddress(req: Request): string | null {
  const ip = req.headers.get("cf-connecting-ip")?.trim();
  if (!ip) return null;
  if (!ip.includes(":")) return ip;
  if (ip.includes(".")) return ip.slice(ip.lastIndexOf(":") + 1); // IPv4-mapped (::ffff:1.2.3.4)
  // IPv6: the first four groups (the /64), with `::` expanded so every spelling counts alike.
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
