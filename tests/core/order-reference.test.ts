/// <reference types="vite/client" />
/**
 * Order-reference resolution: every row of the phrasing table, plus targeted checks of calendar
 * words across month/year boundaries, DST and time zones, amounts and numerals.
 */
import { describe, expect, it } from "vitest";
import table from "../fixtures/order-phrasings.jsonl?raw";
import { dateOf, extractTimeWords, resolveOrderReference, type OrderSummary } from "../../core/domain/order-reference";
import { extractAmounts, amountSignal } from "../../core/domain/order-reference/amounts";
import { parseNumber } from "../../core/domain/order-reference/numerals";
import { judgePhrasing, parsePhrasingTable } from "../../core/domain/order-reference/phrasing-table";
import type { TimeSpec } from "../../core/domain/order-reference/time-words";

const cases = parsePhrasingTable(table, "order-phrasings.jsonl");

describe("phrasing table", () => {
  it("has at least 60 rows, some ambiguous and some resolving nothing", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.ambiguous === true).length).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(5);
  });

  for (const c of cases) {
    it(`${c.where} ${c.input.message}`, () => {
      const result = resolveOrderReference(c.input);
      const verdict = judgePhrasing(c, result);
      expect(verdict.why ?? "ok", JSON.stringify(result)).toBe("ok");
      // Contract: confidences in 0..1, best first.
      for (const x of result.candidates) expect(x.confidence).toBeGreaterThanOrEqual(0), expect(x.confidence).toBeLessThanOrEqual(1);
      const conf = result.candidates.map((x) => x.confidence);
      expect(conf).toEqual([...conf].sort((a, b) => b - a));
    });
  }
});

/** The day ranges a message's time words resolve to, as "YYYY-MM-DD..YYYY-MM-DD". */
function ranges(message: string, nowIso: string, timeZone = "Asia/Shanghai"): string[] {
  const fmt = (d: number) => {
    const x = dateOf(d);
    return `${x.year}-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")}`;
  };
  return extractTimeWords(message.toLowerCase(), Date.parse(nowIso), timeZone).specs.map((s: TimeSpec) =>
    s.kind === "days" ? `${fmt(s.from)}..${fmt(s.to)}` : `since ${new Date(s.sinceMs).toISOString()}`,
  );
}

