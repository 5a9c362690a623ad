/**
 * The unanswered list as admins work it: most asked first; one click turns a group into a new
 * article (its question and example wordings become the article's phrasings) or into phrasings of
 * an existing article, or dismisses it. That is how the bot learns.
 */
import { DomainError } from "../../../core/domain/errors";
import { ArticleInput, type PromoteBody } from "../../../core/protocol/knowledge";
import { parseInput } from "../../../core/protocol/validate";
import { database } from "../../db/client";
import { closeGroup, findGroup, listGroups, type UnansweredRow } from "../../db/repos/unanswered";
import { addPhrasing, createArticle, type Author } from "./articles";
import type { SearchEnv } from "./search";

/** The shop's groups with the given status, most asked first. */
export async function listUnanswered(env: SearchEnv, shopId: string, status: string, limit: number): Promise<{ unanswered: UnansweredRow[] }> {
  return { unanswered: await listGroups(database(env.DB), shopId, status, limit) };
}

async function mustFindGroup(env: SearchEnv, shopId: string, id: string): Promise<UnansweredRow> {
  const group = await findGroup(database(env.DB), shopId, id);
  if (!group) throw new DomainError("not_found", `no unanswered question ${id} in this shop`);
  if (group.status !== "open") throw new DomainError("conflict", `this question is already ${group.status}`);
  return group;
}

/** Turns a group into a new article, or adds its wordings to an existing one; closes the group. */
export async function promoteUnanswered(env: SearchEnv, shopId: string, id: string, body: PromoteBody, author: Author) {
  const group = await mustFindGroup(env, shopId, id);
  const wordings = [group.question, ...group.examples];
  let articleId: string;
  if (body.action === "create") {
    const question = body.question ?? group.question;
    const { action: _action, question: _question, ...rest } = body;
    const input = parseInput(ArticleInput, { ...rest, question, altQuestions: wordings.filter((w) => w !== question) });
    if (!input.ok) throw new DomainError("invalid_input", input.message, input.issues);
    articleId = (await createArticle(env, shopId, input.value, author)).id;
  } else {
    articleId = body.articleId;
    for (const text of body.text ? [body.text] : wordings) await addPhrasing(env, { shopId, articleId, text, by: author.by, now: author.now });
  }
  await closeGroup(database(env.DB), shopId, id, "resolved", articleId);
  return { id, status: "resolved" as const, articleId };
}

/** Dismisses a group (not worth an article); further asks are still counted in it. */
export async function dismissUnanswered(env: SearchEnv, shopId: string, id: string) {
  await mustFindGroup(env, shopId, id);
  await closeGroup(database(env.DB), shopId, id, "dismissed", null);
  return { id, status: "dismissed" as const };
}
