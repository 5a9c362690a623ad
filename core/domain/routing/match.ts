/**
 * How a keyword list and a category list meet a message and an entry. Kept apart from the rule
 * loop so the matching semantics admins rely on ("ship" is not in "relationship") have one home.
 */
import { hasCjk, normalizeText } from "../text/tokenize";

const patterns = new Map<string, RegExp>();

/**
 * A Latin keyword matches only as whole words: no Latin letter or digit may touch it on either
 * side. A Chinese character may, since Chinese is written without spaces (我的order到了).
 */
function wordPattern(keyword: string): RegExp {
  let re = patterns.get(keyword);
  if (!re) {
    const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    re = new RegExp(`(?<![\\p{Script=Latin}\\p{Nd}])${escaped}(?![\\p{Script=Latin}\\p{Nd}])`, "u");
    // Rules are few and their keywords repeat on every message; a bounded cache keeps it cheap.
    if (patterns.size > 2000) patterns.clear();
    patterns.set(keyword, re);
  }
  return re;
}

/**
 * The keywords (as the admin wrote them) found in the message. Both sides are normalised (NFKC,
 * lower case, collapsed spaces); a keyword holding a Chinese character matches as a substring,
 * since ICU's word splits do not follow shoppers' phrasing; any other keyword matches whole words.
 * `text` must already be normalised with `normalizeText`.
 */
export function findKeywords(text: string, keywords: readonly string[]): string[] {
  return keywords.filter((k) => {
    const key = normalizeText(k);
    if (!key) return false;
    return hasCjk(key) ? text.includes(key) : wordPattern(key).test(text);
  });
}

/**
 * The entry categories a rule's category list covers. A pattern without a slash is a department
 * and covers all its categories (`electronics` covers `electronics/phones`).
 */
export function findCategories(entryCategories: readonly string[], patterns: readonly string[]): string[] {
  return entryCategories.filter((c) => patterns.some((p) => c === p || c.startsWith(`${p}/`)));
}
