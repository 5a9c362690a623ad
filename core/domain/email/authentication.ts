/**
 * Whether a received mail's sender is who the From header says, by the receiving server's
 * `Authentication-Results` (RFC 8601; Cloudflare Email Routing adds them). Only an authenticated
 * sender is matched to a mall customer by address: anyone can write any From, so an
 * unauthenticated mail opens a thread of its own for that address (its replies still go to the
 * address's owner, never to the writer).
 *
 * Passes when DMARC passed for the From domain, or DKIM or SPF passed for the From domain or a
 * domain it belongs to (alignment, relaxed as DMARC's default).
 */
import { domainOf } from "./address";

function aligned(domain: string | undefined, fromDomain: string): boolean {
  if (!domain) return false;
  const d = domain.toLowerCase().replace(/^@/, "");
  const at = d.lastIndexOf("@");
  const host = at >= 0 ? d.slice(at + 1) : d;
  // A parent domain counts only with two labels or more: a signature for a bare suffix is no one's.
  return host === fromDomain || host.endsWith(`.${fromDomain}`) || (host.includes(".") && fromDomain.endsWith(`.${host}`));
}

/** `method=result` clauses of one header value, each with its `ptype.property=value` pairs. */
function clauses(header: string): { method: string; result: string; props: Record<string, string> }[] {
  // Comments in parentheses carry no results; the first clause is the server's id.
  const bare = header.replace(/\([^)]*\)/g, " ");
  return bare.split(";").slice(1).flatMap((part) => {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const head = /^([a-z0-9-]+)=([a-z]+)$/i.exec(tokens[0] ?? "");
    if (!head) return [];
    const props: Record<string, string> = {};
    for (const t of tokens.slice(1)) {
      const m = /^([a-z0-9-]+\.[a-z0-9-]+)=(.+)$/i.exec(t);
      if (m) props[m[1]!.toLowerCase()] = m[2]!.replace(/^"|"$/g, "");
    }
    return [{ method: head[1]!.toLowerCase(), result: head[2]!.toLowerCase(), props }];
  });
}

export function senderAuthenticated(authenticationResults: readonly string[], fromAddress: string): boolean {
  const fromDomain = domainOf(fromAddress);
  for (const header of authenticationResults) {
    for (const c of clauses(header)) {
      if (c.result !== "pass") continue;
      if (c.method === "dmarc" && (c.props["header.from"] === undefined || aligned(c.props["header.from"], fromDomain))) return true;
      if (c.method === "dkim" && (aligned(c.props["header.d"], fromDomain) || aligned(c.props["header.i"], fromDomain))) return true;
      if (c.method === "spf" && aligned(c.props["smtp.mailfrom"], fromDomain)) return true;
    }
  }
  return false;
}
