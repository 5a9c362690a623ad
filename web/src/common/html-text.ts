/**
 * An article's sanitised HTML as plain text an agent can put in the composer (the chat sends
 * text, never HTML): paragraphs and list items on their own lines, links as "text (url)".
 * DOMParser builds an inert document: nothing in it runs or loads.
 */
const BLOCKS = new Set(["P", "DIV", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "TR", "BLOCKQUOTE", "PRE", "UL", "OL", "TABLE"]);

function walk(node: Node, out: string[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    out.push(node.textContent ?? "");
    return;
  }
  if (!(node instanceof Element)) return;
  if (node.tagName === "BR") return void out.push("\n");
  const block = BLOCKS.has(node.tagName);
  if (block) out.push("\n");
  if (node.tagName === "LI") out.push(node.parentElement?.tagName === "OL" ? `${[...node.parentElement.children].indexOf(node) + 1}. ` : "• ");
  for (const child of node.childNodes) walk(child, out);
  const href = node.tagName === "A" ? node.getAttribute("href") : null;
  if (href && /^https?:/i.test(href) && href !== node.textContent?.trim()) out.push(` (${href})`);
  if (block) out.push("\n");
}

/** Plain text of sanitised HTML; blank runs collapse to one empty line. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const out: string[] = [];
  walk(doc.body, out);
  return out
    .join("")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
