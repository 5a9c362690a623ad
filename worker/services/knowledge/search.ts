/**
 * Knowledge search, used by the bot, agent assist and the admin preview. Lexical first (D1 FTS5
 * BM25 over our terms, then a rerank); when Vectorize and Workers AI are bound and the lexical
 * top hit is not already confident, the question is embedded and both rankings are fused (RRF).
 * Only the asking shop's and the platform's articles, only published ones (drafts for an admin
 * preview), only inside their validity window: the candidate query itself enforces all three.
 *
 * Cost: one D1 statement finds and filters the candidates (candidates.ts); what the returned hits
 * show comes from a per-isolate cache checked against the version read with the candidates, or
 * from a second statement for those not cached (display.ts). Pass a `SearchTiming` to learn where
 * the time went (timing.ts).
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
import { searchCandidates, type CandidateRow } from "../../db/repos/knowledge-candidates";
import { displayOf, type Wanted } from "./display";
export { clearDisplayCache as clearSearchCaches } from "./display";
import type { SearchTiming } from "./timing";
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

/** Groups matched FTS rows into one candidate per article; `versions` receives each article's version. */
function groupCandidates(rows: CandidateRow[], versions: Map<string, string>): LexicalCandidate[] {
  const byId = new Map<string, LexicalCandidate>();
  for (const r of rows) {
    let c = byId.get(r.articleId);
    if (!c) {
      c = { articleId: r.articleId, shopId: r.shopId, phrasings: [], questionBm25: null, answerBm25: null, helpful: r.helpful, notHelpful: r.notHelpful };
      byId.set(r.articleId, c);
      versions.set(r.articleId, r.version);
    }
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
 * too few), reranked. `versions` receives the version of each ranked article (display.ts).
 */
export async function lexicalSearch(env: SearchEnv, input: SearchInput, versions: Map<string, string> = new Map(), timing?: SearchTiming): Promise<RankedArticle[]> {
  let t = performance.now();
  const weights = analyze(input.query);
  const pairs = pairExpression(weights);
  const any = matchExpression(weights);
  const statuses = input.includeDrafts ? ["published", "draft"] : ["published"];
  if (timing) timing.analyze = performance.now() - t;
  t = performance.now();
  const found = await searchCandidates(env.DB, { pairs, any, minArticles: MIN_PAIRED_ARTICLES, shopIds: scopesOf(input.shopId), statuses, now: input.now, limit: CANDIDATE_ROWS });
  if (timing) {
    timing.candidates = performance.now() - t;
    timing.statements += found.source === "none" ? 0 : 1;
    timing.source = found.source;
    timing.rows = found.rows.length;
  }
  t = performance.now();
  const ranked = rankCandidates(weights, groupCandidates(found.rows, versions), input.shopId);
  if (timing) timing.rerank = performance.now() - t;
  return ranked;
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

/**
 * The articles whose display the hits need, best first: every vector-only one among the top (it
 * may turn out not to be live) and lexical ones (live: the candidate query checked them) until
 * `limit` of those, since no later one can be among the first `limit` live hits.
 */
function wantedFor(top: Scored[], versions: Map<string, string>, limit: number): Wanted[] {
  const wanted: Wanted[] = [];
  let live = 0;
  for (const s of top) {
    const version = versions.get(s.articleId);
    if (version === undefined) wanted.push({ articleId: s.articleId });
    else if (live < limit) (wanted.push({ articleId: s.articleId, version }), live++);
  }
  return wanted;
}

/** Searches the knowledge base for a shop's question: best first, at most `limit` hits. */
export async function searchKnowledge(env: SearchEnv, input: SearchInput, timing?: SearchTiming): Promise<{ hits: KnowledgeHit[] }> {
  const start = performance.now();
  const limit = input.limit ?? 5;
  const versions = new Map<string, string>();
  const lexical = await lexicalSearch(env, input, versions, timing);
  let scored: Scored[] = lexical.map((r) => ({ articleId: r.articleId, score: Math.round(r.score * 1000) / 1000, confidence: r.confidence, source: "lexical" }));
  const vectors = vectorBindings(env);
  // Embeddings are rate-limited: ask for one only when the words alone are not enough.
  if (vectors && (lexical[0]?.confidence ?? 0) < ANSWER_THRESHOLD) {
    const t = performance.now();
    scored = fuse(lexical, await vectorSearch(vectors, input.query, scopesOf(input.shopId)));
    if (timing) timing.vector = performance.now() - t;
  }
  // Vector matches come from an index that knows nothing of status or validity: those the lexical
  // query did not read (through its filters) are read through the same filters with the display.
  const top = scored.slice(0, limit + 5);
  const statuses = input.includeDrafts ? ["published", "draft"] : ["published"];
  const t = performance.now();
  const { shown, reads } = await displayOf(env.DB, wantedFor(top, versions, limit), { shopIds: scopesOf(input.shopId), statuses, now: input.now });
  if (timing) {
    timing.display = performance.now() - t;
    if (reads) timing.statements++;
  }
  const hits: KnowledgeHit[] = [];
  for (const s of top) {
    const row = shown.get(s.articleId);
    if (row && hits.length < limit) hits.push({ articleId: s.articleId, shopId: row.shopId, question: row.question, answerHtml: row.answerHtml, score: s.score, confidence: s.confidence, source: s.source });
  }
  if (timing) timing.total = performance.now() - start;
  return { hits };
}
