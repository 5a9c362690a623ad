/**
 * Reciprocal rank fusion of the lexical and the vector ranking: each list adds 1 / (k + rank) to
 * an article, so agreement between them lifts it, and neither list's raw scores (BM25 versus
 * cosine) need to be comparable.
 */

/** The usual RRF constant: damps the difference between the very first ranks. */
export const RRF_K = 60;

export interface Fused {
  id: string;
  score: number;
  /** Which lists held the id. */
  in: ("lexical" | "vector")[];
}

/** Fuses two ranked id lists (best first) into one, best first; ties keep the lexical order. */
export function reciprocalRankFusion(lexical: readonly string[], vector: readonly string[], k = RRF_K): Fused[] {
  const fused = new Map<string, Fused>();
  const add = (ids: readonly string[], source: "lexical" | "vector") =>
    ids.forEach((id, rank) => {
      const f = fused.get(id) ?? { id, score: 0, in: [] };
      f.score += 1 / (k + rank + 1);
      f.in.push(source);
      fused.set(id, f);
    });
  add(lexical, "lexical");
  add(vector, "vector");
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/**
 * Confidence of a vector match from its cosine similarity: multilingual embeddings put paraphrases
 * around 0.75-0.9 and unrelated questions under 0.5.
 */
export function vectorConfidence(cosine: number): number {
  return Math.round(Math.min(1, Math.max(0, (cosine - 0.5) / 0.35)) * 1000) / 1000;
}
