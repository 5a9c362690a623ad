/**
 * Grouping the questions the bot could not answer: a key that ignores wording noise (punctuation,
 * function words, word order, variants such as 为啥 / 为什么), and a similarity for joining a new
 * question to an open group whose key differs only a little.
 */
import { analyze } from "./analyze";
import { jaccard, unitsOf } from "./similarity";

/** Unit similarity at or above which two unanswered questions are one group. */
export const CLUSTER_SIMILARITY = 0.6;
const KEY_MAX = 200;

/** The normalised key of a question: its units (characters, stems), sorted and joined. */
export function clusterKey(question: string): string {
  const units = [...unitsOf(analyze(question))].sort();
  const key = units.join(" ").slice(0, KEY_MAX);
  return key || question.normalize("NFKC").trim().toLowerCase().slice(0, KEY_MAX);
}

/** How alike two cluster keys are (Jaccard over their units). */
export function keySimilarity(a: string, b: string): number {
  return jaccard(new Set(a.split(" ")), new Set(b.split(" ")));
}

/** The open group a question belongs to: the same key, else the most similar one above the bar. */
export function findCluster<T extends { clusterKey: string }>(key: string, open: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestScore = CLUSTER_SIMILARITY;
  for (const group of open) {
    if (group.clusterKey === key) return group;
    const score = keySimilarity(key, group.clusterKey);
    if (score >= bestScore) (best = group), (bestScore = score);
  }
  return best;
}

/** Examples kept per group: a few distinct wordings, newest first. */
export function addExample(examples: readonly string[], question: string, max = 5): string[] {
  const text = question.trim();
  return [text, ...examples.filter((e) => e !== text)].slice(0, max);
}
