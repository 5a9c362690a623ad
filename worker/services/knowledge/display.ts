/**
 * What a search hit shows of an article (its shop, question and rendered answer), read only for
 * the hits a search returns, never for every candidate: answers may be several kB each, and the
 * rerank needs none of them.
 *
 * A per-isolate cache keeps recently shown articles. A lexical candidate carries its article's
 * version (updated_at and the byte lengths of question and answer, read with the candidate rows
 * in the same statement), and a cached copy is used only when its version is the same. Every
 * write moves `updated_at` forward (at least 1 ms past the stored one: repos/knowledge.ts), so an
 * edit in any isolate changes the version. Status and validity are never cached: the candidate statement checks them
 * on every search. Hits without a current cached copy (and vector hits, which carry no version)
 * are read in one statement, through the same shop, status and validity filters.
 */
import { LruCache } from "../../../core/lib/lru";

/** What a hit shows. */
export interface Shown {
  shopId: string;
  question: string;
  answerHtml: string;
}

interface Cached extends Shown {
  version: string;
}

/** About 2 MB of UTF-16 text per isolate. */
const CACHE_CHARS = 1_000_000;
const cache = new LruCache<string, Cached>(CACHE_CHARS, (c) => 64 + c.question.length + c.answerHtml.length);

/** An article wanted for display: its id and, for a lexical hit, the version read with it. */
export interface Wanted {
  articleId: string;
  version?: string;
}

export interface DisplayFilter {
  shopIds: string[];
  statuses: string[];
  now: number;
}

const READ = `SELECT id AS articleId, shop_id AS shopId, question, answer_html AS answerHtml,
    updated_at || ':' || octet_length(question) || ':' || octet_length(answer_html) AS version
  FROM knowledge_articles
  WHERE id IN (SELECT value FROM json_each(?1)) AND shop_id IN (SELECT value FROM json_each(?2))
    AND status IN (SELECT value FROM json_each(?3)) AND (valid_from IS NULL OR valid_from <= ?4) AND (valid_to IS NULL OR valid_to > ?4)`;

/**
 * What each wanted article shows, from the cache when current, else read (one statement for all
 * the others). An article absent from the result is not live in these scopes.
 * `reads` counts the articles that had to be read.
 */
export async function displayOf(d1: D1Database, wanted: Wanted[], filter: DisplayFilter): Promise<{ shown: Map<string, Shown>; reads: number }> {
  const shown = new Map<string, Shown>();
  const missing: string[] = [];
  for (const w of wanted) {
    const hit = w.version === undefined ? undefined : cache.get(w.articleId);
    if (hit && hit.version === w.version) shown.set(w.articleId, hit);
    else missing.push(w.articleId);
  }
  if (missing.length) {
    const { results } = await d1.prepare(READ).bind(JSON.stringify(missing), JSON.stringify(filter.shopIds), JSON.stringify(filter.statuses), filter.now).all<Cached & { articleId: string }>();
    for (const { articleId, ...row } of results) {
      cache.set(articleId, row);
      shown.set(articleId, { shopId: row.shopId, question: row.question, answerHtml: row.answerHtml });
    }
  }
  return { shown, reads: missing.length };
}

/** Empties the cache (tests and benchmarks that compare cold and warm searches). */
export function clearDisplayCache(): void {
  cache.clear();
}
