/**
 * The production build's Content-Security-Policy settings (vite.config.ts applies them to
 * web/dist/_headers): which mall pages may frame the widget (KEFU_WIDGET_FRAME_ANCESTORS) and
 * which hosts images may come from (KEFU_IMAGE_HOSTS, e.g. the mall's CDN), instead of the
 * defaults `frame-ancestors *` and `img-src … https:`. Pure, so a test can hold it.
 */

export interface CspSettings {
  /** Space-separated origins that may frame the widget. */
  frameAncestors?: string;
  /** Space-separated hosts or origins images may load from, besides our own, data: and blob:. */
  imageHosts?: string;
}

const DEFAULT_FRAME_ANCESTORS = "frame-ancestors *";
const DEFAULT_IMG_SRC = "img-src 'self' data: blob: https:";

/** `_headers` with the settings applied; throws naming the variable when a value is not a list of origins. */
export function applyCspSettings(headers: string, settings: CspSettings): string {
  let out = headers;
  const frame = checked("KEFU_WIDGET_FRAME_ANCESTORS", settings.frameAncestors);
  if (frame) out = replaceAll(out, DEFAULT_FRAME_ANCESTORS, `frame-ancestors ${frame}`);
  const images = checked("KEFU_IMAGE_HOSTS", settings.imageHosts);
  if (images) out = replaceAll(out, DEFAULT_IMG_SRC, `img-src 'self' data: blob: ${images}`);
  return out;
}

/** Origins and host patterns only: a ';', a quote or a line break would smuggle in another directive or header. */
function checked(name: string, value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (!/^[A-Za-z0-9:/.*\- ]+$/.test(v)) throw new Error(`${name} must be space-separated origins or hosts (e.g. https://img.mall.example), got: ${v}`);
  return v.split(/\s+/).join(" ");
}

function replaceAll(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`_headers no longer contains "${from}": update scripts/lib/csp-headers.ts`);
  return text.replaceAll(from, to);
}
