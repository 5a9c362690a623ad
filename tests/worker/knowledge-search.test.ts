import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ANSWER_THRESHOLD } from "../../core/domain/knowledge";
import type { ArticleInput } from "../../core/protocol/knowledge";
import { createArticle, updateArticle } from "../../worker/services/knowledge/articles";
import { recordFeedback } from "../../worker/services/knowledge/learning";
import { searchKnowledge } from "../../worker/services/knowledge/search";
import { seedFixture } from "../helpers/fixtures";

const DAY = 86_400_000;
const now = Date.now();
const author = { by: "st-a0", now };
const article = (question: string, answer: string, extra: Partial<ArticleInput> = {}): ArticleInput => ({
  kind: "faq", question, altQuestions: [], answer, tags: [], category: null, productId: null, status: "published", validFrom: null, validTo: null, ...extra,
});
const ids: Record<string, string> = {};

beforeAll(async () => {
  await seedFixture();
  const make = async (key: string, shop: string, input: ArticleInput) => (ids[key] = (await createArticle(env, shop, input, author)).id);
  await make("shipApparel", "apparel", article("什么时候发货", "付款后 48 小时内发货", { altQuestions: ["多久能发货", "几天发货"] }));
  await make("shipPlatform", "platform", article("平台发货时效是多久", "平台规定 72 小时内发货", { kind: "platform_rule" }));
  await make("returns", "platform", article("七天无理由退货怎么申请", "在订单详情页申请售后", { kind: "platform_rule", altQuestions: ["怎么退货"] }));
  await make("warranty", "electronics", article("手机保修多久", "整机保修一年"));
  await make("draft", "apparel", article("衣服起球怎么办", "可以用去球器", { status: "draft" }));
  await make("expired", "apparel", article("双十一满减活动有吗", "满 300 减 50", { kind: "promotion", validFrom: now - 30 * DAY, validTo: now - DAY }));
  await make("future", "apparel", article("年货节满减活动有吗", "满 200 减 30", { kind: "promotion", validFrom: now + DAY, validTo: now + 10 * DAY }));
  await make("live", "apparel", article("店铺优惠券在哪里领", "商品页领取", { kind: "promotion", validFrom: now - DAY, validTo: now + DAY }));
});

const search = (shopId: string, query: string, extra: { includeDrafts?: boolean } = {}) => searchKnowledge(env, { shopId, query, now, limit: 5, ...extra });

describe("knowledge search (D1 FTS5 + rerank)", () => {
  it("answers a paraphrase from the best-matching phrasing, confidently, with sanitised HTML", async () => {
    const { hits } = await search("apparel", "你们一般多久能发货呀");
    expect(hits[0]).toMatchObject({ articleId: ids.shipApparel, shopId: "apparel", question: "什么时候发货", source: "lexical" });
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    expect(hits[0]!.answerHtml).toBe("<p>付款后 48 小时内发货</p>");
  });

  it("ranks the shop's own article before the platform's, and falls back to the platform's", async () => {
    const { hits } = await search("apparel", "发货要多久");
    expect(hits.map((h) => h.articleId).slice(0, 2)).toEqual([ids.shipApparel, ids.shipPlatform]);
    expect((await search("electronics", "怎么退货")).hits[0]).toMatchObject({ articleId: ids.returns, shopId: "platform" });
  });

  it("never returns another shop's article", async () => {
    expect((await search("apparel", "手机保修多久")).hits.map((h) => h.shopId)).not.toContain("electronics");
    expect((await search("electronics", "什么时候发货")).hits.map((h) => h.articleId)).not.toContain(ids.shipApparel);
  });

  it("never returns drafts (except in an admin preview) nor promotions outside their window", async () => {
    expect((await search("apparel", "衣服起球怎么办")).hits.map((h) => h.articleId)).not.toContain(ids.draft);
    expect((await search("apparel", "衣服起球怎么办", { includeDrafts: true })).hits[0]?.articleId).toBe(ids.draft);
    expect((await search("apparel", "双十一满减活动有吗")).hits.map((h) => h.articleId)).not.toContain(ids.expired);
    expect((await search("apparel", "年货节满减活动有吗")).hits.map((h) => h.articleId)).not.toContain(ids.future);
    expect((await search("apparel", "优惠券在哪领")).hits[0]?.articleId).toBe(ids.live);
  });

  it("lets feedback shift the ranking of two equally good articles", async () => {
    const a = (await createArticle(env, "electronics", article("耳机怎么配对蓝牙", "长按电源键"), author)).id;
    const b = (await createArticle(env, "electronics", article("耳机怎么配对蓝牙", "打开充电盒"), author)).id;
    const order = async () => (await search("electronics", "耳机怎么配对蓝牙")).hits.map((h) => h.articleId).filter((id) => id === a || id === b);
    const first = (await order())[0]!;
    const other = first === a ? b : a;
    for (let i = 0; i < 5; i++) await recordFeedback(env.DB, "electronics", first, false);
    await recordFeedback(env.DB, "electronics", other, true);
    expect(await order()).toEqual([other, first]);
  });

  it("keeps the index in step with edits: a removed phrasing no longer matches", async () => {
    const id = (await createArticle(env, "electronics", article("充电器多少瓦", "65W", { altQuestions: ["支持PD协议吗"] }), author)).id;
    expect((await search("electronics", "支持PD协议吗")).hits[0]?.articleId).toBe(id);
    await updateArticle(env, "electronics", id, { altQuestions: [] }, author);
    expect((await search("electronics", "支持PD协议吗")).hits.map((h) => h.articleId)).not.toContain(id);
    expect((await search("electronics", "充电器多少瓦")).hits[0]?.articleId).toBe(id);
  });
});
