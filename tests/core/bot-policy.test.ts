import { describe, expect, it } from "vitest";
import { asksForHuman, decideBotTurn, greetingFor, type BotTurnInput } from "../../core/domain/bot";

const base: BotTurnInput = {
  text: "", askedForHuman: false, upset: false, skipBot: false, orderQuestion: false,
  orders: { referenced: false, orderIds: [], ambiguous: false }, hits: [], lowStreak: 0,
};
const hit = (articleId: string, confidence: number) => ({ articleId, question: articleId, confidence });

describe("bot policy", () => {
  it.each([
    ["a rule says skip the bot", { skipBot: true, hits: [hit("a", 0.9)] }, { kind: "handoff", reason: "rule" }],
    ["the shopper asks for a person", { askedForHuman: true, hits: [hit("a", 0.9)] }, { kind: "handoff", reason: "asked" }],
    ["the shopper is upset", { upset: true, hits: [hit("a", 0.9)] }, { kind: "handoff", reason: "upset" }],
    ["a confident article", { hits: [hit("a", 0.8), hit("b", 0.5)] }, { kind: "answer", articleId: "a" }],
    ["their own order beats an article", { orderQuestion: true, orders: { referenced: true, orderIds: ["o1"], ambiguous: false }, hits: [hit("a", 0.9)] }, { kind: "order_status", orderId: "o1" }],
    ["ambiguous orders are offered as a choice", { orderQuestion: true, orders: { referenced: true, orderIds: ["o1", "o2", "o3", "o4"], ambiguous: true } }, { kind: "order_choice", orderIds: ["o1", "o2", "o3"] }],
    ["an order question with no order found", { orderQuestion: true, orders: { referenced: true, orderIds: [], ambiguous: false } }, { kind: "handoff", reason: "order_unresolved" }],
  ] as [string, Partial<BotTurnInput>, unknown][])("%s", (_n, input, expected) => {
    expect(decideBotTurn({ ...base, ...input })).toEqual(expected);
  });

  it("suggests the top three when unsure, and hands off at the second unsure turn", () => {
    const hits = [hit("a", 0.5), hit("b", 0.45), hit("c", 0.35), hit("d", 0.31), hit("e", 0.1)];
    const first = decideBotTurn({ ...base, hits });
    expect(first).toEqual({ kind: "suggest", options: hits.slice(0, 3), lowStreak: 1 });
    expect(decideBotTurn({ ...base, hits, lowStreak: 1 })).toEqual({ kind: "handoff", reason: "low_confidence" });
  });

  it.each(["转人工", "我要人工客服", "人工", "找真人", "agent", "Can I talk to a human?", "let me speak to a representative"])("recognises a request for a person: %s", (t) => {
    expect(asksForHuman(t)).toBe(true);
  });
  it.each(["人工智能手机", "what does the agent program cost", "这个多少钱"])("does not mistake %s for one", (t) => {
    expect(asksForHuman(t)).toBe(false);
  });

  it("greets by entry, in the shopper's language", () => {
    expect(greetingFor({ type: "product", id: "p1" }, "zh-CN").code).toBe("bot.greeting.product");
    expect(greetingFor({ type: "order", id: "o1" }, "en-US").quick[0]).toBe("Where is my parcel?");
    expect(greetingFor(null, "zh-CN").quick).toContain("转人工");
  });
});
