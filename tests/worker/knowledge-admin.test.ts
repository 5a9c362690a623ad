/**
 * The knowledge routes end to end against the real local D1. The routes are mounted on a small
 * app here (the same sub-app the Worker mounts), with staff tokens from the real login route.
 */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppEnv } from "../../worker/env";
import { onError } from "../../worker/middleware/errors";
import { knowledgeRoutes } from "../../worker/routes/knowledge";
import { recordUnanswered } from "../../worker/services/knowledge/learning";
import { searchKnowledge } from "../../worker/services/knowledge/search";
import { STAFF, seedFixture, staffToken } from "../helpers/fixtures";

const app = new Hono<AppEnv>().route("/api", knowledgeRoutes);
app.onError(onError);
let admin: string;
let agent: string;
let otherAgent: string;

beforeAll(async () => {
  await seedFixture();
  [admin, agent, otherAgent] = await Promise.all([staffToken(STAFF.apparelAdmin.email), staffToken(STAFF.apparelAgent.email), staffToken(STAFF.electronicsAgent.email)]);
});

function call(path: string, token: string, init: { method?: string; json?: unknown; body?: BodyInit } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  return app.request(path, { method: init.method ?? "GET", headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body }, env);
}
const json = async <T = Record<string, unknown>>(res: Response | Promise<Response>) => (await res).json() as Promise<T>;

describe("articles", () => {
  it("creates, lists, edits, publishes and deletes; the answer is rendered and made inert", async () => {
    const res = await call("/api/admin/knowledge", admin, { method: "POST", json: { question: "怎么联系客服", answer: "点 **联系我们** <script>alert(1)</script><img src=x onerror=alert(1)> [帮助](javascript:alert(1)) <a href=\"https://help.test\" onclick=\"x()\">说明</a>" } });
    expect(res.status).toBe(201);
    const a = await json<{ id: string; status: string; answerHtml: string }>(res);
    expect(a.status).toBe("draft");
    expect(a.answerHtml).toContain("<strong>联系我们</strong>");
    expect(a.answerHtml).not.toMatch(/<script|onerror|onclick|javascript:/i);
    expect(a.answerHtml).toContain('href="https://help.test"');
    const list = await json<{ articles: { id: string }[]; total: number }>(call("/api/admin/knowledge?status=draft&q=联系", admin));
    expect(list.articles.map((x) => x.id)).toContain(a.id);
    expect((await call(`/api/admin/knowledge/${a.id}/publish`, admin, { method: "POST" })).status).toBe(200);
    const patched = await json<{ question: string; status: string }>(call(`/api/admin/knowledge/${a.id}`, admin, { method: "PATCH", json: { question: "客服电话是多少" } }));
    expect(patched).toMatchObject({ question: "客服电话是多少", status: "published" });
    expect((await searchKnowledge(env, { shopId: "apparel", query: "客服电话多少", now: Date.now() })).hits[0]?.articleId).toBe(a.id);
    expect((await call(`/api/admin/knowledge/${a.id}`, admin, { method: "DELETE" })).status).toBe(204);
    expect((await call(`/api/admin/knowledge/${a.id}`, admin)).status).toBe(404);
  });

  it("names the field when a promotion has no window, and keeps admins to their shop", async () => {
    const res = await call("/api/admin/knowledge", admin, { method: "POST", json: { kind: "promotion", question: "有优惠吗", answer: "满减" } });
    expect(res.status).toBe(400);
    expect((await json<{ error: { details: { field: string }[] } }>(res)).error.details.map((d) => d.field)).toContain("validTo");
    expect((await call("/api/admin/knowledge?shop=electronics", admin)).status).toBe(403);
    expect((await call("/api/admin/knowledge", agent, { method: "POST", json: { question: "q", answer: "a" } })).status).toBe(403);
  });
});

