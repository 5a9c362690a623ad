/**
 * The production half of knowledge search: multilingual embeddings (Workers AI, bge-m3) in a
 * Vectorize index, one vector per phrasing, with the article and its shop as metadata. Articles
 * are embedded once, when written; a question only when lexical search is not already sure, and a
 * repeated question comes from an in-memory cache. Locally neither binding exists and none of
 * this runs (wrangler.toml binds them only in [env.production]).
 */
import { canonicalText } from "../../../core/domain/knowledge";
import { LruCache } from "../../../core/lib/lru";

export const EMBEDDING_MODEL = "@cf/baai/bge-m3";
/** Texts per embedding call: keeps each Workers AI request small. */
const EMBED_BATCH = 50;
/** Vectors asked of Vectorize per question (several may belong to one article). */
const VECTOR_TOP_K = 20;

/** The bindings of the vector path: both, or it is off. */
export interface VectorBindings {
  VECTORIZE: VectorizeIndex;
  AI: Ai;
}

export interface VectorMatch {
  articleId: string;
  /** Cosine similarity of the best phrasing of the article. */
  score: number;
}

const queryCache = new LruCache<string, number[]>(500);

/** The vector bindings when both are bound (production), else null. */
export function vectorBindings(env: { VECTORIZE?: VectorizeIndex; AI?: Ai }): VectorBindings | null {
  return env.VECTORIZE && env.AI ? { VECTORIZE: env.VECTORIZE, AI: env.AI } : null;
}

/** Embeddings of texts, in order. */
export async function embed(ai: Ai, texts: string[]): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    const result = (await ai.run(EMBEDDING_MODEL, { text: texts.slice(i, i + EMBED_BATCH) })) as { data?: number[][] };
    if (!result.data || result.data.length !== Math.min(EMBED_BATCH, texts.length - i)) throw new Error("embedding model returned no vectors");
    out.push(...result.data);
  }
  return out;
}

/** A question's embedding, cached by its canonical words (asked again, with other punctuation, is free). */
async function questionVector(ai: Ai, question: string): Promise<number[]> {
  const key = canonicalText(question).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const cached = queryCache.get(key);
  if (cached) return cached;
  const [vector] = await embed(ai, [question]);
  queryCache.set(key, vector!);
  return vector!;
}

/** Best vector match per article among the shop scopes, best first. */
export async function vectorSearch(b: VectorBindings, question: string, shopIds: string[]): Promise<VectorMatch[]> {
  const vector = await questionVector(b.AI, question);
  // The shop filter needs a metadata index on shopId (see docs): scope is enforced in the index,
  // and again when the articles are read from D1.
  const result = await b.VECTORIZE.query(vector, { topK: VECTOR_TOP_K, filter: { shopId: { $in: shopIds } }, returnMetadata: "none" });
  const best = new Map<string, number>();
  for (const m of [...result.matches].sort((x, y) => y.score - x.score)) {
    const articleId = m.id.slice(0, m.id.lastIndexOf("#"));
    if (articleId && !best.has(articleId)) best.set(articleId, m.score);
  }
  return [...best].map(([articleId, score]) => ({ articleId, score })).sort((a, b) => b.score - a.score);
}

/** Vector id of an article's n-th phrasing (0: the question). */
export const vectorId = (articleId: string, n: number) => `${articleId}#${n}`;

/** One phrasing to embed: the n-th of an article (0: the question). */
export interface PhrasingVector {
  articleId: string;
  shopId: string;
  n: number;
  text: string;
}

/** Every phrasing of an article, numbered as its vectors are. */
export function phrasingsOf(a: { id: string; shopId: string; question: string; altQuestions: string[] }): PhrasingVector[] {
  return [a.question, ...a.altQuestions].map((text, n) => ({ articleId: a.id, shopId: a.shopId, n, text }));
}

/** Embeds phrasings and upserts their vectors, with article and shop as metadata. */
export async function indexVectors(b: VectorBindings, items: PhrasingVector[]): Promise<void> {
  if (!items.length) return;
  const vectors = await embed(b.AI, items.map((i) => i.text));
  await b.VECTORIZE.upsert(items.map((item, k) => ({ id: vectorId(item.articleId, item.n), values: vectors[k]!, metadata: { articleId: item.articleId, shopId: item.shopId } })));
}

/** Removes the vectors of an article's phrasings numbered from..to-1. */
export async function removeVectors(b: VectorBindings, articleId: string, from: number, to: number): Promise<void> {
  if (to > from) await b.VECTORIZE.deleteByIds(Array.from({ length: to - from }, (_, i) => vectorId(articleId, from + i)));
}
