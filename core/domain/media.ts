/**
 * Upload checks: the declared type must be allowed and the bytes must really be of that type
 * (magic numbers), so a renamed script never passes as an image.
 */
import { LIMITS } from "../protocol/limits";

type Sniffer = (b: Uint8Array) => boolean;
const ascii = (b: Uint8Array, at: number, s: string) => [...s].every((ch, i) => b[at + i] === ch.charCodeAt(0));

const SNIFFERS: Record<string, Sniffer> = {
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => b[0] === 0x89 && ascii(b, 1, "PNG"),
  "image/gif": (b) => ascii(b, 0, "GIF8"),
  "image/webp": (b) => ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP"),
  "audio/webm": (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3,
  "audio/ogg": (b) => ascii(b, 0, "OggS"),
  "audio/mpeg": (b) => ascii(b, 0, "ID3") || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0),
  "audio/mp4": (b) => ascii(b, 4, "ftyp"),
  "audio/wav": (b) => ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE"),
};

export const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp",
  "audio/webm": "webm", "audio/ogg": "ogg", "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/wav": "wav",
};

export type MediaCheck = { ok: true; mime: string; family: "image" | "voice" } | { ok: false; code: "unsupported_media_type" | "payload_too_large" | "invalid_input"; message: string };

/** Checks a declared content type, the size and the leading bytes of an upload. */
export function checkUpload(declaredType: string, size: number, head: Uint8Array): MediaCheck {
  const mime = declaredType.split(";")[0]!.trim().toLowerCase();
  const isImage = (LIMITS.imageTypes as readonly string[]).includes(mime);
  const isVoice = (LIMITS.voiceTypes as readonly string[]).includes(mime);
  if (!isImage && !isVoice) {
    return { ok: false, code: "unsupported_media_type", message: `Content-Type ${mime || "(none)"} is not accepted: images ${LIMITS.imageTypes.join(", ")}; voice ${LIMITS.voiceTypes.join(", ")}` };
  }
  const max = isImage ? LIMITS.imageMaxBytes : LIMITS.voiceMaxBytes;
  if (size > max) return { ok: false, code: "payload_too_large", message: `${isImage ? "images" : "voice clips"} may be at most ${max} bytes` };
  if (size === 0) return { ok: false, code: "invalid_input", message: "body: the file is empty" };
  if (!SNIFFERS[mime]!(head)) return { ok: false, code: "unsupported_media_type", message: `body: the bytes are not a ${mime} file` };
  return { ok: true, mime, family: isImage ? "image" : "voice" };
}
