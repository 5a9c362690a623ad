/**
 * Idempotency keys for `message.send` (the protocol's ClientId: 8-64 of [A-Za-z0-9_-]).
 * `crypto.randomUUID` exists only in secure contexts, so a phone testing the widget over plain
 * http on the LAN falls back to `getRandomValues`, which exists everywhere.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
