/**
 * The bot's search results for questions it was just asked, remembered per isolate for a short
 * while. A mall's shoppers ask the same few questions all day ("怎么退货", "发票怎么开"); without
 * this each one is a D1 statement: a round trip and a share of the one database's throughput in
 * production, and locally (where D1 runs on the same thread as every room) most of a bot turn.
 *
 * Fresh enough: an article change made through this isolate forgets its shop's results at once (a
 * platform article's, every shop's); other isolates see a change within ANSWER_TTL_MS, which also
 * bounds how late a promotion's validity window is noticed. Agents' assist and the admin preview
 * always search afresh.
 */
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import { LruCache } from "../../../core/lib/lru";

export const ANSWER_TTL_MS = 30_000;
/** Entries kept: each holds at most a handful of hits (a few kB). */
const MAX_ENTRIES = 1_000;

interface Remembered<T> {
  hits: T[];
  at: number;
  /** The shop's and the platform's change counters when the search began. */
  generation: string;
}

const remembered = new LruCache<string, Remembered<unknown>>(MAX_ENTRIES);
const changes = new Map<string, number>();

function generationOf(shopId: string): string {
  return `${changes.get(shopId) ?? 0}:${changes.get(PLATFORM_SHOP_ID) ?? 0}`;
}

/** Same question up to case and spacing. */
function keyOf(shopId: string, query: string): string {
  return `${shopId}\n${query.trim().replace(/\s+/g, " ").toLowerCase()}`;
}

/**
 * The hits for a shop's question: remembered ones while fresh, else `search()`'s (then
 * remembered). The generation is read before searching, so a change landing during the search
 * leaves an entry that is already stale.
 */
export async function rememberedSearch<T>(shopId: string, query: string, now: number, search: () => Promise<T[]>): Promise<T[]> {
  const key = keyOf(shopId, query);
  const generation = generationOf(shopId);
  const hit = remembered.get(key);
  if (hit && hit.generation === generation && now - hit.at < ANSWER_TTL_MS && now >= hit.at) return hit.hits as T[];
  const hits = await search();
  remembered.set(key, { hits, at: now, generation });
  return hits;
}

/** A shop's articles changed (the platform's: every shop's answers may change). */
export function knowledgeChanged(shopId: string): void {
  changes.set(shopId, (changes.get(shopId) ?? 0) + 1);
}
