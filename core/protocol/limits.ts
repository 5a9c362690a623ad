/** Size and rate limits, shared so the web can check before sending and the server enforces. */
export const LIMITS = {
  /** Longest text message, in characters. */
  textMaxChars: 2000,
  /** Largest room socket frame accepted, in UTF-8 bytes (before parsing); see `utf8Length`. */
  frameMaxBytes: 16 * 1024,
  /** Largest queue (console) socket frame accepted, in UTF-8 bytes. */
  queueFrameMaxBytes: 4 * 1024,
  /** Images: types and size. */
  imageTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"] as const,
  imageMaxBytes: 5 * 1024 * 1024,
  /** Voice clips: types and size. */
  voiceTypes: ["audio/webm", "audio/ogg", "audio/mpeg", "audio/mp4", "audio/wav"] as const,
  voiceMaxBytes: 2 * 1024 * 1024,
  /** Messages a connection may send in a burst, and the refill per second. */
  messageBurst: 20,
  messagesPerSecond: 5,
  /**
   * Messages shoppers on one client address may send together, in a burst and per second: a
   * flooder opening many threads (guest tokens and sockets are limited per address, at 600 a
   * minute each) stays at this rate, while a carrier NAT's many shoppers keep far below it.
   */
  addressMessageBurst: 120,
  addressMessagesPerSecond: 20,
  /** History page size bounds. */
  historyPageMax: 100,
  /** Messages a reconnect may replay in one frame; more arrive as further pages. */
  syncBatchMax: 200,
  /** A satisfaction rating's optional comment (满意度评价), in characters. */
  ratingCommentMaxChars: 200,
} as const;

/**
 * The UTF-8 size of a string in bytes, without encoding it: what a frame costs on the wire and in
 * memory, where `length` counts UTF-16 units (a CJK character is 1 unit but 3 bytes). A lone
 * surrogate counts 3 bytes, as `TextEncoder` would replace it with U+FFFD.
 */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one code point of 4 bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Is a text frame over `maxBytes` in UTF-8? Stops counting once the answer is known. */
export function exceedsUtf8(s: string, maxBytes: number): boolean {
  if (s.length > maxBytes) return true; // every UTF-16 unit is at least one byte
  if (s.length * 3 <= maxBytes) return false; // no unit is more than three bytes
  return utf8Length(s) > maxBytes;
}
