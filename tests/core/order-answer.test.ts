import { describe, expect, it } from "vitest";
import { describeOrder } from "../../core/domain/bot";

const now = Date.parse("2026-11-20T15:00:00+08:00");
const order = { status: "shipped", createdAt: Date.parse("2026-11-19T10:20:00+08:00"), items: [{ title: "纯棉圆领T恤", qty: 1 }] };
const track = [
  { carrier: "顺丰速运", status: "in_transit", description: "快件已到达【上海转运中心】", location: "上海", occurredAt: Date.parse("2026-11-20T08:05:00+08:00") },
  { carrier: "顺丰速运", status: "collected", description: "顺丰速运 已收取快件", location: "杭州", occurredAt: Date.parse("2026-11-19T16:40:00+08:00") },
];

describe("order answers", () => {
  it("says when it was bought, who carries it and the latest step, in Chinese", () => {
    const text = describeOrder(order, track, now, "zh-CN", "Asia/Shanghai");
    expect(text).toContain("您昨天购买的「纯棉圆领T恤」");
    expect(text).toContain("运输中");
    expect(text).toContain("已由顺丰速运揽收");
    expect(text).toContain("快件已到达【上海转运中心】");
    // The latest step's time is relative (stored text, read in any zone): 08:05 seen at 15:00.
    expect(text).toContain("最新（6小时前 上海）");
  });

  it("counts yesterday in the shop's time zone, the one the shopper's 昨天 was read in", () => {
    // 01:00 in Shanghai on the 20th is still the 19th in New York (12:00 the day before).
    const early = { ...order, createdAt: Date.parse("2026-11-20T01:00:00+08:00") };
    expect(describeOrder(early, [], now, "zh-CN", "Asia/Shanghai")).toContain("您今天购买的");
    expect(describeOrder(early, [], now, "zh-CN", "America/New_York")).toContain("您昨天购买的");
  });

  it("speaks English to an English-speaking shopper, and copes with no track yet", () => {
    expect(describeOrder(order, track, now, "en-US", "Asia/Shanghai")).toMatch(/^The 纯棉圆领T恤 you ordered yesterday is: in transit\. 顺丰速运 picked it up; latest \(6 h ago, 上海\)/);
    const paid = { ...order, status: "paid", createdAt: now - 3 * 3600_000, items: [{ title: "A", qty: 1 }, { title: "B", qty: 2 }] };
    expect(describeOrder(paid, [], now, "zh-CN", "Asia/Shanghai")).toBe("您今天购买的「A 等2件」当前状态：待发货。");
  });

  it("names both carriers when the parcel was handed to another on the way", () => {
    const lastMile = { carrier: "京东物流", status: "out_for_delivery", description: "快递员正在派送", location: "上海", occurredAt: Date.parse("2026-11-20T13:30:00+08:00") };
    expect(describeOrder(order, [lastMile, ...track], now, "zh-CN", "Asia/Shanghai")).not.toContain("包裹");
    expect(describeOrder(order, [lastMile, ...track], now, "zh-CN", "Asia/Shanghai")).toContain("已由顺丰速运揽收，现由京东物流配送，最新（1小时前 上海）：快递员正在派送");
    expect(describeOrder(order, [lastMile, ...track], now, "en-US", "Asia/Shanghai")).toContain("顺丰速运 picked it up, now with 京东物流; latest (1 h ago, 上海)");
    // One carrier all the way: named once.
    expect(describeOrder(order, track, now, "zh-CN", "Asia/Shanghai")).not.toContain("现由");
  });

  it("says an order shipped in several parcels, and speaks of the one last updated", () => {
    const sf = track.map((s) => ({ ...s, trackingNo: "SF100" }));
    const second = { carrier: "中通快递", trackingNo: "78100", status: "out_for_delivery", description: "快递员正在为您派件", location: "杭州", occurredAt: Date.parse("2026-11-20T14:30:00+08:00") };
    const zh = describeOrder(order, [second, ...sf], now, "zh-CN", "Asia/Shanghai");
    // Not a hand-over from 顺丰: the 中通 parcel is another one, picked up by 中通 itself.
    expect(zh).toContain("共2个包裹，最近更新的包裹已由中通快递揽收，最新（30分钟前 杭州）：快递员正在为您派件");
    expect(zh).not.toContain("顺丰");
    expect(describeOrder(order, [second, ...sf], now, "en-US", "Asia/Shanghai")).toContain("It ships in 2 parcels; the one last updated: 中通快递 picked it up; latest (30 min ago, 杭州)");
    expect(describeOrder(order, sf, now, "zh-CN", "Asia/Shanghai")).not.toContain("包裹");
  });
});
