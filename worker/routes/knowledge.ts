/**
 * Knowledge base administration (shop admins for their shop; platform admins for the platform's
 * articles, or any shop's with ?shop=), the unanswered list, canned replies, agent assist and an
 * agent's draft suggestion. Thin: validate, pick the shop, call one service.
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { ShopQuery } from "../../core/protocol";
import * as kb from "../../core/protocol/knowledge";
import type { AppEnv } from "../env";
import { requireIdentity, requireStaff } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { adminShop, staffShop } from "../services/admin-scope";
import type { Identity, StaffIdentity } from "../services/identity";
import { addPhrasing, createArticle, deleteArticle, listArticlesFor, mustFind, setArticleStatus, updateArticle } from "../services/knowledge/articles";
import { assist } from "../services/knowledge/assist";
import { createCanned, deleteCanned, listCanned, updateCanned, type CannedActor } from "../services/knowledge/canned";
import { exportArticles, importUpload } from "../services/knowledge/import";
import { searchKnowledge } from "../services/knowledge/search";
import { newTiming, serverTiming } from "../services/knowledge/timing";
import { suggestArticle } from "../services/knowledge/suggest";
import { dismissUnanswered, listUnanswered, promoteUnanswered } from "../services/knowledge/unanswered";
import { attachmentResponse } from "./csv-response";

const IdParam = v.object({ id: kb.ArticleId });
const staffOf = (identity: Identity) => identity as StaffIdentity;
const author = (identity: Identity) => ({ by: staffOf(identity).staffId, now: Date.now() });
function cannedActor(identity: Identity, shop: string | undefined): CannedActor {
  const s = staffOf(identity);
  return { staffId: s.staffId, shopId: staffShop(identity, shop), isAdmin: s.role === "platform_admin" || s.role === "shop_admin" };
}

const staffOnly = [requireIdentity, requireStaff] as const;

export const knowledgeRoutes = new Hono<AppEnv>()
  .use("/admin/knowledge", ...staffOnly)
  .use("/admin/knowledge/*", ...staffOnly)
  .use("/admin/unanswered", ...staffOnly)
  .use("/admin/unanswered/*", ...staffOnly)
  .use("/canned-replies", ...staffOnly)
  .use("/canned-replies/*", ...staffOnly)
  .use("/assist", ...staffOnly)
  .use("/knowledge/*", ...staffOnly)
  .get("/admin/knowledge", describeRoute({ tags: ["knowledge"], summary: "The shop's articles, newest first; filter by status, kind and text." }), valid("query", kb.ArticleListQuery), async (c) => {
    const q = c.req.valid("query");
    return c.json(await listArticlesFor(c.env, adminShop(c.get("identity"), q.shop), { status: q.status, kind: q.kind, q: q.q, limit: Number(q.limit), offset: Number(q.offset) }));
  })
  .post("/admin/knowledge", describeRoute({ tags: ["knowledge"], summary: "Creates an article (answer in Markdown, rendered and sanitised on write)." }), valid("query", ShopQuery), valid("json", kb.ArticleInput), async (c) =>
    c.json(await createArticle(c.env, adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("json"), author(c.get("identity"))), 201),
  )
  .get("/admin/knowledge/export", describeRoute({ tags: ["knowledge"], summary: "The whole knowledge base as CSV (UTF-8 with BOM) or JSON; re-importable." }), valid("query", kb.ExportQuery), async (c) => {
    const q = c.req.valid("query");
    const shopId = adminShop(c.get("identity"), q.shop);
    const body = await exportArticles(c.env, shopId, q.format);
    const contentType = q.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
    return attachmentResponse(c, { filename: `knowledge-${shopId}.${q.format}`, body, contentType });
  })
  .post("/admin/knowledge/import", describeRoute({ tags: ["knowledge"], summary: "Imports a chunk of rows (CSV bytes or JSON); per-row errors with row numbers from ?firstRow=; ?dryRun=1 only checks." }), valid("query", kb.ImportQuery), async (c) => {
    const q = c.req.valid("query");
    const shopId = adminShop(c.get("identity"), q.shop);
    const upload = q.format === "csv" ? { format: "csv" as const, bytes: new Uint8Array(await c.req.arrayBuffer()) } : { format: "json" as const, json: await c.req.json().catch(() => null) };
    return c.json(await importUpload(c.env, shopId, upload, { firstRow: Number(q.firstRow), dryRun: q.dryRun, author: author(c.get("identity")) }));
  })
  .get("/admin/knowledge/search", describeRoute({ tags: ["knowledge"], summary: "Preview: what the bot would find for a question, drafts included." }), valid("query", kb.PreviewQuery), async (c) => {
    const q = c.req.valid("query");
    const timing = newTiming();
    const result = await searchKnowledge(c.env, { shopId: adminShop(c.get("identity"), q.shop), query: q.q, limit: Number(q.limit), now: Date.now(), includeDrafts: true }, timing);
    c.header("Server-Timing", serverTiming(timing));
    return c.json(result);
  })
  .get("/admin/knowledge/:id", describeRoute({ tags: ["knowledge"], summary: "One article with its counters." }), valid("param", IdParam), valid("query", ShopQuery), async (c) =>
    c.json(await mustFind(c.env, adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id)),
  )
  .patch("/admin/knowledge/:id", describeRoute({ tags: ["knowledge"], summary: "Changes fields of an article; the result is validated whole." }), valid("param", IdParam), valid("query", ShopQuery), valid("json", kb.ArticleUpdate), async (c) =>
    c.json(await updateArticle(c.env, adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id, c.req.valid("json"), author(c.get("identity")))),
  )
  .delete("/admin/knowledge/:id", describeRoute({ tags: ["knowledge"], summary: "Deletes an article." }), valid("param", IdParam), valid("query", ShopQuery), async (c) => {
    await deleteArticle(c.env, adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .post("/admin/knowledge/:id/publish", describeRoute({ tags: ["knowledge"], summary: "Publishes an article: the bot may answer with it." }), valid("param", IdParam), valid("query", ShopQuery), async (c) =>
    c.json(await setArticleStatus(c.env, adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id, "published", author(c.get("identity")))),
  )
  .post("/admin/knowledge/:id/unpublish", describeRoute({ tags: ["knowledge"], summary: "Back to draft: the bot stops answering with it." }), valid("param", IdParam), valid("query", ShopQuery), async (c) =>
    c.json(await setArticleStatus(c.env, adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id, "draft", author(c.get("identity")))),
  )
  .post("/admin/knowledge/:id/phrasings", describeRoute({ tags: ["knowledge"], summary: "Adds an alternative phrasing (a way shoppers ask this question)." }), valid("param", IdParam), valid("query", ShopQuery), valid("json", kb.PhrasingBody), async (c) => {
    const shopId = adminShop(c.get("identity"), c.req.valid("query").shop);
    return c.json(await addPhrasing(c.env, { shopId, articleId: c.req.valid("param").id, text: c.req.valid("json").text, ...author(c.get("identity")) }));
  })
  .get("/admin/unanswered", describeRoute({ tags: ["knowledge"], summary: "Questions the bot could not answer, grouped, most asked first." }), valid("query", kb.UnansweredQuery), async (c) => {
    const q = c.req.valid("query");
    return c.json(await listUnanswered(c.env, adminShop(c.get("identity"), q.shop), q.status, Number(q.limit)));
  })
  .post("/admin/unanswered/:id/promote", describeRoute({ tags: ["knowledge"], summary: "Turns a group into a new article, or into phrasings of an existing one." }), valid("param", IdParam), valid("query", ShopQuery), valid("json", kb.PromoteBody), async (c) =>
    c.json(await promoteUnanswered(c.env, adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id, c.req.valid("json"), author(c.get("identity")))),
  )
  .post("/admin/unanswered/:id/dismiss", describeRoute({ tags: ["knowledge"], summary: "Dismisses a group." }), valid("param", IdParam), valid("query", ShopQuery), async (c) =>
    c.json(await dismissUnanswered(c.env, adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id)),
  )
  .get("/canned-replies", describeRoute({ tags: ["knowledge"], summary: "Canned replies the agent may use: the shop's and their own." }), valid("query", kb.CannedQuery), async (c) =>
    c.json(await listCanned(c.env, cannedActor(c.get("identity"), c.req.valid("query").shop))),
  )
  .post("/canned-replies", describeRoute({ tags: ["knowledge"], summary: "Creates a canned reply: personal (any agent) or shop-level (admins)." }), valid("query", kb.CannedQuery), valid("json", kb.CannedInput), async (c) =>
    c.json(await createCanned(c.env, cannedActor(c.get("identity"), c.req.valid("query").shop), c.req.valid("json"), Date.now()), 201),
  )
  .patch("/canned-replies/:id", describeRoute({ tags: ["knowledge"], summary: "Changes a canned reply (own, or shop-level for admins)." }), valid("param", IdParam), valid("query", kb.CannedQuery), valid("json", kb.CannedUpdate), async (c) =>
    c.json(await updateCanned(c.env, cannedActor(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id, c.req.valid("json"), Date.now())),
  )
  .delete("/canned-replies/:id", describeRoute({ tags: ["knowledge"], summary: "Deletes a canned reply." }), valid("param", IdParam), valid("query", kb.CannedQuery), async (c) => {
    await deleteCanned(c.env, cannedActor(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .get("/assist", describeRoute({ tags: ["knowledge"], summary: "Agent assist: articles and canned replies for a draft in a thread ('/short' looks up shortcuts)." }), valid("query", kb.AssistQuery), async (c) => {
    const q = c.req.valid("query");
    return c.json(await assist(c.env, staffOf(c.get("identity")), { thread: q.thread, q: q.q, limit: Number(q.limit) }, Date.now()));
  })
  .post("/knowledge/suggestions", describeRoute({ tags: ["knowledge"], summary: "An agent offers their reply in a thread as a draft article of that shop." }), valid("json", kb.SuggestArticleBody), async (c) =>
    c.json(await suggestArticle(c.env, staffOf(c.get("identity")), c.req.valid("json"), Date.now()), 201),
  );
