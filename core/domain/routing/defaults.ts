/**
 * The starter rules a new shop gets, editable afterwards. Each topic has an intent rule and a
 * keyword rule: conditions are ANDed, so "these words or this intent" takes two rules. The
 * intent rule weighs the whole message; the keyword rule catches the words a shop cares about
 * even when the detector leans elsewhere or is unsure.
 */
import { PLATFORM_SHOP_ID } from "../../protocol/common";
import type { RoutingRule } from "./schema";

const COMPLAINT_WORDS = ["投诉", "举报", "12315", "消协", "工商局", "差评", "曝光", "骗子", "complaint", "complain", "scam", "fraud"];
const AFTERSALES_WORDS = ["退货", "退款", "换货", "维修", "保修", "售后", "质量问题", "refund", "return", "exchange", "warranty", "repair"];
const LOGISTICS_WORDS = ["物流", "快递", "发货", "到哪了", "单号", "配送", "包裹", "tracking", "shipping", "delivery", "parcel"];

const COMPLAINT_REPLY = "非常抱歉给您带来不好的体验，已为您优先转接资深客服，请稍候。";

type Draft = Omit<RoutingRule, "id" | "enabled" | "isDefault" | "actions"> & {
  key: string;
  actions: Partial<RoutingRule["actions"]> & { groupKey: string };
};

/**
 * A starter rule set for a shop; the platform desk sends complaints to its complaints group,
 * a shop (which has none) to senior after-sales staff. Complaints come first, before VIP, as
 * they need the staff who can act on them; VIP comes before topics so VIPs keep their desk.
 * Positions leave gaps of 10 so an admin can insert rules between them.
 */
export function defaultRulesFor(shopId: string): RoutingRule[] {
  const complaints = shopId === PLATFORM_SHOP_ID ? "complaints" : "aftersales";
  const escalate = { groupKey: complaints, priority: 5, seniorOnly: true, skipBot: true, autoReply: COMPLAINT_REPLY };
  const drafts: Draft[] = [
    { key: "complaint", name: "投诉", position: 10, conditions: { intents: ["complaint"] }, actions: escalate },
    { key: "complaint-words", name: "投诉关键词", position: 20, conditions: { keywords: COMPLAINT_WORDS }, actions: escalate },
    // VIPs skip the bot: a member paying for service expects a person.
    { key: "vip", name: "VIP客户", position: 30, conditions: { levels: ["vip"] }, actions: { groupKey: "vip", priority: 8, skipBot: true } },
    { key: "logistics", name: "物流问题", position: 40, conditions: { intents: ["logistics"] }, actions: { groupKey: "logistics" } },
    { key: "aftersales", name: "售后问题", position: 50, conditions: { intents: ["after_sales"] }, actions: { groupKey: "aftersales" } },
    // After-sales words before logistics words: "退货的快递" is about a return, not a delivery.
    { key: "aftersales-words", name: "售后关键词", position: 60, conditions: { keywords: AFTERSALES_WORDS }, actions: { groupKey: "aftersales" } },
    { key: "logistics-words", name: "物流关键词", position: 70, conditions: { keywords: LOGISTICS_WORDS }, actions: { groupKey: "logistics" } },
  ];
  const rules: RoutingRule[] = drafts.map(({ key, actions, ...d }) => ({
    // Shop ids never hold "_", so `<shop>_<key>` cannot collide across shops.
    id: `${shopId}_${key}`,
    ...d,
    enabled: true,
    isDefault: false,
    actions: { priority: 0, seniorOnly: false, skipBot: false, ...actions },
  }));
  rules.push({
    id: `${shopId}_default`,
    name: "默认(售前)",
    enabled: true,
    position: 1000,
    conditions: {},
    actions: { groupKey: "presales", priority: 0, seniorOnly: false, skipBot: false },
    isDefault: true,
  });
  return rules;
}
