/**
 * Knowledge search, used by the bot, agent assist and the admin preview. Lexical first (D1 FTS5
 * BM25 over our terms, then a rerank); when Vectorize and Workers AI are bound and the lexical
 * top hit is not already confident, the question is embedded and both rankings are fused (RRF).
 * Only the asking shop's and the platform's articles, only published ones (drafts for an admin
 * preview), only inside their validity window: the candidate query itself enforces all three.
 */
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import type { KnowledgeHit } from "../../../core/protocol/knowledge";
import {
  ANSWER_THRESHOLD,
  analyze,
  matchExpression,
  pairExpression,
  rankCandidates,
  reciprocalRankFusion,
  vectorConfidence,
  weightsOfIndexed,
  type LexicalCandidate,
  type RankedArticle,
} from "../../../core/domain/knowledge";
import { database } from "../../db/client";
import { liveArticles } from "../../db/repos/knowledge";
import { searchCandidates, type CandidateRow } from "../../db/repos/knowledge-fts";
import { vectorBindings, vectorSearch, type VectorMatch } from "./vector";

/** FTS rows (phrasings and answers) read per question for the rerank. */
const CANDIDATE_ROWS = 160;
/** Fewer articles than this sharing two terms with the question: look for those sharing one. */
const MIN_PAIRED_ARTICLES = 5;

export interface SearchEnv {
  DB: D1Database;
  VECTORIZE?: VectorizeIndex;
  AI?: Ai;
}

export interface SearchInput {
  shopId: string;
  query: string;
  limit?: number;
  now: number;
  /** Admin preview: drafts are ranked too. */
  includeDrafts?: boolean;
}

export type { KnowledgeHit } from "../../../core/protocol/knowledge";

/** The scopes a shop's question may be answered from: its own, then the platform's. */
export function scopesOf(shopId: string): string[] {
  return shopId === PLATFORM_SHOP_ID ? [PLATFORM_SHOP_ID] : [shopId, PLATFORM_SHOP_ID];
}

/** What a hit shows of an article, as read with the candidates. */
type Shown = Map<string, { shopId: string; question: string; answerHtml: string }>;

/** Groups matched FTS rows into one candidate per article, and keeps what each hit shows. */
function groupCandidates(rows: CandidateRow[], shown: Shown = new Map()): LexicalCandidate[] {
  const byId = new Map<string, LexicalCandidate>();
  for (const r of rows) {
    let c = byId.get(r.articleId);
    if (!c) {
      c = { articleId: r.articleId, shopId: r.shopId, phrasings: [], questionBm25: null, answerBm25: null, helpful: r.helpful, notHelpful: r.notHelpful };
      byId.set(r.articleId, c);
    }
    if (r.question !== null && r.answerHtml !== null) shown.set(r.articleId, { shopId: r.shopId, question: r.question, answerHtml: r.answerHtml });
    if (r.part === "a") c.answerBm25 = Math.min(c.answerBm25 ?? 0, r.bm25);
    else {
      c.phrasings.push(weightsOfIndexed(r.terms));
      c.questionBm25 = Math.min(c.questionBm25 ?? 0, r.bm25);
    }
  }
  return [...byId.values()];
}

/**
 * Lexical ranking: FTS5 candidates sharing two terms with the question (or one, when that finds
 * too few), reranked. `shown` receives what each ranked article's hit shows.
 */
export async function lexicalSearch(env: SearchEnv, input: SearchInput, shown: Shown = new Map()): Promise<RankedArticle[]> {
  const weights = analyze(input.query);
  const statuses = input.includeDrafts ? ["published", "draft"] : ["published"];
  const query = { shopIds: scopesOf(input.shopId), statuses, now: input.now, limit: CANDIDATE_ROWS };
  const db = database(env.DB);
  let candidates: LexicalCandidate[] = [];
  const pairs = pairExpression(weights);
  if (pairs) candidates = groupCandidates(await searchCandidates(db, { ...query, match: pairs }), shown);
  const any = candidates.length < MIN_PAIRED_ARTICLES ? matchExpression(weights) : null;
  if (any) candidates = groupCandidates(await searchCandidates(db, { ...query, match: any }), shown);
  return rankCandidates(weights, candidates, input.shopId);
}

interface Scored {
  articleId: string;
  score: number;
  confidence: number;
  source: KnowledgeHit["source"];
}

/** Fuses the lexical and vector rankings; confidence is the better of the two sources' own. */
function fuse(lexical: RankedArticle[], vector: VectorMatch[]): Scored[] {
  const lex = new Map(lexical.map((r) => [r.articleId, r]));
  const vec = new Map(vector.map((m) => [m.articleId, m]));
  return reciprocalRankFusion(lexical.map((r) => r.articleId), vector.map((m) => m.articleId)).map((f) => {
    const confidence = Math.max(lex.get(f.id)?.confidence ?? 0, vectorConfidence(vec.get(f.id)?.score ?? 0));
    const source = f.in.length === 2 ? "both" : f.in[0]!;
    return { articleId: f.id, score: Math.round(f.score * 1e5) / 1e5, confidence, source };
  });
}

/** Searches the knowledge base for a shop's question: best first, at most `limit` hits. */
export async function searchKnowledge(env: SearchEnv, input: SearchInput): Promise<{ hits: KnowledgeHit[] }> {
  const limit = input.limit ?? 5;
  const shown: Shown = new Map();
  const lexical = await lexicalSearch(env, input, shown);
  let scored: Scored[] = lexical.map((r) => ({ articleId: r.articleId, score: Math.round(r.score * 1000) / 1000, confidence: r.confidence, source: "lexical" }));
  const vectors = vectorBindings(env);
  // Embeddings are rate-limited: ask for one only when the words alone are not enough.
  if (vectors && (lexical[0]?.confidence ?? 0) < ANSWER_THRESHOLD) {
    scored = fuse(lexical, await vectorSearch(vectors, input.query, scopesOf(input.shopId)));
  }
  // Vector matches come from an index that knows nothing of status or validity: those the lexical
  // query did not already read (through its filters) are read back through the same filters.
  const top = scored.slice(0, limit + 5);
  const missing = top.filter((s) => !shown.has(s.articleId)).map((s) => s.articleId);
  const statuses = input.includeDrafts ? ["published", "draft"] : ["published"];
  for (const row of await liveArticles(database(env.DB), missing, scopesOf(input.shopId), statuses, input.now)) shown.set(row.id, row);
  const hits: KnowledgeHit[] = [];
  for (const s of top) {
    const row = shown.get(s.articleId);
    if (row && hits.length < limit) hits.push({ articleId: s.articleId, shopId: row.shopId, question: row.question, answerHtml: row.answerHtml, score: s.score, confidence: s.confidence, source: s.source });
  }
  return { hits };
}
