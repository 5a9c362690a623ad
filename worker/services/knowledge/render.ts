/**
 * Article answers: Markdown rendered to HTML once, on write, then sanitised with js-xss (pure
 * JavaScript, runs in Workers) against a small allow-list, so no script, event handler or
 * `javascript:` URL from an article, an import or a pasted reply can reach a shopper's widget.
 */
import { Marked } from "marked";
import * as xss from "xss";

// js-xss is CommonJS: Node names its exports, the Workers bundle puts them under `default`.
const { FilterXSS } = (xss as unknown as { default?: typeof xss }).default ?? xss;
const marked = new Marked({ gfm: true, breaks: true, async: false });

const TEXT = ["p", "br", "hr", "strong", "b", "em", "i", "u", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr"];
const CELL = ["align", "colspan", "rowspan"];
const SAFE_URL = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

const filter = new FilterXSS({
  whiteList: {
    ...Object.fromEntries(TEXT.map((tag) => [tag, []])),
    th: CELL,
    td: CELL,
    a: ["href", "title"],
    img: ["src", "alt", "title", "width", "height"],
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style", "iframe", "object", "embed", "noscript", "template"],
  safeAttrValue(_tag, name, value) {
    // Links and images: an allow-list of schemes (web, mail, phone, same-site paths), so encoded
    // or split `javascript:` never passes; every value is then escaped for its quotes.
    if ((name === "href" || name === "src") && !SAFE_URL.test(value.trim())) return "";
    return value.replace(/&(?![a-z]+;|#\d+;)/gi, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  },
});

/** Markdown (raw HTML allowed in it) → sanitised HTML. */
export function renderAnswer(markdown: string): string {
  const safe = filter.process(marked.parse(markdown) as string).trim();
  // Links leave the widget: a new tab that gets no window.opener. Safe to add after filtering,
  // where every literal '<' of text is already escaped, so '<a ' is only ever a real link.
  return safe.replace(/<a /g, '<a target="_blank" rel="noopener noreferrer nofollow" ');
}
