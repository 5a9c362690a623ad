/**
 * Article use-cases: create, update, delete, publish, add a phrasing. The answer is rendered and
 * sanitised here, once; the FTS rows are written in the same batch as the article; with Vectorize
 * bound the phrasings are embedded right after (a failed embedding leaves `embedded_at` empty for
 * a later re-index, and never fails the write).
 */
import { DomainError } from "../../../core/domain/errors";
import { ArticleInput, PhrasingText, type ArticleUpdate } from "../../../core/protocol/knowledge";
import { parseInput } from "../../../core/protocol/validate";
import { database } from "../../db/client";
import { appendPhrasing, findArticle, listArticles, markEmbedded, removeArticle, setStatus, writeArticles, type ArticleFilter, type ArticleRow, type ArticleWrite } from "../../db/repos/knowledge";
import { renderAnswer } from "./render";
import { indexVectors, phrasingsOf, removeVectors, vectorBindings, type PhrasingVector } from "./vector";
import type { SearchEnv } from "./search";
import { knowledgeChanged } from "./answer-cache";

/** Who writes, and when. */
export interface Author {
  by: string | null;
  now: number;
}

/** A validated article as the row to write. */
export function toWrite(shopId: string, id: string, input: ArticleInput, author: Author, createdAt = author.now, createdBy = author.by): ArticleWrite {
  return {
    id, shopId, kind: input.kind, question: input.question, altQuestions: dedupe(input.altQuestions, input.question), answer: input.answer,
    answerHtml: renderAnswer(input.answer), tags: [...new Set(input.tags)], category: input.category, productId: input.productId,
    status: input.status, validFrom: input.validFrom, validTo: input.validTo, createdAt, updatedAt: author.now, createdBy, updatedBy: author.by,
  };
}

/** Phrasings without repeats (nor the question itself), compared as typed after trimming. */
function dedupe(phrasings: string[], question: string): string[] {
  const seen = new Set([question.trim()]);
  return phrasings.filter((p) => !seen.has(p.trim()) && (seen.add(p.trim()), true));
}

/** Embeds written phrasings when Vectorize is bound; a failure is logged and left to a re-index. */
export async function embedPhrasings(env: SearchEnv, items: PhrasingVector[], now: number): Promise<void> {
  const vectors = vectorBindings(env);
  if (!vectors || !items.length) return;
  try {
    await indexVectors(vectors, items);
    await markEmbedded(database(env.DB), [...new Set(items.map((i) => i.articleId))], now);
  } catch (err) {
    console.error("embedding phrasings failed; embedded_at left as it was", items.length, (err as Error).message);
  }
}

/** Creates an article in the shop's scope. */
export async function createArticle(env: SearchEnv, shopId: string, input: ArticleInput, author: Author): Promise<ArticleRow> {
  const row = toWrite(shopId, crypto.randomUUID(), input, author);
  await writeArticles(database(env.DB), [row], []);
  await embedPhrasings(env, phrasingsOf(row), author.now);
  knowledgeChanged(shopId);
  return mustFind(env, shopId, row.id);
}

/** A page of the shop's articles with the total matching the filter. */
export function listArticlesFor(env: SearchEnv, shopId: string, filter: ArticleFilter) {
  return listArticles(database(env.DB), shopId, filter);
}

/** The article, or `not_found` (another shop's article is not found either). */
export async function mustFind(env: SearchEnv, shopId: string, id: string): Promise<ArticleRow> {
  const row = await findArticle(database(env.DB), shopId, id);
  if (!row) throw new DomainError("not_found", `no article ${id} in this shop`);
  return row;
}

/** Applies changed fields; the merged article is validated as a whole (a promotion keeps its window). */
export async function updateArticle(env: SearchEnv, shopId: string, id: string, patch: ArticleUpdate, author: Author): Promise<ArticleRow> {
  const current = await mustFind(env, shopId, id);
  const merged = parseInput(ArticleInput, { ...pickInput(current), ...stripUndefined(patch) });
  if (!merged.ok) throw new DomainError("invalid_input", merged.message, merged.issues);
  const row = toWrite(shopId, id, merged.value, author, current.createdAt, current.createdBy);
  await writeArticles(database(env.DB), [row], [id]);
  await embedPhrasings(env, phrasingsOf(row), author.now);
  const vectors = vectorBindings(env);
  if (vectors) await removeVectors(vectors, id, 1 + row.altQuestions.length, 1 + current.altQuestions.length);
  knowledgeChanged(shopId);
  return mustFind(env, shopId, id);
}

function pickInput(a: ArticleRow) {
  return { kind: a.kind, question: a.question, altQuestions: a.altQuestions, answer: a.answer, tags: a.tags, category: a.category, productId: a.productId, status: a.status, validFrom: a.validFrom, validTo: a.validTo };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Deletes an article, its index rows and its vectors. */
export async function deleteArticle(env: SearchEnv, shopId: string, id: string): Promise<void> {
  const current = await mustFind(env, shopId, id);
  await removeArticle(database(env.DB), shopId, id);
  const vectors = vectorBindings(env);
  if (vectors) await removeVectors(vectors, id, 0, 1 + current.altQuestions.length);
  knowledgeChanged(shopId);
}

/** Publishes or unpublishes. */
export async function setArticleStatus(env: SearchEnv, shopId: string, id: string, status: "draft" | "published", author: Author): Promise<ArticleRow> {
  const row = await setStatus(database(env.DB), shopId, id, status, author.by, author.now);
  knowledgeChanged(shopId);
  if (!row) throw new DomainError("not_found", `no article ${id} in this shop`);
  return row;
}

/**
 * Adds an alternative phrasing to an article (the learning loop: a question the bot missed, or an
 * agent's wording). A phrasing the article already has is accepted and changes nothing.
 */
export async function addPhrasing(env: SearchEnv, input: { shopId: string; articleId: string; text: string; by?: string | null; now: number }): Promise<ArticleRow> {
  const text = parseInput(PhrasingText, input.text);
  if (!text.ok) throw new DomainError("invalid_input", `text: ${text.message}`, text.issues);
  const article = await mustFind(env, input.shopId, input.articleId);
  if (article.question.trim() === text.value || article.altQuestions.some((p) => p.trim() === text.value)) return article;
  await appendPhrasing(database(env.DB), article, text.value, input.by ?? null, input.now);
  const updated = { ...article, altQuestions: [...article.altQuestions, text.value] };
  await embedPhrasings(env, [{ articleId: article.id, shopId: article.shopId, n: updated.altQuestions.length, text: text.value }], input.now);
  knowledgeChanged(article.shopId);
  return updated;
}
