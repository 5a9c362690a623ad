/**
 * The learning loop's records, as the bot calls them (durable-objects/conversation/knowledge-port):
 * how often an article was shown, what shoppers said of it (the counts shift its ranking), and the
 * questions the bot could not answer, grouped with similar ones, counted, with a few examples.
 */
import { and, eq, sql } from "drizzle-orm";
import { addExample, clusterKey, findCluster } from "../../../core/domain/knowledge";
import { database } from "../../db/client";
import { addToCounter } from "../../db/repos/knowledge";
import { bumpGroup, groupExamples, insertGroup, recentOpenGroups } from "../../db/repos/unanswered";
import { knowledgeArticles } from "../../db/schema";
import { scopesOf } from "./search";

export type UnansweredReason = "no_match" | "not_helpful" | "handoff";
const QUESTION_MAX = 200;

/** Counts showings of articles, by id (the shop's own or the platform's; any other is ignored). */
export async function recordShown(db: D1Database, shopId: string, counts: Record<string, number>): Promise<void> {
  await addToCounter(database(db), scopesOf(shopId), counts, "shownCount");
}

/** Counts a shopper's verdict on an article; the counts shift its ranking a little. */
export async function recordFeedback(db: D1Database, shopId: string, articleId: string, helpful: boolean): Promise<void> {
  await addToCounter(database(db), scopesOf(shopId), { [articleId]: 1 }, helpful ? "helpfulCount" : "notHelpfulCount");
}

/**
 * Adds a question to the shop's unanswered list: into the open group with the same key (wording
 * noise removed) or a similar one, else a new group.
 */
export async function recordUnanswered(db: D1Database, input: { shopId: string; question: string; reason: UnansweredReason; threadId: string | null; now: number }): Promise<void> {
  const question = input.question.trim().slice(0, QUESTION_MAX);
  if (!question) return;
  const d = database(db);
  const key = clusterKey(question);
  const group = findCluster(key, await recentOpenGroups(d, input.shopId));
  if (group) {
    const examples = addExample(await groupExamples(d, input.shopId, group.id), question);
    await bumpGroup(d, input.shopId, group.id, { examples, reason: input.reason, threadId: input.threadId, now: input.now });
    return;
  }
  await insertGroup(d, { id: crypto.randomUUID(), shopId: input.shopId, question, clusterKey: key, reason: input.reason, threadId: input.threadId, now: input.now });
}

/** Whether any published, currently valid article is in scope for the shop (its own or the platform's). */
export async function hasPublishedKnowledge(db: D1Database, shopId: string, now: number): Promise<boolean> {
  const k = knowledgeArticles;
  const row = await database(db)
    .select({ id: k.id })
    .from(k)
    .where(and(sql`${k.shopId} IN (${shopId}, 'platform')`, eq(k.status, "published"), sql`(${k.validFrom} IS NULL OR ${k.validFrom} <= ${now})`, sql`(${k.validTo} IS NULL OR ${k.validTo} > ${now})`))
    .limit(1)
    .get();
  return row !== undefined;
}
