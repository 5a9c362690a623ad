/**
 * The widget's URL: `?shop=apparel&product=p-apparel-001&order=…&channel=h5&customer=c0001&token=…`.
 * Bad values fall back to defaults rather than failing: a mall's link should still open a chat.
 */
import * as v from "valibot";
import { Channel, CustomerId, ShopId } from "../../../core/protocol";
import type { WidgetOptions } from "../models/widget";

const EntryIdParam = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

function pick<T>(schema: v.GenericSchema<unknown, T>, value: string | null): T | undefined {
  const r = v.safeParse(schema, value);
  return r.success ? r.output : undefined;
}

export function readWidgetParams(): WidgetOptions {
  const q = new URLSearchParams(location.search);
  const token = q.get("token") ?? undefined;
  if (token) {
    // Keep the token out of the address bar, history and anything copied from it.
    q.delete("token");
    const rest = q.toString();
    history.replaceState(null, "", `${location.pathname}${rest ? `?${rest}` : ""}${location.hash}`);
  }
  return {
    shopId: pick(ShopId, q.get("shop")) ?? "apparel",
    productId: pick(EntryIdParam, q.get("product")),
    orderId: pick(EntryIdParam, q.get("order")),
    channel: pick(Channel, q.get("channel")) ?? (matchMedia("(min-width: 768px)").matches ? "pc" : "h5"),
    customerId: pick(CustomerId, q.get("customer")),
    token,
  };
}
