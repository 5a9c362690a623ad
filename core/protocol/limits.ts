/** Size and rate limits, shared so the web can check before sending and the server enforces. */
export const LIMITS = {
  /** Longest text message, in characters. */
  textMaxChars: 2000,
  /** Largest socket frame accepted, in bytes (before parsing). */
  frameMaxBytes: 16 * 1024,
  /** Images: types and size. */
  imageTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"] as const,
  imageMaxBytes: 5 * 1024 * 1024,
  /** Voice clips: types and size. */
  voiceTypes: ["audio/webm", "audio/ogg", "audio/mpeg", "audio/mp4", "audio/wav"] as const,
  voiceMaxBytes: 2 * 1024 * 1024,
  /** Messages a connection may send in a burst, and the refill per second. */
  messageBurst: 20,
  messagesPerSecond: 5,
  /** History page size bounds. */
  historyPageMax: 100,
  /** Messages a reconnect may replay in one frame; more arrive as further pages. */
  syncBatchMax: 200,
} as const;
