/**
 * The mall's shoppers: `c0001` … `c0500`. Besides the rows, each shopper has a profile the other
 * generators read (how long ago they joined, where their parcels go, how much they buy).
 */
import type { customers } from "../../worker/db/schema";
import { CITIES, chineseName, englishName } from "./names";
import { Rng } from "./random";
import { MINUTE, dayStart } from "./time";

export type CustomerRow = typeof customers.$inferInsert;
export type CustomerLevel = "normal" | "silver" | "gold" | "vip";

/** What the order, cart and browsing generators need to know about a shopper. */
export interface CustomerProfile {
  id: string;
  level: CustomerLevel;
  tags: string[];
  /** Whole days between joining and today; orders and visits never come earlier. */
  joinedDaysAgo: number;
  city: (typeof CITIES)[number];
  /** Relative purchase frequency. */
  weight: number;
}

/** The shopper the README demo logs in as. */
export const DEMO_CUSTOMER_ID = "c0001";
export const CUSTOMER_COUNT = 500;

const LEVEL_WEIGHTS = { normal: 60, silver: 25, gold: 11, vip: 4 } as const;
const BUYING_WEIGHT: Record<CustomerLevel, number> = { normal: 1, silver: 1.6, gold: 2.5, vip: 4 };

/** Optional tags and the chance a shopper carries each; the ones that fit a level lean that way. */
function drawTags(rng: Rng, level: CustomerLevel, joinedDaysAgo: number): string[] {
  const premium = level === "gold" || level === "vip";
  const tags: string[] = [];
  if (joinedDaysAgo < 30) tags.push("新客");
  if (joinedDaysAgo > 1500) tags.push("老客户");
  if (rng.chance(0.05)) tags.push("高退货");
  if (rng.chance(premium ? 0.02 : 0.12)) tags.push("学生");
  if (rng.chance(premium ? 0.15 : 0.02)) tags.push("企业采购");
  if (rng.chance(premium ? 0.04 : 0.14)) tags.push("价格敏感");
  if (rng.chance(0.06)) tags.push("数码发烧友");
  if (rng.chance(0.08)) tags.push("宝妈");
  return tags;
}

function profileOf(rng: Rng, n: number): CustomerProfile & { name: string; locale: string } {
  const id = `c${String(n).padStart(4, "0")}`;
  if (id === DEMO_CUSTOMER_ID) {
    // Fixed so the README can tell the story: a loyal gold member in Shanghai.
    return { id, name: "林晓雨", locale: "zh-CN", level: "gold", tags: ["老客户"], joinedDaysAgo: 1200, city: CITIES[0]!, weight: 0 };
  }
  const level = rng.weighted(LEVEL_WEIGHTS);
  const joinedDaysAgo = rng.chance(0.08) ? rng.int(8, 29) : rng.int(60, 2000);
  const english = rng.chance(0.08);
  return {
    id,
    name: english ? englishName(rng) : chineseName(rng),
    locale: english ? "en-US" : "zh-CN",
    level,
    tags: drawTags(rng, level, joinedDaysAgo),
    joinedDaysAgo,
    city: rng.pick(CITIES),
    weight: BUYING_WEIGHT[level],
  };
}

/** Customer rows and the profiles behind them, in id order. */
export function customerRows(now: number): { rows: CustomerRow[]; profiles: CustomerProfile[] } {
  const rng = Rng.for("customers");
  const rows: CustomerRow[] = [];
  const profiles: CustomerProfile[] = [];
  for (let n = 1; n <= CUSTOMER_COUNT; n++) {
    const { name, locale, ...profile } = profileOf(rng, n);
    const createdAt = dayStart(now, profile.joinedDaysAgo) + rng.int(7 * 60, 23 * 60) * MINUTE;
    rows.push({
      id: profile.id,
      name,
      level: profile.level,
      tags: profile.tags,
      locale,
      // The address the mall knows them by: their authenticated mail to a shop joins their thread.
      email: `${profile.id}@shopper.demo`,
      createdAt,
      updatedAt: createdAt + Math.floor(rng.next() * (now - createdAt)),
    });
    profiles.push(profile);
  }
  return { rows, profiles };
}
