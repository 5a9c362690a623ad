/**
 * Builds the stored body of a `message.send` command: text as given; images and voice only from
 * this thread's uploads (checked in R2); order and product cards as snapshots from D1, scoped to
 * the thread's shop and customer.
 */
import { DomainError } from "../../core/domain/errors";
import { LIMITS, type MessageBody, type MessageSend } from "../../core/protocol";
import { orderCardOf } from "../../core/domain/order-card";
import { database } from "../../worker/db/client";
import { findCustomerOrder, findShopProduct } from "../../worker/db/repos/mall";
import type { ThreadRef } from "./session-sync";

/** The R2 key prefix of a thread's uploads. */
export function uploadPrefix(shopId: string, customerId: string): string {
  return `threads/${shopId}/${customerId}/`;
}

export async function buildMessageBody(env: Env, ref: ThreadRef, cmd: MessageSend): Promise<MessageBody> {
  switch (cmd.kind) {
    case "text":
    case "note":
      return { text: cmd.text };
    case "image":
    case "voice":
      return { attachment: await attachmentOf(env, ref, cmd.kind, cmd.key, cmd.kind === "voice" ? cmd.durationSec : undefined) };
    case "order_card":
      return { order: await orderCard(env, ref, cmd.orderId) };
    case "product_card":
      return { product: await productCard(env, ref, cmd.productId) };
  }
}

async function attachmentOf(env: Env, ref: ThreadRef, kind: "image" | "voice", key: string, durationSec?: number) {
  if (!key.startsWith(uploadPrefix(ref.shopId, ref.customerId))) {
    throw new DomainError("forbidden", "key: the file was not uploaded to this thread");
  }
  const head = await env.FILES.head(key);
  if (!head) throw new DomainError("invalid_input", "key: no such upload", [{ field: "key", message: "no such upload" }]);
  const mime = head.httpMetadata?.contentType ?? "";
  const allowed: readonly string[] = kind === "image" ? LIMITS.imageTypes : LIMITS.voiceTypes;
  if (!allowed.includes(mime)) throw new DomainError("invalid_input", `key: a ${mime || "file of unknown type"} cannot be sent as ${kind}`);
  return { key, mime, size: head.size, ...(durationSec !== undefined ? { durationSec } : {}) };
}

async function orderCard(env: Env, ref: ThreadRef, orderId: string) {
  const order = await findCustomerOrder(database(env.DB), ref.shopId, ref.customerId, orderId);
  if (!order) throw new DomainError("not_found", `orderId: no order ${orderId} of this customer with this shop`);
  return orderCardOf(order);
}

async function productCard(env: Env, ref: ThreadRef, productId: string) {
  const p = await findShopProduct(database(env.DB), ref.shopId, productId);
  if (!p) throw new DomainError("not_found", `productId: no product ${productId} in this shop`);
  return { productId: p.id, title: p.title, priceCents: p.priceCents, category: p.category, ...(p.image ? { image: p.image } : {}) };
}
