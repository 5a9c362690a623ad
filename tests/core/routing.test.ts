import { describe, expect, it } from "vitest";
import { parseInput } from "../../core/protocol/validate";
import {
  BUILTIN_DEFAULT_RULE, BusinessHours, DEFAULT_BUSINESS_HOURS, RoutingRule, RoutingRuleInput, defaultRulesFor,
  isWithinBusinessHours, routeSession, validateRuleSet, type RoutingContext,
} from "../../core/domain/routing";

/** An instant at local Beijing wall-clock time on Monday 2025-01-06 (+ `days`). */
const bj = (hhmm: string, days = 0) => Date.UTC(2025, 0, 6 + days, Number(hhmm.slice(0, 2)) - 8, Number(hhmm.slice(3)));
const NOON = bj("12:00");

const ctx = (over: Partial<RoutingContext> = {}): RoutingContext => ({
  text: "你好",
  shopId: "acme",
  level: "normal",
  channel: "h5",
  entry: null,
  entryCategories: [],
  businessHours: DEFAULT_BUSINESS_HOURS,
  ...over,
});

/** A stored rule, filled in through the schema so defaults apply as they would on load. */
function rule(id: string, conditions: object, actions: object = { groupKey: "logistics" }, extra: object = {}): RoutingRule {
  const parsed = parseInput(RoutingRule, { id, name: id, position: 10, conditions, actions, ...extra });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}
const DEFAULT = rule("fallback", {}, { groupKey: "presales" }, { isDefault: true, position: 1000 });

/** Routes one rule plus the default and says whether the rule won. */
function matches(conditions: object, over: Partial<RoutingContext> = {}, now = NOON): boolean {
  return routeSession([rule("r", conditions), DEFAULT], ctx(over), now).ruleId === "r";
}

describe("each condition", () => {
  const rows: ReadonlyArray<readonly [string, object, Partial<RoutingContext>, number, boolean]> = [
    ["keywords zh substring", { keywords: ["到哪了"] }, { text: "我的包裹到哪了？" }, NOON, true],
    ["keywords zh absent", { keywords: ["到哪了"] }, { text: "有现货吗" }, NOON, false],
    ["keywords en word", { keywords: ["ship"] }, { text: "When will you SHIP it?" }, NOON, true],
    ["keywords en inside a word", { keywords: ["ship"] }, { text: "our relationship is over" }, NOON, false],
    ["keywords en phrase, spaces collapsed", { keywords: ["track my order"] }, { text: "pls  Track my order" }, NOON, true],
    ["keywords en beside Chinese", { keywords: ["iphone"] }, { text: "我的iPhone坏了" }, NOON, true],
    ["keywords full-width NFKC", { keywords: ["vip"] }, { text: "我是ＶＩＰ会员" }, NOON, true],
    ["keywords digits not inside a number", { keywords: ["12315"] }, { text: "订单号912315888" }, NOON, false],
    ["keywords digits beside Chinese", { keywords: ["12315"] }, { text: "我要打12315" }, NOON, true],
    ["keywords any of several", { keywords: ["refund", "退款"] }, { text: "退款呢" }, NOON, true],
    ["intents match", { intents: ["logistics"] }, { text: "我昨天买的衣服到哪了" }, NOON, true],
    ["intents miss", { intents: ["complaint"] }, { text: "我昨天买的衣服到哪了" }, NOON, false],
    ["categories exact", { categories: ["food/tea"] }, { entryCategories: ["food/tea"] }, NOON, true],
    ["categories department prefix", { categories: ["electronics"] }, { entryCategories: ["electronics/phones"] }, NOON, true],
    ["categories prefix needs a slash", { categories: ["food"] }, { entryCategories: ["foodstuff/x"] }, NOON, false],
    ["categories any order item", { categories: ["beauty"] }, { entryCategories: ["food/tea", "beauty/makeup"] }, NOON, true],
    ["categories none on entry", { categories: ["beauty"] }, {}, NOON, false],
    ["levels match", { levels: ["gold", "vip"] }, { level: "vip" }, NOON, true],
    ["levels miss", { levels: ["vip"] }, { level: "silver" }, NOON, false],
    ["channels match", { channels: ["app"] }, { channel: "app" }, NOON, true],
    ["channels miss", { channels: ["app"] }, { channel: "pc" }, NOON, false],
    ["entryTypes match", { entryTypes: ["order"] }, { entry: { type: "order", id: "o1" } }, NOON, true],
    ["entryTypes miss", { entryTypes: ["order"] }, { entry: { type: "product" } }, NOON, false],
    ["entryTypes no entry", { entryTypes: ["help"] }, { entry: null }, NOON, false],
    ["shops match", { shops: ["acme", "zeta"] }, {}, NOON, true],
    ["shops miss", { shops: ["zeta"] }, {}, NOON, false],
    ["timeOfDay inside", { timeOfDay: { from: "09:00", to: "18:00" } }, {}, bj("17:59"), true],
    ["timeOfDay end excluded", { timeOfDay: { from: "09:00", to: "18:00" } }, {}, bj("18:00"), false],
    ["timeOfDay wrap, late", { timeOfDay: { from: "22:00", to: "06:00" } }, {}, bj("23:30"), true],
    ["timeOfDay wrap, early", { timeOfDay: { from: "22:00", to: "06:00" } }, {}, bj("05:59"), true],
    ["timeOfDay wrap, day", { timeOfDay: { from: "22:00", to: "06:00" } }, {}, NOON, false],
    ["businessHours inside", { businessHours: "inside" }, {}, NOON, true],
    ["businessHours inside at night", { businessHours: "inside" }, {}, bj("23:00"), false],
    ["businessHours outside", { businessHours: "outside" }, {}, bj("08:59"), true],
    ["conditions are ANDed", { levels: ["vip"], channels: ["app"] }, { level: "vip", channel: "pc" }, NOON, false],
  ];
  it.each(rows)("%s", (_name, conditions, over, now, expected) => {
    expect(matches(conditions, over, now)).toBe(expected);
  });

  it("reads timeOfDay in the business-hours zone", () => {
    const berlin = { ...DEFAULT_BUSINESS_HOURS, timeZone: "Europe/Berlin" };
    // 12:00 in Beijing is 05:00 in Berlin (winter).
    expect(matches({ timeOfDay: { from: "04:00", to: "06:00" } }, { businessHours: berlin })).toBe(true);
    expect(matches({ timeOfDay: { from: "04:00", to: "06:00" } })).toBe(false);
  });
});

