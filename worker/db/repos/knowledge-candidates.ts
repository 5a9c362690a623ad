/**
 * The candidate query of lexical search: one D1 statement, so one round trip, whatever the
 * question. It ranks the rows sharing two terms with the question (`pairs`); only when those come
 * from fewer than `minArticles` live articles does the same statement rank the rows sharing one
 * (`any`) instead. The second MATCH expression is itself chosen inside the statement, after the
 * first scan: when the pairs are enough it is a token no row holds, so FTS5 skips that scan rather
 * than walking every row that shares a word with the question only to discard it.
 *
 * Each FTS5 scan reads only rowids and BM25 and keeps the best rows (`ORDER BY … LIMIT` with some
 * to spare for drafts and expired articles); only those rows are looked up for their terms and
 * joined to their articles for shop, status and validity. Answers are not read here (display.ts
 * reads what the returned hits show): the rerank needs ids, terms, BM25 and counters only.
 *
 * Scopes: each shop's scope token (knowledge-fts.ts) is ANDed into the MATCH, so only the asking
 * shop's and the platform's rows are scanned and ranked; the join checks the article's shop against
 * the same list as well, so tenancy never rests on what a row's terms happen to be.
 */
import { scopeToken } from "./knowledge-fts";

/** Column weights of bm25(): question terms 1, answer terms 0.4, the scope token and UNINDEXED columns 0. */
const BM25 = "bm25(knowledge_fts, 0, 0, 0, 0, 1.0, 0.4)";

/** The scope column holding an empty shop id's token: no row has one, so this MATCH finds nothing, at the cost of one lookup. */
const MATCH_NOTHING = `scope : ${scopeToken("")}`;

/** A matched FTS row (a phrasing or an answer) with what the rerank needs of its article. */
export interface CandidateRow {
  articleId: string;
  shopId: string;
  part: "q" | "a";
  /** Our terms of the phrasing, space-separated ('' on an answer row). */
  terms: string;
  bm25: number;
  helpful: number;
  notHelpful: number;
  /**
   * The article's `updated_at` and the byte lengths of its question and answer HTML: a cached copy
   * of what a hit shows is used only while this is unchanged (display.ts).
   */
  version: string;
}

export interface CandidateQuery {
  /** MATCH expression of the rows sharing two terms (core/domain/knowledge `pairExpression`), if any. */
  pairs: string | null;
  /** MATCH expression of the rows sharing one term (`matchExpression`), if any. */
  any: string | null;
  /** `pairs` is enough when its rows come from at least this many live articles. */
  minArticles: number;
  shopIds: string[];
  statuses: string[];
  now: number;
  /** Most rows returned (FTS5 keeps twice as many before the shop, status and validity filter). */
  limit: number;
}

/** Which expression the rows came from. */
export type CandidateSource = "pairs" | "any" | "none";

/**
 * One FTS5 scan as two CTEs: `<name>m`, the best rowids and BM25 of the MATCH `match`, and
 * `<name>`, those rows with their terms, of live articles of the scopes, best first.
 * Parameters: ?3 rows kept by FTS5, ?4 statuses (JSON), ?5 now, ?6 rows returned, ?7 shop ids (JSON).
 */
function scan(name: string, match: string): string {
  return `${name}m AS MATERIALIZED (
      SELECT rowid AS fts, ${BM25} AS r FROM knowledge_fts WHERE knowledge_fts MATCH ${match} ORDER BY r, rowid LIMIT ?3),
    ${name} AS MATERIALIZED (
      SELECT f.article_id AS articleId, f.shop_id AS shopId, f.part AS part, f.question_terms AS terms, ${name}m.r AS bm25,
        a.helpful_count AS helpful, a.not_helpful_count AS notHelpful,
        a.updated_at || ':' || octet_length(a.question) || ':' || octet_length(a.answer_html) AS version
      FROM ${name}m JOIN knowledge_fts f ON f.rowid = ${name}m.fts JOIN knowledge_articles a ON a.id = f.article_id AND a.shop_id = f.shop_id
      WHERE a.shop_id IN (SELECT value FROM json_each(?7)) AND a.status IN (SELECT value FROM json_each(?4))
        AND (a.valid_from IS NULL OR a.valid_from <= ?5) AND (a.valid_to IS NULL OR a.valid_to > ?5)
      ORDER BY ${name}m.r, ${name}m.fts LIMIT ?6)`;
}

/**
 * The rows of a scan CTE as one JSON array of arrays (one value crosses from D1 instead of 160
 * row objects, which is measurably cheaper); BM25 through quote(), which keeps every bit of the
 * double where JSON's own rendering keeps 15 digits.
 */
const rowsOf = (name: string) =>
  `(SELECT json_group_array(json_array(articleId, shopId, part, terms, quote(bm25), helpful, notHelpful, version)) FROM ${name})`;

/** One expression: ?1. */
const ONE = `WITH ${scan("c", "?1")} SELECT ${rowsOf("c")} AS rows`;

/** Pairs (?1), then, only when they find fewer than ?8 articles, any term (?2). */
const TWO = `WITH ${scan("p", "?1")},
    enough AS MATERIALIZED (SELECT count(DISTINCT articleId) >= ?8 AS yes FROM p),
    ${scan("o", `(SELECT CASE WHEN yes THEN '${MATCH_NOTHING}' ELSE ?2 END FROM enough)`)}
  SELECT CASE WHEN yes THEN 'pairs' ELSE 'any' END AS source, CASE WHEN yes THEN ${rowsOf("p")} ELSE ${rowsOf("o")} END AS rows FROM enough`;

type WireRow = [string, string, "q" | "a", string, string, number, number, string];

function parseRows(json: string | null | undefined): CandidateRow[] {
  return (JSON.parse(json ?? "[]") as WireRow[]).map(([articleId, shopId, part, terms, bm25, helpful, notHelpful, version]) => ({
    articleId, shopId, part, terms, bm25: Number(bm25), helpful, notHelpful, version,
  }));
}

/**
 * The MATCH of an expression within the scopes: only these shops' rows are scanned. No column
 * filters: a scope token ('s' and hex) lives only in the scope column and our terms only in the
 * term columns, so a filter would change nothing but cost FTS5 a look at the position list of
 * every row it walks (the scope's tens of thousands included, for BM25's document frequencies).
 */
function scoped(shopIds: string[], expression: string): string {
  return `(${shopIds.map(scopeToken).join(" OR ")}) AND (${expression})`;
}

/** Best-ranked rows of live articles in the given scopes, in one statement (one round trip). */
export async function searchCandidates(d1: D1Database, q: CandidateQuery): Promise<{ rows: CandidateRow[]; source: CandidateSource }> {
  const common = [q.limit * 2, JSON.stringify(q.statuses), q.now, q.limit, JSON.stringify(q.shopIds)];
  if (q.pairs && q.any) {
    const row = await d1.prepare(TWO).bind(scoped(q.shopIds, q.pairs), scoped(q.shopIds, q.any), ...common, q.minArticles).first<{ source: "pairs" | "any"; rows: string }>();
    return { rows: parseRows(row?.rows), source: row?.source ?? "any" };
  }
  const only = q.pairs ?? q.any;
  if (!only) return { rows: [], source: "none" };
  const row = await d1.prepare(ONE).bind(scoped(q.shopIds, only), null, ...common).first<{ rows: string }>();
  return { rows: parseRows(row?.rows), source: q.pairs ? "pairs" : "any" };
}
