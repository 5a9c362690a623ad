/**
 * What the bot needs from the knowledge base, in one place: the room depends on this small
 * interface; the knowledge services implement it.
 */
import { ANSWER_THRESHOLD, SUGGEST_THRESHOLD } from "../../core/domain/knowledge";
import type { KnowledgeHit as SearchHit } from "../../core/protocol/knowledge";
import { searchKnowledge } from "../../worker/services/knowledge/search";
import { rememberedHasKnowledge, rememberedSearch } from "../../worker/services/knowledge/answer-cache";
import { hasPublishedKnowledge, recordFeedback, recordShown, recordUnanswered, type UnansweredReason } from "../../worker/services/knowledge/learning";

/** What the bot reads of a search hit. */
export type KnowledgeHit = Pick<SearchHit, "articleId" | "question" | "answerHtml" | "confidence">;

export interface KnowledgePort {
  /** Whether any published article is in scope (the shop's or the platform's). */
  hasKnowledge(shopId: string): Promise<boolean>;
  search(shopId: string, query: string, now: number): Promise<KnowledgeHit[]>;
  /** Adds showings by article id (the room batches them: shown-counts.ts). */
  shown(shopId: string, counts: Record<string, number>): Promise<void>;
  feedback(shopId: string, articleId: string, helpful: boolean): Promise<void>;
  unanswered(shopId: string, question: string, reason: UnansweredReason, threadId: string, now: number): Promise<void>;
}

/** The thresholds the bot answers and suggests at, as the search calibrated them. */
export const BOT_THRESHOLDS = { answer: ANSWER_THRESHOLD, suggest: SUGGEST_THRESHOLD };

/**
 * One port per set of bindings: a bot turn asks for it two or three times, and building its
 * closures each time was ~6 % of what the rooms allocate under `npm run bench` (a sampling heap
 * profile), allocations that end in the young-generation collections behind the latency tail.
 */
const ports = new WeakMap<Env, KnowledgePort>();

export function knowledgePort(env: Env): KnowledgePort {
  let port = ports.get(env);
  if (!port) ports.set(env, (port = makePort(env)));
  return port;
}

function makePort(env: Env): KnowledgePort {
  return {
    // Asked at every greeting and session open; articles change rarely (answer-cache.ts).
    hasKnowledge: (shopId) => {
      const now = Date.now();
      return rememberedHasKnowledge(shopId, now, () => hasPublishedKnowledge(env.DB, shopId, now));
    },
    // Frequent questions repeat all day: a fresh enough result is reused (answer-cache.ts).
    search: (shopId, query, now) => rememberedSearch(shopId, query, now, async () => (await searchKnowledge(env, { shopId, query, now, limit: 5 })).hits),
    shown: (shopId, counts) => recordShown(env.DB, shopId, counts),
    feedback: (shopId, articleId, helpful) => recordFeedback(env.DB, shopId, articleId, helpful),
    unanswered: (shopId, question, reason, threadId, now) => recordUnanswered(env.DB, { shopId, question, reason, threadId, now }),
  };
}