describe("time words", () => {
  it("reads yesterday across month, leap-year and year boundaries", () => {
    expect(ranges("昨天买的", "2025-03-01T10:00:00+08:00")).toEqual(["2025-02-28..2025-02-28"]);
    expect(ranges("昨天买的", "2024-03-01T10:00:00+08:00")).toEqual(["2024-02-29..2024-02-29"]);
    expect(ranges("yesterday", "2025-01-01T09:00:00+08:00")).toEqual(["2024-12-31..2024-12-31"]);
    expect(ranges("大前天", "2025-01-02T09:00:00+08:00")).toEqual(["2024-12-30..2024-12-30"]);
    expect(ranges("the day before yesterday", "2025-03-01T09:00:00+08:00")).toEqual(["2025-02-27..2025-02-27"]);
  });

  it("counts calendar days, not 24-hour windows", () => {
    const now = Date.parse("2025-03-12T00:10:00+08:00");
    const order = summary("X", "paid", "2025-03-11T23:50:00+08:00");
    const yesterday = resolveOrderReference({ message: "昨天买的东西", orders: [order, summary("Y", "paid", "2025-03-01T10:00:00+08:00")], now });
    expect(yesterday.candidates[0]?.orderId).toBe("X");
    expect(ranges("今天", "2025-03-12T00:10:00+08:00")).toEqual(["2025-03-12..2025-03-12"]);
  });

  it("reads last month and last week across the year boundary", () => {
    expect(ranges("上个月", "2025-01-15T12:00:00+08:00")).toEqual(["2024-12-01..2024-12-31"]);
    expect(ranges("last month", "2025-03-31T12:00:00+08:00")).toEqual(["2025-02-01..2025-02-28"]);
    // 2025-01-02 is a Thursday: last week ran Monday 2024-12-23 to Sunday 2024-12-29.
    expect(ranges("上周", "2025-01-02T12:00:00+08:00")).toEqual(["2024-12-23..2024-12-29"]);
    // Weeks start on Monday: on a Sunday, "this week" reaches back to Monday.
    expect(ranges("这周", "2025-03-16T12:00:00+08:00")).toEqual(["2025-03-10..2025-03-16"]);
    expect(ranges("上个星期", "2025-03-17T12:00:00+08:00")).toEqual(["2025-03-10..2025-03-16"]);
  });

  it("reads weekdays: the latest one before today, or a named week's", () => {
    // 2025-03-12 is a Wednesday.
    expect(ranges("周三买的", "2025-03-12T12:00:00+08:00")).toEqual(["2025-03-05..2025-03-05"]);
    expect(ranges("周三买的", "2025-03-13T12:00:00+08:00")).toEqual(["2025-03-12..2025-03-12"]);
    expect(ranges("上周五", "2025-03-12T12:00:00+08:00")).toEqual(["2025-03-07..2025-03-07"]);
    expect(ranges("on monday", "2025-03-12T12:00:00+08:00")).toEqual(["2025-03-10..2025-03-10"]);
    // "last Monday" is read both ways: last week's and the latest.
    expect(ranges("last monday", "2025-03-12T12:00:00+08:00")).toEqual(["2025-03-03..2025-03-03", "2025-03-10..2025-03-10"]);
  });

  it("reads sale days in the latest year they have happened", () => {
    expect(ranges("双十一那单", "2025-03-12T12:00:00+08:00")).toEqual(["2024-11-10..2024-11-12"]);
    expect(ranges("双11买的", "2025-11-12T12:00:00+08:00")).toEqual(["2025-11-10..2025-11-12"]);
    expect(ranges("618买的", "2025-01-05T12:00:00+08:00")).toEqual(["2024-06-17..2024-06-19"]);
    expect(ranges("618买的", "2025-06-25T12:00:00+08:00")).toEqual(["2025-06-17..2025-06-19"]);
  });

  it("reads N days ago in digits, Chinese numerals and English words", () => {
    expect(ranges("3天前", "2025-03-02T12:00:00+08:00")).toEqual(["2025-02-27..2025-02-27"]);
    expect(ranges("两天前买的", "2025-01-01T12:00:00+08:00")).toEqual(["2024-12-30..2024-12-30"]);
    expect(ranges("ten days ago", "2025-03-05T12:00:00+08:00")).toEqual(["2025-02-23..2025-02-23"]);
    expect(ranges("十多天前", "2025-03-30T12:00:00+08:00")).toEqual(["2025-03-11..2025-03-20"]);
    expect(ranges("12月30号买的", "2025-01-02T12:00:00+08:00")).toEqual(["2024-12-30..2024-12-30"]);
  });

  it("resolves the same instant in the shopper's zone", () => {
    // 2025-03-03 08:30 in Los Angeles is 2025-03-04 00:30 in Shanghai.
    const now = "2025-03-04T00:30:00+08:00";
    expect(ranges("yesterday", now, "America/Los_Angeles")).toEqual(["2025-03-02..2025-03-02"]);
    expect(ranges("yesterday", now)).toEqual(["2025-03-03..2025-03-03"]);
    const order = summary("LA", "paid", "2025-03-03T06:00:00-08:00");
    const other = summary("OLD", "paid", "2025-02-20T06:00:00-08:00");
    const today = resolveOrderReference({ message: "what I ordered today", orders: [order, other], now: Date.parse(now), timeZone: "America/Los_Angeles" });
    expect(today.candidates[0]?.orderId).toBe("LA");
    const zh = resolveOrderReference({ message: "今天买的", orders: [order, other], now: Date.parse(now) });
    expect(zh.candidates).toEqual([]);
  });

  it("keeps calendar days across a DST change", () => {
    // New York moved to daylight time on 2025-03-09.
    expect(ranges("yesterday", "2025-03-10T12:00:00-04:00", "America/New_York")).toEqual(["2025-03-09..2025-03-09"]);
    expect(ranges("2 days ago", "2025-03-10T00:30:00-04:00", "America/New_York")).toEqual(["2025-03-08..2025-03-08"]);
  });

  it("falls back to Asia/Shanghai on an unknown zone instead of throwing", () => {
    expect(ranges("昨天", "2025-03-01T10:00:00+08:00", "Mars/Olympus")).toEqual(["2025-02-28..2025-02-28"]);
  });

  it("drops promised times and dates shipments", () => {
    expect(ranges("说好昨天发货的", "2025-03-12T12:00:00+08:00")).toEqual([]);
    expect(ranges("it was supposed to arrive yesterday", "2025-03-12T12:00:00+08:00")).toEqual([]);
    const spec = extractTimeWords("昨天发的货", Date.parse("2025-03-12T12:00:00+08:00"), "Asia/Shanghai").specs[0];
    expect(spec.event).toBe("shipped");
    const bought = extractTimeWords("昨天买的还没发货", Date.parse("2025-03-12T12:00:00+08:00"), "Asia/Shanghai").specs[0];
    expect(bought.event).toBe("created");
  });
});

