import { describe, expect, it } from "vitest";
import {
  ANSWER_THRESHOLD,
  addExample,
  analyze,
  clusterKey,
  columnOf,
  findCluster,
  matchExpression,
  oneEditApart,
  rankCandidates,
  reciprocalRankFusion,
  recordToRow,
  rowToRecord,
  stemWord,
  termSequence,
  vectorConfidence,
  type LexicalCandidate,
} from "../../core/domain/knowledge";

const terms = (text: string) => [...analyze(text).keys()];

describe("analyze", () => {
  it.each([
    ["为啥不能退款", "为什么用不了退款"],
    ["账户怎么登陆", "帐号如何登录"],
    ["怎么不发货", "为什么不发货"],
  ])("makes variants meet: %s ~ %s", (a, b) => {
    const shared = terms(a).filter((t) => analyze(b).has(t));
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps the bigram of a word the segmenter split, and drops particles", () => {
    const seq = termSequence("我昨天买的衣服什么时候发货");
    expect(seq).toContain("发货");
    expect(seq).not.toContain("的衣");
    expect(seq).not.toContain("的");
  });

  it("stems English and maps service synonyms to one concept", () => {
    expect(terms("I'd like my money back for the purchase")).toEqual(expect.arrayContaining(["refund", "order"]));
    expect(terms("Cancelling an order")).toEqual(terms("cancel orders"));
    expect(terms("please help me")).toEqual([]);
  });

  it.each([
    ["cancellation", "cancel"],
    ["canceled", "cancel"],
    ["shipping", "ship"],
    ["deliveries", "delivery"],
    ["addresses", "addres"],
    ["paid", "pay"],
  ])("stems %s → %s", (word, stem) => expect(stemWord(word)).toBe(stem));

  it("quotes every term of the MATCH expression and leaves lone characters to the rerank", () => {
    expect(matchExpression(analyze("退货 运费"))?.split(" OR ").sort()).toEqual(['"运费"', '"退货"'].sort());
    expect(matchExpression(analyze("的了吗"))).toBeNull();
    expect(matchExpression(new Map([["还", 0.4]]))).toBe('"还"');
  });

  it("knows one-edit typos", () => {
    expect(oneEditApart("cacnel", "cancel")).toBe(true);
    expect(oneEditApart("refnd", "refund")).toBe(true);
    expect(oneEditApart("order", "border")).toBe(true);
    expect(oneEditApart("refund", "return")).toBe(false);
  });
});

function candidate(articleId: string, phrasings: string[], extra: Partial<LexicalCandidate> = {}): LexicalCandidate {
  return { articleId, shopId: "s", phrasings: phrasings.map(analyze), questionBm25: -1, answerBm25: null, helpful: 0, notHelpful: 0, ...extra };
}

describe("rankCandidates", () => {
  it("ranks by the best-matching phrasing of each article and is confident on a close one", () => {
    const ranked = rankCandidates(analyze("衣服什么时候发货"), [candidate("refund", ["怎么退款", "退款多久到账"]), candidate("ship", ["运费怎么算", "什么时候发货"])], "s");
    expect(ranked.map((r) => r.articleId)).toEqual(["ship", "refund"]);
    expect(ranked[0]!.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it("ranks a paraphrase's question first whatever its word order, particles and variants", () => {
    const articles = [candidate("open", ["如何开通花呗"]), candidate("close", ["如何关闭花呗"]), candidate("loan", ["怎么关闭借呗"])];
    for (const q of ["花呗怎么关闭呢", "我想关掉我的花呗啊", "关闭花呗要怎样弄"]) expect(rankCandidates(analyze(q), articles, "s")[0]!.articleId).toBe("close");
  });

  it("lets helpful / not-helpful feedback break a tie, and prefers the shop's own article", () => {
    const a = candidate("a", ["怎么退货"]);
    const b = candidate("b", ["怎么退货"]);
    expect(rankCandidates(analyze("怎么退货"), [a, { ...b, helpful: 20 }], "s")[0]!.articleId).toBe("b");
    expect(rankCandidates(analyze("怎么退货"), [{ ...a, notHelpful: 20 }, b], "s")[0]!.articleId).toBe("b");
    expect(rankCandidates(analyze("怎么退货"), [{ ...a, shopId: "platform" }, b], "s")[0]!.articleId).toBe("b");
  });

  it("is not confident when two articles match equally", () => {
    const ranked = rankCandidates(analyze("怎么退货"), [candidate("a", ["怎么退货"]), candidate("b", ["怎么退货"])], "s");
    expect(ranked[0]!.confidence).toBeLessThan(1);
    expect(rankCandidates(analyze("包邮吗"), [candidate("a", ["发票怎么开"])], "s")[0]?.confidence ?? 0).toBeLessThan(ANSWER_THRESHOLD);
  });
});

describe("reciprocal rank fusion", () => {
  it("lifts what both rankings agree on and keeps the lexical order on ties", () => {
    const fused = reciprocalRankFusion(["a", "b", "c"], ["c", "d"]);
    // b (2nd lexical) and d (2nd vector) tie: the lexical one stays first.
    expect(fused.map((f) => f.id)).toEqual(["c", "a", "b", "d"]);
    expect(fused[0]!.in).toEqual(["lexical", "vector"]);
    expect(vectorConfidence(0.9)).toBeGreaterThan(vectorConfidence(0.6));
    expect(vectorConfidence(0.3)).toBe(0);
  });
});

describe("unanswered clusters", () => {
  it("gives the same key to reworded questions and joins near ones", () => {
    expect(clusterKey("为啥还不发货？？")).toBe(clusterKey("还不发货，为什么"));
    const open = [{ id: "g1", clusterKey: clusterKey("什么时候发货呀") }];
    expect(findCluster(clusterKey("什么时候发货"), open)?.id).toBe("g1");
    expect(findCluster(clusterKey("发票怎么开"), open)).toBeUndefined();
    expect(addExample(["b", "a"], " a ")).toEqual(["a", "b"]);
  });
});

describe("CSV rows", () => {
  it("maps headers (any case, snake_case, Chinese) and splits lists", () => {
    const columns = ["Question", "alt_questions", "答案", "tags", "valid_to", "notes"].map(columnOf);
    expect(columns).toEqual(["question", "altQuestions", "answer", "tags", "validTo", null]);
    const row = recordToRow(columns, ["怎么退货", "退货流程\n如何退货", "'=点击申请", "售后，退货", "1767196800000", "ignored"]);
    expect(row).toEqual({ question: "怎么退货", altQuestions: ["退货流程", "如何退货"], answer: "=点击申请", tags: ["售后", "退货"], validTo: 1767196800000 });
  });

  it("writes phrasings one per line and times as ISO 8601", () => {
    const cells = rowToRecord({ id: "a1", kind: "faq", status: "draft", question: "q", altQuestions: ["x", "y"], answer: "a", tags: ["t"], category: null, productId: null, validFrom: 0, validTo: null });
    expect(cells).toEqual(["a1", "faq", "draft", "q", "x\ny", "a", "t", "", "", "1970-01-01T00:00:00.000Z", ""]);
  });
});
