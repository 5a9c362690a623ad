import { describe, expect, it } from "vitest";
import { detectIntent, INTENTS, type Intent } from "../../core/domain/intent/index.js";

// Phrasings written for these tests (not taken from any evaluation data), one row per message.
const CASES: ReadonlyArray<readonly [string, Intent]> = [
  // logistics
  ["我昨天买的衣服到哪了", "logistics"],
  ["下单三天了怎么还不发货", "logistics"],
  ["快递一直显示运输中，两天没更新了", "logistics"],
  ["麻烦帮我把收货地址改成公司地址", "logistics"],
  ["明天能送到吗？我周末不在家", "logistics"],
  ["能不能放快递柜", "logistics"],
  ["where is my parcel? it says out for delivery since Monday", "logistics"],
  ["when will my order ship", "logistics"],
  ["do you deliver to Norway?", "logistics"],
  ["I need to change the delivery address on my order", "logistics"],
  ["my package still hasn't arrived", "logistics"],
  // after-sales
  ["收到的杯子碎了，想退货", "after_sales"],
  ["鞋子偏小，能换大一码吗", "after_sales"],
  ["刚买就降价了，能申请价保吗", "after_sales"],
  ["退款什么时候到账", "after_sales"],
  ["空调什么时候上门安装", "after_sales"],
  ["耳机左边没声音了，保修期内可以维修吗", "after_sales"],
  ["拍错了，帮我取消订单", "after_sales"],
  ["the blender arrived broken, I want a replacement", "after_sales"],
  ["how do I return these shoes, they don't fit", "after_sales"],
  ["please cancel my order, I bought the wrong model", "after_sales"],
  ["when will I get my refund?", "after_sales"],
  ["is this still under warranty? the screen stopped working", "after_sales"],
  // pre-sales
  ["这两款有什么区别", "pre_sales"],
  ["身高170体重65公斤穿多大码", "pre_sales"],
  ["这个颜色还有货吗", "pre_sales"],
  ["现在下单有优惠券吗", "pre_sales"],
  ["这款手机支持无线充电吗", "pre_sales"],
  ["do you have this jacket in size M?", "pre_sales"],
  ["is there a discount code for first orders", "pre_sales"],
  ["which model would you recommend for a small kitchen", "pre_sales"],
  ["is the blue one back in stock", "pre_sales"],
  // payment
  ["我要开增值税专用发票", "payment"],
  ["付款的时候一直提示支付失败", "payment"],
  ["可以用白条分期吗", "payment"],
  ["为什么扣了两次钱", "payment"],
  ["I was charged twice for one order", "payment"],
  ["what payment methods do you accept", "payment"],
  ["can I get an invoice with my company's VAT number", "payment"],
  ["my card got declined at checkout", "payment"],
  // account
  ["忘记登录密码了怎么找回", "account"],
  ["换了手机号，收不到验证码", "account"],
  ["怎么注销账号", "account"],
  ["plus会员怎么开通", "account"],
  ["I can't log in to my account", "account"],
  ["how do I reset my password", "account"],
  ["please unsubscribe me from the newsletter", "account"],
  ["I want to add a second shipping address to my profile", "account"],
  // complaint
  ["我要投诉你们的快递员，态度太差了", "complaint"],
  ["你们这是虚假宣传，我要打12315", "complaint"],
  ["客服一直敷衍，问题拖了一周都没解决", "complaint"],
  ["I want to file a complaint about your staff", "complaint"],
  ["this is unacceptable, I'm contacting my lawyer", "complaint"],
  ["your service is terrible and I'm not happy at all", "complaint"],
  // other
  ["转人工", "other"],
  ["我想在你们平台入驻开店，需要什么资料", "other"],
  ["客服工作时间是几点到几点", "other"],
  ["I want to speak to a human agent", "other"],
  ["where can I leave feedback about your service", "other"],
  ["how do I become a seller on your marketplace", "other"],
];

describe("detectIntent", () => {
  it.each(CASES)("%s → %s", (text, intent) => {
    expect(detectIntent(text).intent).toBe(intent);
  });

  it("calls empty or blank text other, with zero confidence and no terms", () => {
    for (const text of ["", "   ", "\n\t"]) {
      const r = detectIntent(text);
      expect(r.intent).toBe("other");
      expect(r.confidence).toBe(0);
      expect(r.matched).toEqual([]);
      expect(Object.values(r.scores).every((s) => s === 0)).toBe(true);
    }
  });

  it("calls small talk other with low confidence", () => {
    const r = detectIntent("你好 在吗");
    expect(r.intent).toBe("other");
    expect(r.confidence).toBeLessThan(0.3);
  });

  it("handles mixed Chinese and English", () => {
    expect(detectIntent("我的order到哪了，tracking number 查不到").intent).toBe("logistics");
    expect(detectIntent("invoice 抬头写错了").intent).toBe("payment");
    expect(detectIntent("帮我 cancel 这个 order 吧").intent).toBe("after_sales");
  });

  it("lists the terms that fired, as the shopper wrote them", () => {
    const zh = detectIntent("发票抬头写错了");
    expect(zh.matched).toEqual(expect.arrayContaining(["发票", "抬头"]));
    const en = detectIntent("Can you help me cancel my last order?");
    expect(en.matched).toContain("cancel … order");
  });

  it("repairs common typos and run-together words", () => {
    expect(detectIntent("i need assistnce with a refnud").intent).toBe("after_sales");
    expect(detectIntent("where do i change the deliveryaddress").intent).toBe("logistics");
  });

  it("counts praise words for complaint only when negated", () => {
    expect(detectIntent("I am not satisfied").intent).toBe("complaint");
    expect(detectIntent("I am satisfied").intent).toBe("other");
    expect(detectIntent("很不满意").intent).toBe("complaint");
  });

  it("lets the longer word speak for the shorter one inside it", () => {
    // 装修 (renovation) must not count as 修 (repair); 价格保护 is not a price question.
    expect(detectIntent("房子在装修，晚几天再发货").intent).toBe("logistics");
    const r = detectIntent("价格保护怎么申请");
    expect(r.intent).toBe("after_sales");
    expect(r.scores.pre_sales).toBe(0);
  });

  it("returns a score for every intent and a confidence in [0, 1]", () => {
    const r = detectIntent("我的快递到哪了");
    expect(Object.keys(r.scores).sort()).toEqual([...INTENTS].sort());
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it("is less confident when two intents compete", () => {
    const clear = detectIntent("我要退货");
    const torn = detectIntent("退货的快递什么时候来取");
    expect(torn.confidence).toBeLessThan(clear.confidence);
  });
});