describe("actions and order", () => {
  it("carries every action into the decision", () => {
    const actions = { groupKey: "vip", priority: 8, seniorOnly: true, skipBot: true, autoReply: "尊敬的会员您好" };
    const d = routeSession([rule("v", { levels: ["vip"] }, actions), DEFAULT], ctx({ level: "vip" }), NOON);
    expect(d).toMatchObject({ ruleId: "v", ruleName: "v", ...actions });
  });

  it("defaults priority, seniorOnly and skipBot, and omits a blank autoReply", () => {
    const d = routeSession([rule("a", {}, { groupKey: "logistics", autoReply: "  " }), DEFAULT], ctx(), NOON);
    expect(d).toMatchObject({ groupKey: "logistics", priority: 0, seniorOnly: false, skipBot: false });
    expect("autoReply" in d).toBe(false);
  });

  it("tries rules by position and the first match wins", () => {
    const late = rule("late", { shops: ["acme"] }, { groupKey: "aftersales" }, { position: 20 });
    const early = rule("early", { channels: ["h5"] }, { groupKey: "logistics" }, { position: 5 });
    expect(routeSession([late, early, DEFAULT], ctx(), NOON).ruleId).toBe("early");
  });

  it("skips disabled rules and says so in the trace", () => {
    const off = rule("off", {}, { groupKey: "vip" }, { enabled: false, position: 1 });
    const d = routeSession([off, DEFAULT], ctx(), NOON);
    expect(d.ruleId).toBe("fallback");
    expect(d.trace[0]).toMatchObject({ ruleId: "off", matched: false, skipped: "disabled", checks: [] });
    expect(d.explanation).toContain('规则 "off": 已停用，跳过');
  });

  it("tries the default rule last even when positioned first", () => {
    const first = rule("fallback", {}, { groupKey: "presales" }, { isDefault: true, position: 0 });
    const d = routeSession([first, rule("ch", { channels: ["h5"] }, { groupKey: "logistics" }, { position: 50 })], ctx(), NOON);
    expect(d.ruleId).toBe("ch");
    expect(routeSession([first], ctx(), NOON).ruleId).toBe("fallback");
  });

  it("falls back to the built-in default (presales, priority 0) without a default rule", () => {
    const d = routeSession([rule("x", { levels: ["vip"] })], ctx(), NOON);
    expect(d).toMatchObject({ ruleId: BUILTIN_DEFAULT_RULE.id, groupKey: "presales", priority: 0 });
    expect(d.explanation.at(-1)).toContain("内置默认");
  });

  it("reports the detected intent", () => {
    const d = routeSession([DEFAULT], ctx({ text: "快递到哪了" }), NOON);
    expect(d.intent.intent).toBe("logistics");
    expect(d.intent.confidence).toBeGreaterThan(0);
    expect(d.intent.matched.length).toBeGreaterThan(0);
  });
});

