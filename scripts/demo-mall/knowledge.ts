/**
 * The demo knowledge base as rows: articles written through the same `toWrite` as the API
 * (Markdown rendered and sanitised), and their FTS rows from the same analyzer.
 */
import { ftsRowsOf, type FtsRow } from "../../worker/db/repos/knowledge-fts";
import type { ArticleWrite } from "../../worker/db/repos/knowledge";
import { knowledgeArticles } from "../../worker/db/schema";
import { toWrite } from "../../worker/services/knowledge/articles";
import { DEMO_ARTICLES } from "./knowledge-data";
import { insertStatements, sqlLiteral } from "./sql";

const DAY = 86_400_000;

export function demoArticles(now: number): ArticleWrite[] {
  return DEMO_ARTICLES.map((a) =>
    toWrite(a.shopId, a.id, {
      kind: a.kind, question: a.question, altQuestions: a.alt, answer: a.answer, tags: a.tags ?? [], category: null, productId: null, status: "published",
      validFrom: a.windowDays ? now + a.windowDays[0] * DAY : null, validTo: a.windowDays ? now + a.windowDays[1] * DAY : null,
    }, { by: null, now }),
  );
}

/** Statements that (re)load the demo articles and their index rows. */
export function demoKnowledgeSql(now: number): string[] {
  const articles = demoArticles(now);
  const ids = articles.map((a) => sqlLiteral(a.id)).join(", ");
  const fts: FtsRow[] = articles.flatMap((a) => ftsRowsOf(a));
  const ftsInserts = fts.map((r) => `INSERT INTO "knowledge_fts" ("article_id", "shop_id", "part", "scope", "question_terms", "answer_terms") VALUES (${r.map(sqlLiteral).join(", ")});`);
  return [`DELETE FROM "knowledge_fts" WHERE "article_id" IN (${ids});`, ...insertStatements(knowledgeArticles, articles), ...ftsInserts];
}
