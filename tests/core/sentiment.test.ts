import { describe, expect, it } from "vitest";
import { isUpset, NEUTRAL_BAND, scoreSentiment, UPSET_THRESHOLD } from "../../core/domain/sentiment";
import { EN_LEXICON } from "../../core/domain/sentiment/lexicon-en";
import { ZH_LEXICON } from "../../core/domain/sentiment/lexicon-zh";

type Label = "negative" | "neutral" | "positive";
const score = (text: string) => scoreSentiment(text).score;

// Our own chat-style phrasings (none taken from the evaluation data). Columns: text, label,
// whether the bot should hand off (isUpset), whether it is an explicit complaint.
const TABLE: [string, Label, boolean, boolean][] = [
  // Chinese: upset shoppers.
  ["你们怎么回事，三天了还没发货！", "negative", true, false],
  ["为什么还不发货？？？", "negative", true, false],
  ["说好的48小时发货呢，到现在还没动静", "negative", true, false],
  ["客服一直不回消息，什么态度", "negative", true, false],
  ["太差了！！！再也不买了", "negative", true, false],
  ["好慢啊，等了一个星期了", "negative", true, false],
  ["质量太差了，我要投诉", "negative", true, true],
  ["再不处理我就打12315", "negative", true, true],
  ["你们这是欺诈，我要报警", "negative", true, true],
  ["垃圾商家，骗子", "negative", true, true],
  ["必须给差评", "negative", true, true],
  ["买到假货了，根本不是正品", "negative", true, false],
  // Chinese: unhappy but not (yet) a hand-off.
  ["有点贵", "negative", false, false],
  ["衣服不太合身，可以换大一码吗", "negative", false, false],
  ["质量问题可以退吗", "negative", false, false],
  ["我无法登录账号", "negative", false, false],
  ["东西还行，就是物流太慢", "neutral", false, false],
  // Chinese: neutral questions and acknowledgements.
  ["好的", "neutral", false, false],
  ["嗯嗯，收到", "neutral", false, false],
  ["在吗？", "neutral", false, false],
  ["请问这个有货吗", "neutral", false, false],
  ["什么时候能发货呢", "neutral", false, false],
  ["我的快递到哪了", "neutral", false, false],
  ["不好意思，麻烦帮我查一下物流", "neutral", false, false],
  ["我不是要投诉，就想问问进度", "neutral", false, false],
  // Chinese: pleased shoppers.
  ["谢谢亲", "positive", false, false],
  ["好的，谢谢", "positive", false, false],
  ["辛苦了，问题解决了", "positive", false, false],
  ["物流很快，包装也很好，给个好评", "positive", false, false],
  ["不错不错，很满意", "positive", false, false],
  ["东西很好，下次还会来买", "positive", false, false],
  ["没有异味，很好吃", "positive", false, false],
  ["虽然物流慢了点，但是东西很好", "positive", false, false],
  ["不会给差评的，放心", "positive", false, false],
  // English: upset shoppers.
  ["this is the third time I'm asking", "negative", true, false],
  ["My order still hasn't arrived and nobody answers!", "negative", true, false],
  ["I've been waiting two weeks for my refund", "negative", true, false],
  ["Why hasn't my package shipped yet???", "negative", true, false],
  ["Never ordering from you again", "negative", true, false],
  ["You guys are the WORST", "negative", true, false],
  ["The item arrived broken", "negative", true, false],
  ["Not good at all", "negative", true, false],
  ["This is unacceptable", "negative", true, true],
  ["This is ridiculous, I want to speak to a manager", "negative", true, true],
  ["I'm going to report you", "negative", true, true],
  ["I will contact my lawyer", "negative", true, true],
  ["Total scam, I want my money back", "negative", true, true],
  // English: unhappy but calm.
  ["I can't log in to my account", "negative", false, false],
  ["The shoes don't fit, can I return them?", "negative", false, false],
  ["Not happy with the quality", "negative", false, false],
  ["It's a bit small", "negative", false, false],
  // English: neutral.
  ["ok", "neutral", false, false],
  ["Where is my order?", "neutral", false, false],
  ["Can I change the delivery address?", "neutral", false, false],
  ["Do you ship to Canada?", "neutral", false, false],
  ["I'm not complaining, just asking", "neutral", false, false],
  // English: pleased shoppers.
  ["Great, thanks for the quick help!", "positive", false, false],
  ["Thank you so much, you've been very helpful", "positive", false, false],
  ["Absolutely love it!", "positive", false, false],
  ["Works great, highly recommend", "positive", false, false],
  ["No complaints, arrived on time", "positive", false, false],
  ["I can't complain", "positive", false, false],
  ["The price is a bit high but the quality is excellent", "positive", false, false],
];

describe("scoreSentiment on chat-style phrasings", () => {
  it.each(TABLE)("%s → %s (upset %s, complaint %s)", (text, label, upset, complaint) => {
    const r = scoreSentiment(text);
    expect(r.label).toBe(label);
    expect(isUpset(r)).toBe(upset);
    expect(r.complaint).toBe(complaint);
  });
});