describe("explanation and trace", () => {
  it("records each check as data and as a sentence", () => {
    const rules = [
      rule("vip", { levels: ["vip"], channels: ["h5"] }, { groupKey: "vip" }, { name: "VIP", position: 1 }),
      rule("log", { keywords: ["到哪了", "物流"] }, { groupKey: "logistics" }, { name: "物流问题", position: 2 }),
      DEFAULT,
    ];
    const d = routeSession(rules, ctx({ text: "请问到哪了" }), NOON);
    expect(d.trace).toEqual([
      {
        ruleId: "vip", ruleName: "VIP", isDefault: false, matched: false,
        checks: [
          { condition: "levels", ok: false, detail: { actual: "normal" } },
          { condition: "channels", ok: true, detail: { actual: "h5" } },
        ],
      },
      { ruleId: "log", ruleName: "物流问题", isDefault: false, matched: true, checks: [{ condition: "keywords", ok: true, detail: { hits: ["到哪了"] } }] },
    ]);
    expect(d.explanation).toEqual(expect.arrayContaining([
      '规则 "VIP": 会员等级 不匹配 (当前 normal)',
      '规则 "VIP": 渠道 匹配 h5',
      '规则 "VIP": 未命中',
      '规则 "物流问题": 关键词 匹配 "到哪了"',
      '规则 "物流问题": 命中 → 技能组 logistics',
    ]));
    expect(d.explanation[0]).toMatch(/^识别意图: logistics/);
  });

  it("ends with the default rule when nothing matched", () => {
    const d = routeSession([rule("t", { timeOfDay: { from: "22:00", to: "06:00" } }), DEFAULT], ctx(), NOON);
    expect(d.trace.map((t) => [t.ruleId, t.matched])).toEqual([["t", false], ["fallback", true]]);
    expect(d.trace[0].checks[0]).toEqual({
      condition: "timeOfDay", ok: false, detail: { actual: "12:00", from: "22:00", to: "06:00", timeZone: "Asia/Shanghai" },
    });
    expect(d.explanation).toContain('规则 "t": 时段 不匹配 (12:00 不在 22:00-06:00, Asia/Shanghai)');
    expect(d.explanation.at(-1)).toBe('规则 "fallback": 命中 → 技能组 presales');
  });
});