describe("import and export", () => {
  it("stores the good rows of a chunk and reports each bad one by row number and field", async () => {
    const rows = [{ question: "包邮吗", answer: "满 99 包邮", status: "published" }, { question: "", answer: "x" }, { question: "有赠品吗", answer: "有", kind: "promotion" }, { question: "发什么快递", answer: "顺丰" }];
    const result = await json(call("/api/admin/knowledge/import?format=json&firstRow=501", admin, { method: "POST", json: { rows } }));
    expect(result).toMatchObject({ firstRow: 501, received: 4, created: 2, failed: 2 });
    expect(result.errors).toEqual([
      { row: 502, field: "question", message: "must not be empty" },
      { row: 503, field: "validTo", message: "a promotion needs validFrom and validTo" },
    ]);
    expect((await searchKnowledge(env, { shopId: "apparel", query: "包邮吗", now: Date.now() })).hits[0]?.question).toBe("包邮吗");
  });

  it("only checks with dryRun", async () => {
    const result = await json(call("/api/admin/knowledge/import?format=json&dryRun=1", admin, { method: "POST", json: [{ question: "试运行问题", answer: "a" }] }));
    expect(result).toMatchObject({ created: 1, dryRun: true });
    expect((await json<{ total: number }>(call("/api/admin/knowledge?q=试运行", admin))).total).toBe(0);
  });

  it("parses CSV with a BOM, quotes and newlines inside fields, and round-trips through export", async () => {
    const csv = '\ufeffQuestion,alt_questions,Answer,tags,status\r\n"怎么开发票","发票怎么开\n能开专票吗","在订单页点 ""申请开票""",财务,published\r\n,,缺问题,,\r\n';
    const result = await json(call("/api/admin/knowledge/import?format=csv", admin, { method: "POST", body: new TextEncoder().encode(csv) }));
    expect(result).toMatchObject({ created: 1, failed: 1, encoding: "utf-8" });
    expect(result.errors).toEqual([{ row: 2, field: "question", message: expect.any(String) }]);
    const bytes = new Uint8Array(await (await call("/api/admin/knowledge/export?format=csv", admin)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const exported = new TextDecoder().decode(bytes);
    expect(exported.startsWith("id,kind,status,question,altQuestions")).toBe(true);
    expect(exported).toContain('"发票怎么开\n能开专票吗"');
    const data = await json<{ articles: { question: string; altQuestions: string[]; answer: string }[] }>(call("/api/admin/knowledge/export?format=json", admin));
    expect(data.articles.find((x) => x.question === "怎么开发票")).toMatchObject({ altQuestions: ["发票怎么开", "能开专票吗"], answer: '在订单页点 "申请开票"' });
  });

  it("reads a CSV Excel saved as GBK, and explains a file that is neither UTF-8 nor GBK", async () => {
    const gbk = new Uint8Array([113, 117, 101, 115, 116, 105, 111, 110, 44, 97, 110, 115, 119, 101, 114, 13, 10, 205, 203, 187, 245, 212, 245, 195, 180, 176, 236, 44, 198, 223, 204, 236, 206, 222, 192, 237, 211, 201, 13, 10]);
    const result = await json(call("/api/admin/knowledge/import?format=csv", admin, { method: "POST", body: gbk }));
    expect(result).toMatchObject({ created: 1, encoding: "gbk" });
    expect(String(result.notice)).toMatch(/GBK/);
    expect((await json<{ total: number }>(call("/api/admin/knowledge?q=退货怎么办", admin))).total).toBe(1);
    const bad = await call("/api/admin/knowledge/import?format=csv", admin, { method: "POST", body: new Uint8Array([0x71, 0x2c, 0x61, 0x0a, 0xff, 0xff, 0x80]) });
    expect(bad.status).toBe(415);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toMatch(/UTF-8/);
  });
});

describe("the unanswered list", () => {
  it("groups similar questions with counts, and turns a group into an article the bot then finds", async () => {
    for (const q of ["可以寄到国外吗", "可以寄到国外吗？", "国外可以寄到吗"]) await recordUnanswered(env.DB, { shopId: "apparel", question: q, reason: "no_match", threadId: "apparel:c1", now: Date.now() });
    await recordUnanswered(env.DB, { shopId: "apparel", question: "衣服会褪色吗", reason: "not_helpful", threadId: null, now: Date.now() });
    const { unanswered } = await json<{ unanswered: { id: string; question: string; count: number; examples: string[] }[] }>(call("/api/admin/unanswered", admin));
    expect(unanswered[0]).toMatchObject({ question: "可以寄到国外吗", count: 3 });
    const promoted = await json<{ articleId: string }>(call(`/api/admin/unanswered/${unanswered[0]!.id}/promote`, admin, { method: "POST", json: { action: "create", answer: "暂不支持海外配送", status: "published" } }));
    expect((await searchKnowledge(env, { shopId: "apparel", query: "能寄国外吗", now: Date.now() })).hits[0]?.articleId).toBe(promoted.articleId);
    const fade = unanswered.find((u) => u.question === "衣服会褪色吗")!;
    expect((await call(`/api/admin/unanswered/${fade.id}/dismiss`, admin, { method: "POST" })).status).toBe(200);
    expect((await json<{ unanswered: unknown[] }>(call("/api/admin/unanswered", admin))).unanswered).toEqual([]);
  });

  it("adds a question as a phrasing of an existing article in one call", async () => {
    const article = await json<{ id: string }>(call("/api/admin/knowledge", admin, { method: "POST", json: { question: "支持货到付款吗", answer: "支持", status: "published" } }));
    await recordUnanswered(env.DB, { shopId: "apparel", question: "能先收货再给钱吗", reason: "no_match", threadId: null, now: Date.now() });
    const { unanswered } = await json<{ unanswered: { id: string }[] }>(call("/api/admin/unanswered", admin));
    await call(`/api/admin/unanswered/${unanswered[0]!.id}/promote`, admin, { method: "POST", json: { action: "phrasing", articleId: article.id } });
    expect(await json(call(`/api/admin/knowledge/${article.id}`, admin))).toMatchObject({ altQuestions: ["能先收货再给钱吗"] });
    expect((await searchKnowledge(env, { shopId: "apparel", query: "能先收货再给钱吗", now: Date.now() })).hits[0]?.articleId).toBe(article.id);
  });
});

describe("canned replies and agent assist", () => {
  it("keeps shop-level replies to admins and personal ones to their owner", async () => {
    expect((await call("/api/canned-replies", agent, { method: "POST", json: { scope: "shop", shortcut: "hi", title: "问候", text: "您好" } })).status).toBe(403);
    expect((await call("/api/canned-replies", admin, { method: "POST", json: { scope: "shop", shortcut: "/refund", title: "退款说明", text: "退款原路返回，1-3 个工作日到账" } })).status).toBe(201);
    expect((await call("/api/canned-replies", agent, { method: "POST", json: { shortcut: "ref2", title: "我的退款话术", text: "亲，退款已提交" } })).status).toBe(201);
    expect((await call("/api/canned-replies", agent, { method: "POST", json: { shortcut: "ref2", title: "重复", text: "x" } })).status).toBe(409);
    const mine = await json<{ cannedReplies: { shortcut: string; scope: string }[] }>(call("/api/canned-replies", agent));
    expect(mine.cannedReplies.map((r) => `${r.scope}:${r.shortcut}`)).toEqual(["personal:ref2", "shop:refund"]);
    expect((await json<{ cannedReplies: unknown[] }>(call("/api/canned-replies", admin))).cannedReplies).toHaveLength(1);
  });

  it("suggests articles and replies for a draft, looks up /shortcuts, and refuses another shop's thread", async () => {
    await call("/api/admin/knowledge", admin, { method: "POST", json: { question: "退款多久到账", answer: "1-3 个工作日", status: "published" } });
    const help = await json<{ articles: { question: string }[]; cannedReplies: { shortcut: string }[] }>(call(`/api/assist?thread=apparel:c1&q=${encodeURIComponent("退款多久能到账")}`, agent));
    expect(help.articles[0]?.question).toBe("退款多久到账");
    expect(help.cannedReplies.map((r) => r.shortcut)).toContain("refund");
    const short = await json<{ cannedReplies: { shortcut: string }[] }>(call(`/api/assist?thread=apparel:c1&q=${encodeURIComponent("/ref")}`, agent));
    expect(short.cannedReplies.map((r) => r.shortcut)).toEqual(["ref2", "refund"]);
    expect((await call("/api/assist?thread=apparel:c1&q=x", otherAgent)).status).toBe(403);
  });

  it("lets an agent offer a reply as a draft article of the thread's shop only", async () => {
    const draft = await call("/api/knowledge/suggestions", agent, { method: "POST", json: { threadId: "apparel:c2", question: "可以改地址吗", answer: "发货前可以修改" } });
    expect(draft.status).toBe(201);
    expect(await json(draft)).toMatchObject({ shopId: "apparel", status: "draft", createdBy: STAFF.apparelAgent.id });
    expect((await call("/api/knowledge/suggestions", otherAgent, { method: "POST", json: { threadId: "apparel:c2", question: "q", answer: "a" } })).status).toBe(403);
  });
});
