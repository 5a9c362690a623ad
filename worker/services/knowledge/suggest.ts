/**
 * An agent offers their own reply in a thread as a draft article of the thread's shop; an admin
 * reviews and publishes it. Agents never publish directly.
 */
import { DomainError } from "../../../core/domain/errors";
import { ArticleInput } from "../../../core/protocol/knowledge";
import { parseThreadId } from "../../../core/protocol";
import { parseInput } from "../../../core/protocol/validate";
import { canAccessThread, type StaffIdentity } from "../identity";
import { createArticle } from "./articles";
import type { SearchEnv } from "./search";

export async function suggestArticle(env: SearchEnv, identity: StaffIdentity, body: { threadId: string; question: string; answer: string }, now: number) {
  if (!canAccessThread(identity, body.threadId)) throw new DomainError("forbidden", "you may not access this thread");
  const input = parseInput(ArticleInput, { kind: "faq", status: "draft", question: body.question, answer: body.answer });
  if (!input.ok) throw new DomainError("invalid_input", input.message, input.issues);
  return createArticle(env, parseThreadId(body.threadId).shopId, input.value, { by: identity.staffId, now });
}
