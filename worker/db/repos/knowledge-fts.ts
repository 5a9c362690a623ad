/**
 * The FTS5 index of knowledge articles (migrations/0003_knowledge_fts.sql): rows derived from an
 * article, the statements that keep them in step with every article write (batched with it: D1
 *  has no interactive transactions). The candidate query of lexical search is in knowledge-candidates.ts.
 */
import { indexText } from "../../../core/domain/knowledge";
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