describe("amounts and numerals", () => {
  const range = (t: string) => extractAmounts(t).specs.map((s) => [s.minCents / 100, s.maxCents / 100]);
  it("reads prices with a money cue only", () => {
    expect(range("199那单")).toEqual([[198, 200]]);
    expect(range("两百多的")).toEqual([[200, 300]]);
    expect(range("一千多的那个耳机")).toEqual([[1000, 2000]]);
    expect(range("$30")).toEqual([[29, 31]]);
    expect(range("不到100块")).toEqual([[0, 100]]);
    expect(range("几十块的")).toEqual([[10, 100]]);
    expect(range("买了两件")).toEqual([]);
    expect(range("十多天了")).toEqual([]);
  });
  it("drops a bare number that is a model number in a title", () => {
    const order = summary("M", "delivered", "2025-03-01T10:00:00+08:00", "小米14 Pro", 499900);
    expect(amountSignal(extractAmounts("小米14的那个").specs, [order])).toBeUndefined();
  });
  it("parses Chinese numerals", () => {
    expect(["两百", "一百五", "十九", "一千零五", "一万二", "三千二百"].map(parseNumber)).toEqual([200, 150, 19, 1005, 12000, 3200]);
  });
});

describe("resolveOrderReference", () => {
  const now = Date.parse("2025-03-12T15:00:00+08:00");
  const orders = [
    summary("SHOES", "shipped", "2025-03-10T10:00:00+08:00", "跑步鞋", 39900, "apparel/shoes"),
    summary("TEE", "paid", "2025-03-11T10:00:00+08:00", "纯棉T恤", 12900, "apparel/tops"),
  ];
  it("says greetings refer to no order, even on an order page", () => {
    expect(resolveOrderReference({ message: "在吗", orders, now, entryOrderId: "TEE" })).toEqual({ candidates: [], ambiguous: false, referenced: false });
  });
  it("prefers the entry order unless the message names another", () => {
    expect(resolveOrderReference({ message: "到哪了", orders, now, entryOrderId: "TEE" }).candidates[0].orderId).toBe("TEE");
    expect(resolveOrderReference({ message: "鞋子到哪了", orders, now, entryOrderId: "TEE" }).candidates[0].orderId).toBe("SHOES");
    expect(resolveOrderReference({ message: "不是这单", orders, now, entryOrderId: "TEE" }).candidates[0].orderId).toBe("SHOES");
  });
  it("resolves nothing when the named product is in no order", () => {
    const r = resolveOrderReference({ message: "我的手机到哪了", orders, now });
    expect(r.referenced).toBe(true);
    expect(r.candidates).toEqual([]);
  });
  it("takes an order number the shopper volunteers over everything else", () => {
    const withIds = orders.map((o, i) => ({ ...o, id: `2025031100${i}` }));
    const r = resolveOrderReference({ message: "订单20250311001的鞋子", orders: withIds, now });
    expect(r.candidates[0].orderId).toBe("20250311001");
  });
  it("handles a shopper with no orders", () => {
    expect(resolveOrderReference({ message: "我的快递到哪了", orders: [], now })).toEqual({ candidates: [], ambiguous: false, referenced: true });
  });
});

function summary(id: string, status: OrderSummary["status"], createdIso: string, title = "商品", priceCents = 10000, category = "food/snacks"): OrderSummary {
  const createdAt = Date.parse(createdIso);
  return { id, shopId: "s", status, totalCents: priceCents, createdAt, paidAt: createdAt + 60_000, items: [{ productId: `p-${id}`, title, category, qty: 1, priceCents }] };
}
