/**
 * What a shopper newly wrote in a mail: the quoted history a mail client appends under a reply
 * (our own earlier answers, already in the thread) and the signature are cut, so the thread shows
 * the new words only. Clients mark the history differently; these are the common ones, Chinese
 * clients' included (QQ 邮箱, 网易, Foxmail, Outlook, Gmail, Apple Mail).
 */

/** A line that starts the quoted history (everything from it on is dropped). */
const HISTORY_MARKERS: readonly RegExp[] = [
  /^On .{4,200}wrote:\s*$/i, // Gmail, Apple Mail
  /^在\s?.{2,200}写道\s?[:：]\s*$/, // Gmail and Apple Mail in Chinese
  /^-{2,}\s*(Original Message|原始邮件|原始郵件|Forwarded message|转发的邮件)\s*-{2,}\s*$/i, // Outlook, QQ, 网易
  /^_{5,}\s*$/, // Outlook's rule before the quoted header
  /^(From|发件人|發件人)\s?[:：]\s?.+$/i, // a quoted header block without a rule before it
];

/** Sends the text before the quoted history and signature; blank when the mail said nothing new. */
export function newTextOf(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (const line of lines) {
    if (line === "-- " || line === "--") break; // the signature separator (RFC 3676)
    if (HISTORY_MARKERS.some((m) => m.test(line.trim()))) break;
    if (/^\s*>/.test(line)) continue; // quoted lines interleaved with the answer
    kept.push(line);
  }
  return kept.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** The subject an answer carries: the shopper's, marked as a reply once. */
export function replySubject(subject: string | undefined, fallback: string): string {
  const s = (subject ?? "").replace(/\s+/g, " ").trim();
  if (!s) return fallback;
  return /^(re|回复|答复|aw)\s?[:：]/i.test(s) ? s : `Re: ${s}`;
}

/** A text cut to `max` characters, marked when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