describe("business hours", () => {
  const hours = (weekly: object, timeZone?: string): BusinessHours => {
    const parsed = parseInput(BusinessHours, { timeZone, weekly });
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  };
  // 2025-01-10 is a Friday; +1 day is Saturday.
  const fri = (hhmm: string) => bj(hhmm, 4);
  const sat = (hhmm: string) => bj(hhmm, 5);
  const late = hours({ fri: [["20:00", "02:00"]] });
  const rows: ReadonlyArray<readonly [string, BusinessHours, number, boolean]> = [
    ["default, opening minute", DEFAULT_BUSINESS_HOURS, bj("09:00"), true],
    ["default, closing minute", DEFAULT_BUSINESS_HOURS, bj("22:00"), false],
    ["default, before opening", DEFAULT_BUSINESS_HOURS, bj("08:59"), false],
    ["two intervals, lunch break", hours({ mon: [["09:00", "12:00"], ["13:00", "18:00"]] }), bj("12:30"), false],
    ["two intervals, afternoon", hours({ mon: [["09:00", "12:00"], ["13:00", "18:00"]] }), bj("13:00"), true],
    ["a missing day is closed", hours({ tue: [["00:00", "24:00"]] }), NOON, false],
    ["00:00-24:00 is all day", hours({ mon: [["00:00", "24:00"]] }), bj("23:59"), true],
    ["wrap, evening of its day", late, fri("23:00"), true],
    ["wrap, after midnight next day", late, sat("01:59"), true],
    ["wrap, ends at its end", late, sat("02:00"), false],
    ["wrap, not the early hours of its own day", late, fri("01:00"), false],
    ["wrap to 00:00", hours({ mon: [["18:00", "00:00"]] }), bj("23:59"), true],
    // 12:00 in Beijing is 23:00 Sunday in New York (EST).
    ["other zone, local Sunday night", hours({ sun: [["22:00", "23:30"]] }, "America/New_York"), NOON, true],
    ["other zone, not Beijing's Monday", hours({ mon: [["09:00", "18:00"]] }, "America/New_York"), NOON, false],
  ];
  it.each(rows)("%s", (_name, h, now, expected) => {
    expect(isWithinBusinessHours(h, now)).toBe(expected);
  });

  it("defaults the zone to Asia/Shanghai and refuses unknown zones and equal ends", () => {
    expect(hours({}).timeZone).toBe("Asia/Shanghai");
    expect(DEFAULT_BUSINESS_HOURS.weekly.sun).toEqual([["09:00", "22:00"]]);
    const bad = parseInput(BusinessHours, { timeZone: "Mars/Olympus", weekly: { mon: [["09:00", "09:00"]], wed: [["9:00", "18:00"]] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.field)).toEqual(["timeZone", "weekly.mon.0", "weekly.wed.0.0"]);
  });
});

describe("rule validation", () => {
  const input = { name: "物流", position: 10, conditions: { keywords: ["到哪了"] }, actions: { groupKey: "logistics" } };
  const fields = (schema: typeof RoutingRule | typeof RoutingRuleInput, value: unknown) => {
    const r = parseInput(schema, value);
    return r.ok ? [] : r.issues.map((i) => i.field);
  };
  const rows: ReadonlyArray<readonly [string, object, string]> = [
    ["priority above 10", { actions: { groupKey: "logistics", priority: 11 } }, "actions.priority"],
    ["priority not an integer", { actions: { groupKey: "logistics", priority: 1.5 } }, "actions.priority"],
    ["missing group key", { actions: {} }, "actions.groupKey"],
    ["bad group key", { actions: { groupKey: "Logistics!" } }, "actions.groupKey"],
    ["auto-reply too long", { actions: { groupKey: "vip", autoReply: "好".repeat(501) } }, "actions.autoReply"],
    ["empty name", { name: "  " }, "name"],
    ["name too long", { name: "x".repeat(61) }, "name"],
    ["position not an integer", { position: 1.5 }, "position"],
    ["empty keyword list", { conditions: { keywords: [] } }, "conditions.keywords"],
    ["blank keyword", { conditions: { keywords: ["ok", " "] } }, "conditions.keywords.1"],
    ["unknown intent", { conditions: { intents: ["shipping"] } }, "conditions.intents.0"],
    ["unknown level", { conditions: { levels: ["diamond"] } }, "conditions.levels.0"],
    ["unknown channel", { conditions: { channels: ["fax"] } }, "conditions.channels.0"],
    ["unknown entry type", { conditions: { entryTypes: ["cart"] } }, "conditions.entryTypes.0"],
    ["bad shop id", { conditions: { shops: ["Acme Co"] } }, "conditions.shops.0"],
    ["bad category", { conditions: { categories: ["Electronics/"] } }, "conditions.categories.0"],
    ["bad time", { conditions: { timeOfDay: { from: "25:00", to: "06:00" } } }, "conditions.timeOfDay.from"],
    ["equal times", { conditions: { timeOfDay: { from: "06:00", to: "06:00" } } }, "conditions.timeOfDay"],
    ["bad business hours", { conditions: { businessHours: "always" } }, "conditions.businessHours"],
    ["misspelt condition", { conditions: { keyword: ["x"] } }, "conditions.keyword"],
  ];
  it.each(rows)("%s names %s", (_name, patch, field) => {
    expect(fields(RoutingRuleInput, { ...input, ...patch })).toContain(field);
  });

  it("accepts an input and fills the defaults", () => {
    const r = parseInput(RoutingRuleInput, input);
    expect(r.ok && r.value).toEqual({ ...input, enabled: true, actions: { groupKey: "logistics", priority: 0, seniorOnly: false, skipBot: false } });
  });

  it("keeps id and isDefault out of inputs, and requires an id on stored rules", () => {
    expect(fields(RoutingRuleInput, { ...input, id: "r1" })).toContain("id");
    expect(fields(RoutingRuleInput, { ...input, isDefault: true })).toContain("isDefault");
    expect(fields(RoutingRule, input)).toContain("id");
    expect(fields(RoutingRule, { ...input, id: "has space" })).toContain("id");
  });

  it("refuses a default rule with conditions or disabled", () => {
    expect(fields(RoutingRule, { ...input, id: "d", isDefault: true })).toEqual(["conditions"]);
    expect(fields(RoutingRule, { ...input, id: "d", isDefault: true, conditions: {}, enabled: false })).toEqual(["enabled"]);
    expect(fields(RoutingRule, { ...input, id: "d", isDefault: true, conditions: {} })).toEqual([]);
  });
});

describe("rule sets", () => {
  it("accepts the starter set of a shop and of the platform desk", () => {
    expect(validateRuleSet(defaultRulesFor("acme")).ok).toBe(true);
    expect(validateRuleSet(defaultRulesFor("platform")).ok).toBe(true);
  });

  it("needs exactly one default, unique ids and unique positions", () => {
    const a = rule("a", { levels: ["vip"] });
    const fieldsOf = (rules: unknown) => {
      const r = validateRuleSet(rules);
      return r.ok ? [] : r.issues.map((i) => i.field);
    };
    expect(fieldsOf([a])).toEqual([""]);
    expect(fieldsOf([a, DEFAULT, { ...DEFAULT, id: "d2", position: 2000 }])).toEqual(["2.isDefault"]);
    expect(fieldsOf([a, { ...a, position: 20 }, DEFAULT])).toEqual(["1.id"]);
    expect(fieldsOf([a, { ...a, id: "b" }, DEFAULT])).toEqual(["1.position"]);
    expect(fieldsOf([a, { ...DEFAULT, actions: { groupKey: "presales", priority: 99 } }])).toEqual(["1.actions.priority"]);
  });
});

describe("starter rules", () => {
  const route = (shopId: string, over: Partial<RoutingContext>) => routeSession(defaultRulesFor(shopId), ctx({ shopId, ...over }), NOON);
  const rows: ReadonlyArray<readonly [string, string, Partial<RoutingContext>, object]> = [
    ["logistics intent", "acme", { text: "下单三天了怎么还不发货" }, { groupKey: "logistics", priority: 0 }],
    ["logistics word", "acme", { text: "tracking?" }, { groupKey: "logistics" }],
    ["after-sales intent", "acme", { text: "收到的杯子碎了，想退货" }, { groupKey: "aftersales", seniorOnly: false }],
    ["complaint at a shop", "acme", { text: "我要投诉你们，再不处理就打12315" }, { groupKey: "aftersales", priority: 5, seniorOnly: true, skipBot: true }],
    ["complaint at the platform", "platform", { text: "我要投诉这个店铺" }, { groupKey: "complaints", priority: 5, seniorOnly: true }],
    ["VIP", "acme", { level: "vip", text: "这件有货吗" }, { groupKey: "vip", priority: 8 }],
    ["anything else", "acme", { text: "这件有货吗" }, { groupKey: "presales", priority: 0 }],
  ];
  it.each(rows)("%s", (_name, shopId, over, expected) => {
    expect(route(shopId, over)).toMatchObject(expected);
  });

  it("gives complaints an auto-reply and keeps ids per shop", () => {
    expect(route("acme", { text: "我要投诉" }).autoReply).toMatch(/抱歉/);
    const ids = [...defaultRulesFor("acme"), ...defaultRulesFor("platform")].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
