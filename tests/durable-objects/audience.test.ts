/** Who may hear that a customer's mall data changed (`seesShopData`): staff only, within their scope. */
import { describe, expect, it } from "vitest";
import { seesShopData } from "../../durable-objects/conversation/audience";
import type { ConnectionState } from "../../durable-objects/conversation/connection-state";

const agent = (shopId: string): ConnectionState => ({ role: "agent", id: `st-${shopId}`, name: "客服", shopId, staffRole: "shop_agent", channel: "pc", entry: null });
const shopper: ConnectionState = { role: "customer", id: "c1", name: "王", level: "gold", channel: "app", entry: null };

describe("seesShopData", () => {
  it.each([
    ["the thread's shop staff, their shop's change", agent("apparel"), "apparel", "apparel", true],
    ["the thread's shop staff, the profile", agent("apparel"), "apparel", null, true],
    ["the thread's shop staff, another shop's change", agent("apparel"), "apparel", "electronics", false],
    ["platform staff, any shop's change", agent("platform"), "electronics", "apparel", true],
    ["platform staff on the platform desk's thread", agent("platform"), "platform", "apparel", true],
    ["the shopper, their own shop's change", shopper, "apparel", "apparel", false],
    ["the shopper, the profile", shopper, "apparel", null, false],
    ["a connection without state", null, "apparel", null, false],
  ] as const)("%s → %s", (_label, state, threadShop, dataShop, sees) => {
    expect(seesShopData(state, threadShop, dataShop)).toBe(sees);
  });
});
