/**
 * The FTS5 index of knowledge articles (migrations/0003_knowledge_fts.sql): rows derived from an
 * article, the statements that keep them in step with every article write (batched with it: D1
 * has no interactive transactions), and the candidate query of lexical search.
 */
import { indexText } from "../../../core/domain/knowledge";
import type { Database } from "../client";
import type { RawStatement } from "./d1-batch";

/** What the index needs of an article. */
export interface IndexedArticle {
  id: string;
  shopId: string;
  question: string;
  altQuestions: string[];
  answer: string;
  tags: string[];
  category: string | null;
}

/** One FTS row: [articleId, shopId, part, scope, questionTerms, answerTerms]. */
export type FtsRow = [string, string, "q" | "a", string, string, string];

/** The FTS token of a shop scope: hex keeps ids like `a-b` one token that no word can equal. */
export function scopeToken(shopId: string): string {
  return `s${[...new TextEncoder().encode(shopId)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The FTS row of one phrasing (the question or an alternative). */
export function phrasingRow(article: Pick<IndexedArticle, "id" | "shopId">, phrasing: string): FtsRow {
  return [article.id, article.shopId, "q", scopeToken(article.shopId), indexText(phrasing), ""];
}

/** Every FTS row of an article: one per phrasing, one for answer + tags + category. */
export function ftsRowsOf(a: IndexedArticle): FtsRow[] {
  const rows = [a.question, ...a.altQuestions].map((p) => phrasingRow(a, p));
  rows.push([a.id, a.shopId, "a", scopeToken(a.shopId), "", indexText([a.answer, a.tags.join(" "), a.category ?? ""].join("\n"))]);
  return rows;
}

/** Inserts FTS rows in one statement: a JSON array parameter keeps D1's bound-parameter limit away. */
export function insertFtsRows(rows: FtsRow[]): RawStatement {
  return {
    sql: `INSERT INTO knowledge_fts (article_id, shop_id, part, scope, question_terms, answer_terms)
      SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]', value ->> '$[4]', value ->> '$[5]' FROM json_each(?)`,
    params: [JSON.stringify(rows)],
  };
}

/** Removes the FTS rows of these articles of the shop (before re-inserting them, or on delete). */
export function deleteFtsRows(shopId: string, articleIds: string[]): RawStatement {
  return { sql: "DELETE FROM knowledge_fts WHERE shop_id = ? AND article_id IN (SELECT value FROM json_each(?))", params: [shopId, JSON.stringify(articleIds)] };
}

/** Column weights of bm25(): question terms 1, answer terms 0.4, the scope token and UNINDEXED columns 0. */
const BM25 = "bm25(knowledge_fts, 0, 0, 0, 0, 1.0, 0.4)";

/** A matched FTS row with what the rerank needs of its article (and, on its best row, what a hit shows). */
export interface CandidateRow {
  articleId: string;
  shopId: string;
  part: "q" | "a";
  terms: string;
  bm25: number;
  helpful: number;
  notHelpful: number;
  /** Set on the best-ranked row of each article only, so answers travel once. */
  question: string | null;
  answerHtml: string | null;
}

export interface CandidateQuery {
  /** MATCH expression over the term columns (core/domain/knowledge). */
  match: string;
  shopIds: string[];
  statuses: string[];
  now: number;
  limit: number;
}

/**
 * Best-ranked FTS rows (phrasings and answers) of live articles in the given scopes, in one round
 * trip. The scopes are part of the MATCH (only their rows are ever ranked); the best rows are
 * picked inside FTS5, with some to spare, and only those are joined to their articles for status
 * and validity, which keeps a search fast on a large index.
 */
export async function searchCandidates(db: Database, q: CandidateQuery): Promise<CandidateRow[]> {
  const match = `scope : (${q.shopIds.map(scopeToken).join(" OR ")}) AND {question_terms answer_terms} : (${q.match})`;
  const sql = `WITH m AS MATERIALIZED (
      SELECT article_id, shop_id, part, question_terms, ${BM25} AS r FROM knowledge_fts WHERE knowledge_fts MATCH ?1 ORDER BY r LIMIT ?2),
    live AS (
      SELECT m.*, a.helpful_count, a.not_helpful_count, a.question, a.answer_html, row_number() OVER (PARTITION BY m.article_id ORDER BY m.r) AS n
      FROM m JOIN knowledge_articles a ON a.id = m.article_id AND a.shop_id = m.shop_id
      WHERE a.status IN (SELECT value FROM json_each(?3)) AND (a.valid_from IS NULL OR a.valid_from <= ?4) AND (a.valid_to IS NULL OR a.valid_to > ?4))
    SELECT article_id AS articleId, shop_id AS shopId, part, question_terms AS terms, r AS bm25, helpful_count AS helpful, not_helpful_count AS notHelpful,
      CASE WHEN n = 1 THEN question END AS question, CASE WHEN n = 1 THEN answer_html END AS answerHtml
    FROM live ORDER BY r LIMIT ?5`;
  const result = await db.$client.prepare(sql).bind(match, q.limit * 2, JSON.stringify(q.statuses), q.now, q.limit).all<CandidateRow>();
  return result.results;
}
