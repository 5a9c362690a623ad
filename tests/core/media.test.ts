import { describe, expect, it } from "vitest";
import { checkUpload } from "../../core/domain/media";

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);
const text = (s: string) => new Uint8Array([...new TextEncoder().encode(s), ...new Array(16).fill(0)]);

describe("upload checks", () => {
  it.each([
    ["image/jpeg", bytes(0xff, 0xd8, 0xff, 0xe0)],
    ["image/png", bytes(0x89, 0x50, 0x4e, 0x47)],
    ["image/gif", text("GIF89a")],
    ["image/webp", text("RIFF\0\0\0\0WEBP")],
    ["audio/webm", bytes(0x1a, 0x45, 0xdf, 0xa3)],
    ["audio/ogg", text("OggS")],
    ["audio/mpeg", text("ID3")],
    ["audio/mp4", text("\0\0\0\x20ftypM4A ")],
    ["audio/wav", text("RIFF\0\0\0\0WAVE")],
  ])("accepts real %s", (type, head) => {
    expect(checkUpload(`${type}; charset=binary`, 100, head)).toMatchObject({ ok: true, mime: type });
  });

  it("refuses mismatched bytes, unknown types, empty and oversized files", () => {
    expect(checkUpload("image/png", 100, text("GIF89a"))).toMatchObject({ ok: false, code: "unsupported_media_type" });
    expect(checkUpload("text/html", 100, text("<html>"))).toMatchObject({ ok: false, code: "unsupported_media_type" });
    expect(checkUpload("image/png", 0, new Uint8Array())).toMatchObject({ ok: false, code: "invalid_input" });
    expect(checkUpload("audio/ogg", 3 * 1024 * 1024, text("OggS"))).toMatchObject({ ok: false, code: "payload_too_large" });
  });
});
