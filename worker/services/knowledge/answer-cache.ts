/**
 * What the bot remembers of the knowledge base per isolate, for a short while: the search results
 * for questions it was just asked, and whether a shop has any knowledge at all (read on every
 * session open and greeting). A mall's shoppers ask the same few questions all day ("怎么退货",
 * "发票怎么开"); without this each one is a D1 statement: a round trip and a share of the one
 * database's throughput in production, and locally (where D1 runs on the same thread as every
 * room) most of a bot turn.
 *
 * Fresh enough: an article change made through this isolate forgets its shop's results at once (a
 * platform article's, every shop's); other isolates see a change within ANSWER_TTL_MS, which also
 * bounds how late a promotion's validity window is noticed. Agents' assist and the admin preview
 * always search afresh.
 */
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import { ChangeCounts, FreshMemo } from "../../../core/lib/fresh-memo";

export const ANSWER_TTL_MS = 30_000;
/** Entries kept: each holds at most a handful of hits (a few kB). */
const MAX_ENTRIES = 1_000;
/** Shops whose "has knowledge" is kept: a boolean each. */
const MAX_SHOPS = 10_000;

const remembered = new FreshMemo<unknown[]>(ANSWER_TTL_MS, MAX_ENTRIES);
const hasKnowledge = new FreshMemo<boolean>(ANSWER_TTL_MS, MAX_SHOPS);
const changes = new ChangeCounts();

/** The shop's and the platform's change counters. */
function generationOf(shopId: string): string {
  return `${changes.of(shopId)}:${changes.of(PLATFORM_SHOP_ID)}`;
}

/** Same question up to case and spacing. */
function keyOf(shopId: string, query: string): string {
  return `${shopId}\n${query.trim().replace(/\s+/g, " ").toLowerCase()}`;
}

/** The hits for a shop's question: remembered ones while fresh, else `search()`'s (then remembered). */
export function rememberedSearch<T>(shopId: string, query: string, now: number, search: () => Promise<T[]>): Promise<T[]> {
  return remembered.get(keyOf(shopId, query), generationOf(shopId), now, search) as Promise<T[]>;
}

/** Whether the shop has published knowledge (its own or the platform's): remembered while fresh, else `check()`'s. */
export function rememberedHasKnowledge(shopId: string, now: number, check: () => Promise<boolean>): Promise<boolean> {
  return hasKnowledge.get(shopId, generationOf(shopId), now, check);
}

/** A shop's articles changed (the platform's: every shop's answers may change). */
export function knowledgeChanged(shopId: string): void {
  changes.bump(shopId);
}
