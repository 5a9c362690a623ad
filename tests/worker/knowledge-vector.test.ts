/**
 * The production path (Vectorize + Workers AI), through test doubles implementing the bindings'
 * interfaces, passed in the env of direct service calls: locally neither binding can run.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleInput } from "../../core/protocol/knowledge";
import { database } from "../../worker/db/client";
import { knowledgeArticles } from "../../worker/db/schema";
import { createArticle } from "../../worker/services/knowledge/articles";
import { searchKnowledge } from "../../worker/services/knowledge/search";
import { EMBEDDING_MODEL } from "../../worker/services/knowledge/vector";
import { seedFixture } from "../helpers/fixtures";

/** A deterministic "embedding": characters hashed into 16 dimensions. */
function fakeVector(text: string): number[] {
  const v = new Array<number>(16).fill(0);
  for (const ch of text) v[ch.codePointAt(0)! % 16]! += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

class FakeAi {
  calls: string[][] = [];
  async run(model: string, input: { text: string[] }) {
    expect(model).toBe(EMBEDDING_MODEL);
    this.calls.push(input.text);
    return { shape: [input.text.length, 16], data: input.text.map(fakeVector) };
  }
}

class FakeIndex implements VectorizeIndex {
  vectors = new Map<string, VectorizeVector>();
  queries: VectorizeQueryOptions[] = [];
  /** Matches the next queries return, best first (what a real index would rank). */
  script: { id: string; score: number }[] = [];
  async describe(): Promise<VectorizeIndexDetails> {
    return { id: "fake", name: "fake", config: { dimensions: 16, metric: "cosine" }, vectorsCount: this.vectors.size };
  }
  async query(_vector: VectorFloatArray | number[], options?: VectorizeQueryOptions): Promise<VectorizeMatches> {
    this.queries.push(options ?? {});
    const shops = ((options?.filter?.shopId as { $in?: string[] } | undefined)?.$in ?? []) as string[];
    const matches = this.script.filter((m) => shops.includes(String(this.vectors.get(m.id)?.metadata?.shopId)));
    return { matches, count: matches.length };
  }
  async insert(vectors: VectorizeVector[]) {
    return this.upsert(vectors);
  }
  async upsert(vectors: VectorizeVector[]): Promise<VectorizeVectorMutation> {
    for (const v of vectors) this.vectors.set(v.id, v);
    return { ids: vectors.map((v) => v.id), count: vectors.length };
  }
  async deleteByIds(ids: string[]): Promise<VectorizeVectorMutation> {
    for (const id of ids) this.vectors.delete(id);
    return { ids, count: ids.length };
  }
  async getByIds(ids: string[]) {
    return ids.flatMap((id) => this.vectors.get(id) ?? []);
  }
}

const ai = new FakeAi();
const index = new FakeIndex();
const prodEnv = { DB: env.DB, VECTORIZE: index, AI: ai as unknown as Ai };
const now = Date.now();
const article = (question: string, answer: string, extra: Partial<ArticleInput> = {}): ArticleInput => ({
  kind: "faq", question, altQuestions: [], answer, tags: [], category: null, productId: null, status: "published", validFrom: null, validTo: null, ...extra,
});
const ids: Record<string, string> = {};

beforeAll(async () => {
  await seedFixture();
  const author = { by: "st-a0", now };
  ids.size = (await createArticle(prodEnv, "apparel", article("尺码怎么选", "参考尺码表", { altQuestions: ["穿多大码合适"] }), author)).id;
  ids.wash = (await createArticle(prodEnv, "apparel", article("衣服怎么洗", "冷水手洗"), author)).id;
  ids.other = (await createArticle(prodEnv, "electronics", article("手机怎么清洁", "用软布擦拭"), author)).id;
  ids.old = (await createArticle(prodEnv, "apparel", article("去年的夏季特卖", "已结束", { kind: "promotion", validFrom: now - 9e9, validTo: now - 1 }), author)).id;
});

describe("knowledge search with Vectorize and Workers AI bound", () => {
  it("embeds every phrasing once at write time, with the shop as metadata, and records embedded_at", async () => {
    expect(index.vectors.get(`${ids.size}#1`)?.metadata).toEqual({ articleId: ids.size, shopId: "apparel" });
    expect(index.vectors.has(`${ids.size}#0`)).toBe(true);
    const row = await database(env.DB).select().from(knowledgeArticles).where(eq(knowledgeArticles.id, ids.size!)).get();
    expect(row?.embeddedAt).toBe(now);
  });

  it("does not embed the question when the lexical match is already confident", async () => {
    const before = ai.calls.length;
    const { hits } = await searchKnowledge(prodEnv, { shopId: "apparel", query: "尺码怎么选", now });
    expect(hits[0]).toMatchObject({ articleId: ids.size, source: "lexical" });
    expect(ai.calls.length).toBe(before);
    expect(index.queries.length).toBe(0);
  });

  it("embeds an unsure question, filters Vectorize by shop scope and fuses both rankings", async () => {
    index.script = [
      { id: `${ids.wash}#0`, score: 0.86 },
      { id: `${ids.other}#0`, score: 0.84 },
      { id: `${ids.size}#1`, score: 0.7 },
    ];
    const before = ai.calls.length;
    const { hits } = await searchKnowledge(prodEnv, { shopId: "apparel", query: "衣服洗涤方式与选码建议", now });
    expect(ai.calls.slice(before)).toEqual([["衣服洗涤方式与选码建议"]]);
    expect(index.queries.at(-1)).toMatchObject({ filter: { shopId: { $in: ["apparel", "platform"] } } });
    expect(hits.map((h) => h.shopId)).not.toContain("electronics");
    const wash = hits.find((h) => h.articleId === ids.wash)!;
    expect(wash.source).toBe("both");
    expect(hits[0]!.articleId).toBe(ids.wash);
    expect(wash.confidence).toBeGreaterThan(0.9);
  });

  it("caches a repeated question's embedding, and never returns what D1 says is not live", async () => {
    index.script = [{ id: `${ids.old}#0`, score: 0.95 }, { id: `${ids.wash}#0`, score: 0.6 }];
    const before = ai.calls.length;
    const first = await searchKnowledge(prodEnv, { shopId: "apparel", query: "夏天的活动还有吗", now });
    const again = await searchKnowledge(prodEnv, { shopId: "apparel", query: "夏天的活动还有吗？", now });
    expect(ai.calls.length).toBe(before + 1);
    for (const { hits } of [first, again]) {
      expect(hits.map((h) => h.articleId)).not.toContain(ids.old);
      expect(hits[0]).toMatchObject({ articleId: ids.wash, source: "vector" });
    }
  });
});
