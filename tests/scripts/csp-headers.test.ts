/**
 * The production build's CSP settings applied to the real web/public/_headers: the mall's
 * origins for framing the widget and its image hosts, and values that would smuggle in another
 * directive refused, naming the variable.
 */
import { describe, expect, it } from "vitest";
import headers from "../../web/public/_headers?raw";
import { applyCspSettings } from "../../scripts/lib/csp-headers";

/** The Content-Security-Policy lines, in order (console, then the widget's two paths). */
const policies = (text: string) => text.split("\n").filter((l) => l.trim().startsWith("Content-Security-Policy:"));

describe("CSP settings of a production build", () => {
  it("leaves the defaults without settings: any page may frame the widget, images from any https host", () => {
    const out = applyCspSettings(headers, {});
    expect(out).toBe(headers);
    expect(policies(out).filter((p) => p.includes("frame-ancestors *"))).toHaveLength(2);
    expect(policies(out).every((p) => p.includes("img-src 'self' data: blob: https:;"))).toBe(true);
  });

  it("lists the mall's origins as the widget's only framers, and keeps the console unframeable", () => {
    const out = policies(applyCspSettings(headers, { frameAncestors: " https://www.mall.example  https://m.mall.example " }));
    expect(out[0]).toContain("frame-ancestors 'none'");
    expect(out.slice(1).every((p) => p.endsWith("frame-ancestors https://www.mall.example https://m.mall.example"))).toBe(true);
  });

  it("limits images to the mall's hosts in the console and the widget alike", () => {
    const out = policies(applyCspSettings(headers, { imageHosts: "https://img.mall.example https://*.cdn.mall.example" }));
    expect(out).toHaveLength(3);
    for (const p of out) {
      expect(p).toContain("img-src 'self' data: blob: https://img.mall.example https://*.cdn.mall.example;");
      expect(p).not.toContain("https:;");
    }
  });

  it("refuses a value that would add a directive or a header, naming the variable", () => {
    expect(() => applyCspSettings(headers, { imageHosts: "https://img.mall.example; script-src *" })).toThrow(/KEFU_IMAGE_HOSTS must be space-separated/);
    expect(() => applyCspSettings(headers, { frameAncestors: "https://a.example\nX-Evil: 1" })).toThrow(/KEFU_WIDGET_FRAME_ANCESTORS must be space-separated/);
    expect(() => applyCspSettings(headers, { frameAncestors: "'unsafe-inline'" })).toThrow(/KEFU_WIDGET_FRAME_ANCESTORS/);
  });
});