describe("negation", () => {
  it("flips praise and softens criticism", () => {
    expect(score("不好")).toBeLessThan(0);
    expect(score("不错")).toBeGreaterThan(0);
    expect(score("not good")).toBeLessThan(0);
    expect(score("not bad")).toBeGreaterThan(0);
    expect(score("not bad")).toBeLessThan(score("good"));
    expect(score("没问题")).toBeGreaterThan(0);
    expect(score("no problems at all")).toBeGreaterThan(0);
  });

  it("reads an unmet expectation as negative", () => {
    expect(score("还没收到")).toBeLessThan(0);
    expect(score("一直没人回复")).toBeLessThan(0);
    expect(score("it never arrived")).toBeLessThan(0);
    expect(score("收到了")).toBe(0);
  });

  it("keeps 'not very good' milder than 'very bad' and '太不好了' stronger than '不太好'", () => {
    expect(score("not very good")).toBeGreaterThan(score("very bad"));
    expect(score("太不好了")).toBeLessThan(score("不太好"));
  });

  it("lets 别 / don't-style imperatives keep a complaint negative", () => {
    expect(score("别骗人了")).toBeLessThan(0);
    expect(score("别敷衍我")).toBeLessThan(0);
  });

  it("does not treat a negated complaint word as praise", () => {
    const r = scoreSentiment("我不想投诉");
    expect(r.complaint).toBe(false);
    expect(r.label).toBe("neutral");
  });
});

describe("degree, contrast and punctuation", () => {
  it("scales with intensifiers and dampeners", () => {
    expect(score("太慢了")).toBeLessThan(score("慢"));
    expect(score("慢")).toBeLessThan(score("有点慢"));
    expect(score("extremely slow")).toBeLessThan(score("slow"));
    expect(score("好慢")).toBeLessThan(0); // 好 as a degree adverb, not praise
  });

  it("weighs the clause after 但是 / but more", () => {
    expect(scoreSentiment("很好用，但是太贵了").label).toBe("negative");
    expect(scoreSentiment("虽然有点贵，但是质量很好").label).toBe("positive");
    expect(scoreSentiment("It looks nice but it broke after a day").label).toBe("negative");
    expect(scoreSentiment("Shipping was slow but the product is amazing").label).toBe("positive");
  });

  it("sharpens with !!! and reads ？？？ as exasperation", () => {
    expect(score("太慢了！！！")).toBeLessThan(score("太慢了"));
    expect(score("发货了吗？？？")).toBeLessThan(score("发货了吗？"));
  });

  it("counts stretched spelling and shouting", () => {
    expect(score("sooo slow")).toBeLessThan(score("slow"));
    expect(score("It is TERRIBLE")).toBeLessThan(score("It is terrible"));
  });

  it("lists the words that pulled the score down", () => {
    const r = scoreSentiment("质量太差了，物流也慢，还没发货");
    expect(r.negativeTerms).toContain("太差");
    expect(r.negativeTerms.some((t) => t.includes("没") && t.includes("发货"))).toBe(true);
    expect(scoreSentiment("It doesn't work").negativeTerms).toContain("doesn't work");
  });
});

describe("emoji and emoticons", () => {
  it.each([
    ["😡", "negative"],
    ["😭😭😭", "negative"],
    [":(", "negative"],
    ["[怒]", "negative"],
    ["👍", "positive"],
    ["😊", "positive"],
    [":)", "positive"],
    ["好的😊", "positive"],
  ] as [string, Label][])("%s is %s", (text, label) => {
    expect(scoreSentiment(text).label).toBe(label);
  });

  it("does not let repeated emoji run away", () => {
    expect(score("😡😡😡😡😡😡")).toBeGreaterThanOrEqual(-1);
    expect(isUpset("😡😡")).toBe(true);
  });
});

describe("edge cases", () => {
  it.each(["", "   ", "12345", "....", "https://example.com/a:/b", "🤷"])("%j is neutral", (text) => {
    const r = scoreSentiment(text);
    expect(r).toEqual({ score: 0, label: "neutral", negativeTerms: [], complaint: false });
  });

  it("keeps the score within -1..1 and labels it by the band", () => {
    const texts = ["垃圾垃圾垃圾，骗子，差评，投诉，报警！！！", "完美完美完美，超赞，五星好评！！！", "meh"];
    for (const text of texts) {
      const r = scoreSentiment(text);
      expect(Math.abs(r.score)).toBeLessThanOrEqual(1);
      expect(r.label === "neutral").toBe(Math.abs(r.score) < NEUTRAL_BAND);
    }
    expect(UPSET_THRESHOLD).toBeLessThan(-NEUTRAL_BAND);
  });

  it("stays fast on very long text and still reads its tail", () => {
    const long = `${"我想问一下这个商品的尺码和颜色。".repeat(5000)}太差了，我要投诉！`;
    const start = Date.now();
    const r = scoreSentiment(long);
    expect(Date.now() - start).toBeLessThan(500);
    expect(r.complaint).toBe(true);
    const words = "word ".repeat(50_000);
    const t2 = Date.now();
    expect(scoreSentiment(words).label).toBe("neutral");
    expect(Date.now() - t2).toBeLessThan(500);
  });

  it("accepts a result already computed", () => {
    const r = scoreSentiment("垃圾");
    expect(isUpset(r)).toBe(isUpset("垃圾"));
  });
});

describe("lexicons", () => {
  it("list every entry once", () => {
    expect(ZH_LEXICON.duplicates).toEqual([]);
    expect(EN_LEXICON.duplicates).toEqual([]);
  });
});
