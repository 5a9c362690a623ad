/**
 * Rows for the directory tables (shops, skill groups, staff, memberships) from the data in
 * shops.ts.
 */
import { hashPassword } from "../../worker/lib/password";
import type { shops, skillGroups, staff, staffGroups } from "../../worker/db/schema";
import { Rng, hashString } from "./random";
import { DEMO_PASSWORD, GROUPS, SHOP_IDS, SHOP_INFO, STAFF, groupKeysOf, staffEmail, type DemoShopId, type GroupKey } from "./shops";
import { HOUR, dayStart } from "./time";

export type ShopRow = typeof shops.$inferInsert;
export type SkillGroupRow = typeof skillGroups.$inferInsert;
export type StaffRow = typeof staff.$inferInsert;
export type StaffGroupRow = typeof staffGroups.$inferInsert;

/** Skill group id, e.g. `apparel-presales`. */
export function groupId(shopId: DemoShopId, key: GroupKey): string {
  return `${shopId}-${key}`;
}

/** Staff id, e.g. `st-apparel-agent1`. */
export function staffId(shopId: DemoShopId, handle: string): string {
  return `st-${shopId}-${handle}`;
}

/** One row per shop, opened whole years before now. */
export function shopRows(now: number): ShopRow[] {
  return SHOP_IDS.map((id) => ({
    id,
    name: SHOP_INFO[id].name,
    nameEn: SHOP_INFO[id].nameEn,
    category: id,
    createdAt: dayStart(now, SHOP_INFO[id].yearsOpen * 365) + 10 * HOUR,
  }));
}

/** Every shop's skill groups, all least-loaded. */
export function skillGroupRows(): SkillGroupRow[] {
  return SHOP_IDS.flatMap((shopId) =>
    groupKeysOf(shopId).map((key) => {
      const { name, nameEn, fallback, maxWaitSec } = GROUPS[key];
      return {
        id: groupId(shopId, key),
        shopId,
        key,
        name,
        nameEn,
        policy: "least_loaded",
        fallbackGroupId: fallback ? groupId(shopId, fallback) : null,
        maxWaitSec,
      };
    }),
  );
}

// PBKDF2 at 100k iterations is the slow part of generating the mall; hashes do not depend on `now`,
// so each is computed once per process and shared by every later call.
const hashCache = new Map<string, Promise<string>>();

/** A fixed per-login salt, so the same email always gets the same hash. */
function saltFor(email: string): Uint8Array {
  const rng = new Rng(hashString(`salt:${email}`));
  return Uint8Array.from({ length: 16 }, () => rng.int(0, 255));
}

function hashFor(email: string): Promise<string> {
  let hash = hashCache.get(email);
  if (!hash) {
    hash = hashPassword(DEMO_PASSWORD, saltFor(email));
    hashCache.set(email, hash);
  }
  return hash;
}

/** Staff rows with their password hashes, and their group memberships. */
export async function staffRows(now: number): Promise<{ staff: StaffRow[]; staffGroups: StaffGroupRow[] }> {
  const rng = Rng.for("staff");
  const members = SHOP_IDS.flatMap((shopId) => STAFF[shopId].map((seed) => ({ shopId, seed, email: staffEmail(shopId, seed.handle) })));
  const hashes = await Promise.all(members.map((m) => hashFor(m.email)));
  const staffList = members.map(({ shopId, seed, email }, i): StaffRow => {
    const isAgent = seed.role.endsWith("_agent");
    return {
      id: staffId(shopId, seed.handle),
      shopId,
      email,
      name: seed.name,
      role: seed.role,
      passwordHash: hashes[i]!,
      // Seniors juggle more chats at once; admins keep a small load for escalations.
      capacity: isAgent ? rng.int(3, 5) + seed.seniority : 3,
      seniority: seed.seniority,
      createdAt: dayStart(now, rng.int(30, 700)) + rng.int(9, 18) * HOUR,
    };
  });
  const memberships = members.flatMap(({ shopId, seed }) =>
    seed.groups.map((key) => ({ staffId: staffId(shopId, seed.handle), groupId: groupId(shopId, key) })),
  );
  return { staff: staffList, staffGroups: memberships };
}
