/**
 * Knowledge articles of one shop (the platform's are `shop_id = 'platform'`). Every write goes out
 * in one batch with the FTS rows it changes, so the index never disagrees with the articles.
 */
import { and, asc, desc, eq, inArray, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { knowledgeArticles } from "../schema";
import { runBatch, type RawStatement } from "./d1-batch";
import { deleteFtsRows, ftsRowsOf, insertFtsRows, phrasingRow } from "./knowledge-fts";

export type ArticleRow = typeof knowledgeArticles.$inferSelect;
/** An article as written: everything but the counters and the embedding time. */
export type ArticleWrite = Omit<ArticleRow, "shownCount" | "helpfulCount" | "notHelpfulCount" | "embeddedAt">;

const COLUMNS = [
  ["id", "id"], ["shop_id", "shopId"], ["kind", "kind"], ["question", "question"], ["alt_questions", "altQuestions"], ["answer", "answer"],
  ["answer_html", "answerHtml"], ["tags", "tags"], ["category", "category"], ["product_id", "productId"], ["status", "status"],
  ["valid_from", "validFrom"], ["valid_to", "validTo"], ["created_at", "createdAt"], ["updated_at", "updatedAt"], ["created_by", "createdBy"], ["updated_by", "updatedBy"],
] as const;
// Arrays (alt_questions, tags) are stored as JSON text, the way drizzle's json mode reads them.
const JSON_COLUMNS = new Set(["alt_questions", "tags"]);
const UPSERT = `INSERT INTO knowledge_articles (${COLUMNS.map(([c]) => c).join(", ")})
  SELECT ${COLUMNS.map(([c, k]) => (JSON_COLUMNS.has(c) ? `json(value ->> '$.${k}')` : `value ->> '$.${k}'`)).join(", ")} FROM json_each(?)
  WHERE true ON CONFLICT(id) DO UPDATE SET ${COLUMNS.filter(([c]) => !["id", "shop_id", "created_at", "created_by"].includes(c))
    // updated_at always moves forward, so two edits in one millisecond still read as two versions.
    .map(([c]) => (c === "updated_at" ? "updated_at = max(excluded.updated_at, knowledge_articles.updated_at + 1)" : `${c} = excluded.${c}`))
    .join(", ")} WHERE knowledge_articles.shop_id = excluded.shop_id`;

/** `column IN (…)` through one JSON parameter: D1 binds at most 100 parameters a statement. */
function inJson(column: AnyColumn, values: string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/** JSON size of one write statement's rows: D1 caps a bound string at 2 MB. */
const CHUNK_BYTES = 800_000;

function chunksBySize<T>(items: T[], size: (item: T) => number): T[][] {
  const chunks: T[][] = [[]];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (chunks.at(-1)!.length && bytes + n > CHUNK_BYTES) {
      chunks.push([]);
      bytes = 0;
    }
    chunks.at(-1)!.push(item);
    bytes += n;
  }
  return chunks.filter((c) => c.length);
}

/**
 * Inserts or replaces articles (content only: counters and the embedding time of an existing one
 * stay) and rebuilds their FTS rows, all in one batch (atomic in D1). One JSON parameter per
 * statement, however many rows: D1 binds at most 100 parameters a statement.
 */
export async function writeArticles(db: Database, articles: ArticleWrite[], replacedIds: string[]): Promise<void> {
  if (!articles.length) return;
  const statements: RawStatement[] = [];
  if (replacedIds.length) statements.push(deleteFtsRows(articles[0]!.shopId, replacedIds));
  for (const chunk of chunksBySize(articles, (a) => 3 * (a.question.length + a.altQuestions.join().length + a.answer.length + a.answerHtml.length) + 600)) {
    statements.push({ sql: UPSERT, params: [JSON.stringify(chunk)] });
    for (const rows of chunksBySize(chunk.flatMap(ftsRowsOf), (r) => 3 * (r[3].length + r[4].length) + 80)) statements.push(insertFtsRows(rows));
  }
  await runBatch(db, statements);
}

/** One article of the shop, or undefined. */
export function findArticle(db: Database, shopId: string, id: string): Promise<ArticleRow | undefined> {
  return db.select().from(knowledgeArticles).where(and(eq(knowledgeArticles.shopId, shopId), eq(knowledgeArticles.id, id))).get();
}

/** Shop and creation of those of these ids that exist (in any shop: an import may not take another's id). */
export async function articleOwners(db: Database, ids: string[]): Promise<Map<string, Pick<ArticleRow, "shopId" | "createdAt" | "createdBy">>> {
  if (!ids.length) return new Map();
  const k = knowledgeArticles;
  const rows = await db.select({ id: k.id, shopId: k.shopId, createdAt: k.createdAt, createdBy: k.createdBy }).from(k).where(inJson(k.id, ids)).all();
  return new Map(rows.map(({ id, ...owner }) => [id, owner]));
}

export interface ArticleFilter {
  status?: string;
  kind?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** The shop's articles, newest first, filtered by status, kind and a plain substring. */
export async function listArticles(db: Database, shopId: string, f: ArticleFilter): Promise<{ articles: ArticleRow[]; total: number }> {
  const conditions: SQL[] = [eq(knowledgeArticles.shopId, shopId)];
  if (f.status) conditions.push(eq(knowledgeArticles.status, f.status));
  if (f.kind) conditions.push(eq(knowledgeArticles.kind, f.kind));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(sql`${knowledgeArticles.question} LIKE ${pattern} ESCAPE '\\'`, sql`${knowledgeArticles.altQuestions} LIKE ${pattern} ESCAPE '\\'`, sql`${knowledgeArticles.answer} LIKE ${pattern} ESCAPE '\\'`)!);
  }
  const where = and(...conditions);
  const [articles, count] = await db.batch([
    db.select().from(knowledgeArticles).where(where).orderBy(desc(knowledgeArticles.updatedAt), asc(knowledgeArticles.id)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)` }).from(knowledgeArticles).where(where),
  ]);
  return { articles, total: count[0]?.n ?? 0 };
}

/** Every article of the shop, in a stable order (export). */
export function allArticles(db: Database, shopId: string): Promise<ArticleRow[]> {
  return db.select().from(knowledgeArticles).where(eq(knowledgeArticles.shopId, shopId)).orderBy(asc(knowledgeArticles.createdAt), asc(knowledgeArticles.id)).all();
}

/** Deletes an article and its FTS rows; false when the shop has no such article. */
export async function removeArticle(db: Database, shopId: string, id: string): Promise<boolean> {
  const [deleted] = await runBatch(db, [
    db.delete(knowledgeArticles).where(and(eq(knowledgeArticles.shopId, shopId), eq(knowledgeArticles.id, id))),
    deleteFtsRows(shopId, [id]),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}

/** Publishes or unpublishes (the index keeps drafts: admins preview them). */
export async function setStatus(db: Database, shopId: string, id: string, status: string, by: string | null, now: number): Promise<ArticleRow | undefined> {
  return db.update(knowledgeArticles).set({ status, updatedAt: now, updatedBy: by }).where(and(eq(knowledgeArticles.shopId, shopId), eq(knowledgeArticles.id, id))).returning().get();
}

/** Appends one phrasing to an article and indexes it: no rewrite of the other rows. */
export async function appendPhrasing(db: Database, article: Pick<ArticleRow, "id" | "shopId">, text: string, by: string | null, now: number): Promise<void> {
  await runBatch(db, [
    db.update(knowledgeArticles)
      .set({ altQuestions: sql`json_insert(${knowledgeArticles.altQuestions}, '$[#]', ${text})`, updatedAt: now, updatedBy: by })
      .where(and(eq(knowledgeArticles.shopId, article.shopId), eq(knowledgeArticles.id, article.id))),
    insertFtsRows([phrasingRow(article, text)]),
  ]);
}

/** The counter columns feedback and the bot move. */
export type Counter = "shownCount" | "helpfulCount" | "notHelpfulCount";

/**
 * Adds to a counter of the shop's articles (or the platform's, which any shop shows), by article
 * id, in one statement; ids of other shops' articles change nothing. Returns the rows changed.
 */
export async function addToCounter(db: Database, shopIds: string[], counts: Record<string, number>, counter: Counter): Promise<number> {
  const ids = Object.keys(counts);
  if (!ids.length) return 0;
  const k = knowledgeArticles;
  const by = sql`coalesce((SELECT value FROM json_each(${JSON.stringify(counts)}) WHERE key = ${k.id}), 0)`;
  const rows = await db.update(k).set({ [counter]: sql`${k[counter]} + ${by}` }).where(and(inArray(k.shopId, shopIds), inJson(k.id, ids))).returning({ id: k.id });
  return rows.length;
}

/** Records that these articles' phrasings were embedded (Vectorize path). */
export async function markEmbedded(db: Database, ids: string[], now: number): Promise<void> {
  if (ids.length) await db.update(knowledgeArticles).set({ embeddedAt: now }).where(inJson(knowledgeArticles.id, ids)).run();
}
