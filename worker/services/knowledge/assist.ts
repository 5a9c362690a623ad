/**
 * Agent assist: while an agent types in a thread, the articles that match the draft (the thread's
 * shop first, then the platform's) and the canned replies that fit it; a draft starting with '/'
 * looks canned replies up by shortcut prefix instead.
 */
import { analyze, jaccard, unitsOf } from "../../../core/domain/knowledge";
import { DomainError } from "../../../core/domain/errors";
import { parseThreadId } from "../../../core/protocol";
import { database } from "../../db/client";
import { assistReplies, type CannedRow } from "../../db/repos/canned-replies";
import { canAccessThread, type StaffIdentity } from "../identity";
import { cannedView } from "./canned";
import { searchKnowledge, type SearchEnv } from "./search";

/** Least similarity between a draft and a canned reply for the reply to be suggested. */
const CANNED_MIN_SIMILARITY = 0.15;
/** Most replies listed for an empty draft (the console's picker). */
const CANNED_LIST_MAX = 50;

/** Replies whose shortcut starts with the prefix: exact match first, then shorter shortcuts. */
export function byShortcut(replies: CannedRow[], prefix: string): CannedRow[] {
  const p = prefix.toLowerCase();
  return replies.filter((r) => r.shortcut.startsWith(p)).sort((a, b) => a.shortcut.length - b.shortcut.length || a.shortcut.localeCompare(b.shortcut));
}

/** Replies ranked by how much of the draft's wording they share (title and text). */
export function byDraft(replies: CannedRow[], draft: string): CannedRow[] {
  const units = unitsOf(analyze(draft));
  return replies
    .map((r) => ({ r, score: jaccard(units, unitsOf(analyze(`${r.title} ${r.text}`))) + (units.has(r.shortcut) ? 0.5 : 0) }))
    .filter((x) => x.score >= CANNED_MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.r);
}

/** Suggestions for a draft in a thread the staff member may access (403 for another shop's thread). */
export async function assist(env: SearchEnv, identity: StaffIdentity, input: { thread: string; q: string; limit: number }, now: number) {
  if (!canAccessThread(identity, input.thread)) throw new DomainError("forbidden", "you may not access this thread");
  const { shopId } = parseThreadId(input.thread);
  const replies = await assistReplies(database(env.DB), shopId, identity.shopId, identity.staffId);
  const draft = input.q.trim();
  if (draft.startsWith("/")) return { shopId, articles: [], cannedReplies: byShortcut(replies, draft.slice(1).trim()).slice(0, input.limit).map(cannedView) };
  if (!draft) return { shopId, articles: [], cannedReplies: replies.slice(0, CANNED_LIST_MAX).map(cannedView) };
  const { hits } = await searchKnowledge(env, { shopId, query: draft, limit: input.limit, now });
  return { shopId, articles: hits, cannedReplies: byDraft(replies, draft).slice(0, input.limit).map(cannedView) };
}
