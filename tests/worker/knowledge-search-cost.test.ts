/**
 * What a knowledge search costs and what its caches may never get wrong: one D1 statement once the
 * hits' display is cached, the fallback to one-term candidates inside that statement, edits and
 * unpublishing seen at once despite the cache, tenancy kept by the join whatever a row's terms are.
 */
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../core/protocol/knowledge";
import { scopeToken } from "../../worker/db/repos/knowledge-fts";
import { createArticle, deleteArticle, setArticleStatus, updateArticle } from "../../worker/services/knowledge/articles";
import { clearSearchCaches, searchKnowledge } from "../../worker/services/knowledge/search";
import { newTiming, serverTiming, type SearchTiming } from "../../worker/services/knowledge/timing";
import { seedFixture } from "../helpers/fixtures";

const now = Date.now();
// Every write in the same millisecond, as a fast admin or a test would: the cache must not rely on updated_at alone.
const author = { by: "st-a0", now };
const article = (question: string, answer: string, extra: Partial<ArticleInput> = {}): ArticleInput => ({
  kind: "faq", question, altQuestions: [], answer, tags: [], category: null, productId: null, status: "published", validFrom: null, validTo: null, ...extra,
});

async function search(shopId: string, query: string): Promise<{ hits: Awaited<ReturnType<typeof searchKnowledge>>["hits"]; timing: SearchTiming }> {
  const timing = newTiming();
  const { hits } = await searchKnowledge(env, { shopId, query, now, limit: 5 }, timing);
  return { hits, timing };
}

beforeAll(async () => {
  await seedFixture();
});
beforeEach(() => clearSearchCaches());

describe("knowledge search cost", () => {
  it("runs one D1 statement once the hits' display is cached, two before", async () => {
    // Enough articles sharing two terms with the question that its pairs find them.
    for (let n = 1; n <= 6; n++) await createArticle(env, "apparel", article(`${n} 号羽绒服能机洗吗`, `第 ${n} 款可以机洗`), author);
    const cold = await search("apparel", "羽绒服可以机洗吗");
    expect(cold.hits).toHaveLength(5);
    expect(cold.timing).toMatchObject({ statements: 2, source: "pairs" });
    const warm = await search("apparel", "羽绒服可以机洗吗");
    expect(warm.hits).toEqual(cold.hits);
    expect(warm.timing.statements).toBe(1);
    expect(serverTiming(warm.timing)).toMatch(/^search;dur=[\d.]+;desc="knowledge search, 1 D1 statement", analyze;dur=[\d.]+, candidates;dur=[\d.]+;desc="pairs, \d+ rows", rerank;dur=[\d.]+, display;dur=[\d.]+$/);
  });

  it("falls back to candidates sharing one term inside the same statement", async () => {
    const id = (await createArticle(env, "apparel", article("发票抬头可以改吗", "开票后不能修改"), author)).id;
    // Three terms, no two of them in one article: the pairs find nothing.
    const { hits, timing } = await search("apparel", "抬头 颜色 尺寸");
    expect(hits.map((h) => h.articleId)).toContain(id);
    expect(timing).toMatchObject({ source: "any" });
    expect(timing.statements).toBeLessThanOrEqual(2);
  });

  it("shows an edit at once, even one made in the same millisecond as the cached copy (its byte lengths differ)", async () => {
    const id = (await createArticle(env, "apparel", article("退货运费谁出", "买家承担"), author)).id;
    expect((await search("apparel", "退货运费谁出")).hits[0]).toMatchObject({ articleId: id, answerHtml: "<p>买家承担</p>" });
    await updateArticle(env, "apparel", id, { answer: "商家承担运费" }, author);
    expect((await search("apparel", "退货运费谁出")).hits[0]).toMatchObject({ articleId: id, answerHtml: "<p>商家承担运费</p>" });
    await updateArticle(env, "apparel", id, { question: "退货的运费由谁出" }, author);
    expect((await search("apparel", "退货运费谁出")).hits[0]).toMatchObject({ articleId: id, question: "退货的运费由谁出" });
  });

  it("never shows a cached article once unpublished or deleted", async () => {
    const id = (await createArticle(env, "apparel", article("会员积分怎么用", "下单时抵扣"), author)).id;
    expect((await search("apparel", "会员积分怎么用")).hits[0]?.articleId).toBe(id);
    await setArticleStatus(env, "apparel", id, "draft", author);
    expect((await search("apparel", "会员积分怎么用")).hits.map((h) => h.articleId)).not.toContain(id);
    await setArticleStatus(env, "apparel", id, "published", author);
    expect((await search("apparel", "会员积分怎么用")).hits[0]?.articleId).toBe(id);
    await deleteArticle(env, "apparel", id);
    expect((await search("apparel", "会员积分怎么用")).hits.map((h) => h.articleId)).not.toContain(id);
  });

  it("keeps tenancy in the join even when a row's terms spell another shop's scope token", async () => {
    const token = scopeToken("apparel");
    const id = (await createArticle(env, "electronics", article(`${token} 耳机保修多久`, "一年"), author)).id;
    expect((await search("electronics", `${token} 耳机保修多久`)).hits[0]?.articleId).toBe(id);
    expect((await search("apparel", `${token} 耳机保修多久`)).hits.map((h) => h.shopId)).not.toContain("electronics");
  });
});
