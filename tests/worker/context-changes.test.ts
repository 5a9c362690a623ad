/** Which panel parts an applied mall event changes, and for whom (pure). */
import { describe, expect, it } from "vitest";
import type { MallEvent } from "../../core/protocol";
import { changesOf, groupByCustomer } from "../../worker/services/mall/context-changes";

const at = 1_795_000_000_000;
const ev = (topic: string, data: Record<string, unknown>) => ({ topic, data }) as unknown as MallEvent;

describe("context changes of applied mall events", () => {
  it.each([
    ["customer.upserted", { id: "c1", name: "王", level: "vip", tags: [], locale: "zh-CN", updatedAt: at }, { customerId: "c1", shopId: null, part: "customer" }],
    ["order.upserted", { id: "o1", shopId: "apparel", customerId: "c1", updatedAt: at }, { customerId: "c1", shopId: "apparel", part: "orders" }],
    ["cart.updated", { customerId: "c1", shopId: "apparel", items: [], updatedAt: at }, { customerId: "c1", shopId: "apparel", part: "cart" }],
    ["browsing.event", { id: "b1", customerId: "c1", shopId: "food", productId: "p1", channel: "app", occurredAt: at }, { customerId: "c1", shopId: "food", part: "browsing" }],
  ] as const)("maps %s to one customer change", (topic, data, change) => {
    expect(changesOf([ev(topic, data)])).toEqual({ customers: [change], orders: [] });
  });

  it("names a shipment step's order and shop, and pushes nothing for shops, products and prices", () => {
    const events = [
      ev("shipment.event", { id: "s1", orderId: "o1", shopId: "apparel", occurredAt: at }),
      ev("shop.upserted", { id: "apparel", updatedAt: at }),
      ev("product.upserted", { id: "p1", shopId: "apparel", updatedAt: at }),
      ev("product.price_changed", { productId: "p1", shopId: "apparel", priceCents: 1, occurredAt: at }),
    ];
    expect(changesOf(events)).toEqual({ customers: [], orders: [{ orderId: "o1", shopId: "apparel" }] });
  });

  it("groups a batch by customer and shop, each part once", () => {
    const grouped = groupByCustomer([
      { customerId: "c1", shopId: "apparel", part: "orders" },
      { customerId: "c1", shopId: "apparel", part: "orders" },
      { customerId: "c1", shopId: "apparel", part: "tracking" },
      { customerId: "c1", shopId: null, part: "customer" },
      { customerId: "c2", shopId: "food", part: "cart" },
    ]);
    expect(grouped).toEqual(
      new Map([
        ["c1", [{ shopId: "apparel", parts: ["orders", "tracking"] }, { shopId: null, parts: ["customer"] }]],
        ["c2", [{ shopId: "food", parts: ["cart"] }]],
      ]),
    );
  });
});
