/**
 * The demo mall's directory as data: the platform desk, four shops, their skill groups and their
 * staff. The staff logins are documented (README, start script), so they are fixed here rather
 * than drawn at random.
 */

/** Shop ids of the demo mall; `platform` is the platform's own desk. */
export const SHOP_IDS = ["platform", "apparel", "electronics", "food", "beauty"] as const;
export type DemoShopId = (typeof SHOP_IDS)[number];
/** The shops that sell: every shop except the platform desk. */
export type SellingShopId = Exclude<DemoShopId, "platform">;
export const SELLING_SHOPS: readonly SellingShopId[] = ["apparel", "electronics", "food", "beauty"];

/** Display data per shop; `city` is where its parcels leave from. */
export const SHOP_INFO: Record<DemoShopId, { name: string; nameEn: string; city: string; yearsOpen: number }> = {
  platform: { name: "平台客服中心", nameEn: "Platform Service Desk", city: "杭州", yearsOpen: 4 },
  apparel: { name: "织锦服饰旗舰店", nameEn: "Zhijin Apparel Flagship Store", city: "杭州", yearsOpen: 3 },
  electronics: { name: "极客数码专营店", nameEn: "Geek Digital Store", city: "深圳", yearsOpen: 2 },
  food: { name: "山野良品食品旗舰店", nameEn: "Shanye Fine Foods Flagship Store", city: "福州", yearsOpen: 2 },
  beauty: { name: "花语美妆官方旗舰店", nameEn: "Huayu Beauty Official Store", city: "上海", yearsOpen: 1 },
};

/** Skill group keys; every shop has the first four, the platform also has `complaints`. */
export type GroupKey = "presales" | "logistics" | "aftersales" | "vip" | "complaints";

/**
 * Group definitions. Fallbacks end at pre-sales, which every desk staffs, and never loop.
 * VIP waits least; complaints may wait longest because they are often handed to tickets anyway.
 */
export const GROUPS: Record<GroupKey, { name: string; nameEn: string; fallback: GroupKey | null; maxWaitSec: number }> = {
  presales: { name: "售前", nameEn: "Pre-sales", fallback: null, maxWaitSec: 90 },
  logistics: { name: "物流", nameEn: "Logistics", fallback: "aftersales", maxWaitSec: 180 },
  aftersales: { name: "售后", nameEn: "After-sales", fallback: "presales", maxWaitSec: 120 },
  vip: { name: "VIP专席", nameEn: "VIP Desk", fallback: "presales", maxWaitSec: 60 },
  complaints: { name: "投诉", nameEn: "Complaints", fallback: "aftersales", maxWaitSec: 300 },
};

/** The groups of one shop. */
export function groupKeysOf(shopId: DemoShopId): GroupKey[] {
  const keys: GroupKey[] = ["presales", "logistics", "aftersales", "vip"];
  return shopId === "platform" ? [...keys, "complaints"] : keys;
}

/** Staff roles, as the auth layer names them. */
export type StaffRole = "platform_admin" | "platform_agent" | "shop_admin" | "shop_agent";

/** One staff member of the demo mall. */
export interface StaffSeed {
  /** Local part of the login email, e.g. `agent1` for `agent1@apparel.demo`. */
  handle: string;
  name: string;
  role: StaffRole;
  seniority: number;
  groups: GroupKey[];
}

const shopAgents = (names: [string, string, string]): StaffSeed[] => [
  // A senior agent covers VIP and after-sales; juniors take the high-volume pre-sales/logistics.
  { handle: "agent1", name: names[0], role: "shop_agent", seniority: 3, groups: ["vip", "aftersales"] },
  { handle: "agent2", name: names[1], role: "shop_agent", seniority: 2, groups: ["presales", "logistics"] },
  { handle: "agent3", name: names[2], role: "shop_agent", seniority: 1, groups: ["presales", "logistics", "aftersales"] },
];

/** Staff per shop; shop admins manage and take no queue, the platform admin backs up its lone agent. */
export const STAFF: Record<DemoShopId, StaffSeed[]> = {
  platform: [
    { handle: "admin", name: "周明远", role: "platform_admin", seniority: 3, groups: ["vip", "logistics"] },
    { handle: "agent", name: "陈思琪", role: "platform_agent", seniority: 3, groups: ["presales", "aftersales", "complaints"] },
  ],
  apparel: [{ handle: "admin", name: "沈雅婷", role: "shop_admin", seniority: 3, groups: [] }, ...shopAgents(["林小满", "许嘉怡", "赵一鸣"])],
  electronics: [{ handle: "admin", name: "高志远", role: "shop_admin", seniority: 3, groups: [] }, ...shopAgents(["吴浩然", "孙可欣", "郑子豪"])],
  food: [{ handle: "admin", name: "何秀兰", role: "shop_admin", seniority: 3, groups: [] }, ...shopAgents(["黄晓峰", "杨梦瑶", "刘佳琪"])],
  beauty: [{ handle: "admin", name: "苏婉清", role: "shop_admin", seniority: 3, groups: [] }, ...shopAgents(["唐诗雨", "方若彤", "韩雪"])],
};

/** The one password of every demo login. */
export const DEMO_PASSWORD = "kefu123456";

/** A documented demo login, for the README and the start script. */
export interface DemoLogin {
  email: string;
  password: string;
  role: StaffRole;
  shopId: DemoShopId;
  name: string;
}

/** Login email of a staff member. */
export function staffEmail(shopId: DemoShopId, handle: string): string {
  return `${handle}@${shopId}.demo`;
}

/** Every demo login, platform first. */
export const DEMO_LOGINS: readonly DemoLogin[] = SHOP_IDS.flatMap((shopId) =>
  STAFF[shopId].map((s) => ({ email: staffEmail(shopId, s.handle), password: DEMO_PASSWORD, role: s.role, shopId, name: s.name })),
);
