/**
 * Admission to a shop's AgentQueue socket: staff of that shop (platform admins may watch any
 * shop's queue). The token comes as the `token` query parameter, as for rooms.
 */
import * as v from "valibot";
import { PLATFORM_SHOP_ID, ShopId, parseInput } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import { IDENTITY_HEADER } from "../../durable-objects/conversation/connection-state";
import type { QueueConnectionState } from "../../durable-objects/agent-queue/connection-state";
import { encodeHeaderJson } from "../lib/header-json";
import { identify } from "./identity";

const QueueQuery = v.object({ token: v.pipe(v.string("token is required"), v.minLength(1, "token is required")) });

export async function admitToQueue(env: Env, req: Request, shopId: string): Promise<Request> {
  const shop = parseInput(ShopId, shopId);
  if (!shop.ok) throw new DomainError("invalid_input", `shop: ${shop.message}`);
  const url = new URL(req.url);
  if (!url.searchParams.get("token")) throw new DomainError("unauthorized", "token is required (query parameter `token`)");
  const q = parseInput(QueueQuery, Object.fromEntries(url.searchParams));
  if (!q.ok) throw new DomainError("invalid_input", q.message, q.issues);
  const identity = await identify(env, q.value.token);
  if (identity.kind !== "staff") throw new DomainError("forbidden", "only staff connect to a queue");
  const own = identity.shopId === shopId;
  const platformAdmin = identity.role === "platform_admin" && identity.shopId === PLATFORM_SHOP_ID;
  if (!own && !platformAdmin) throw new DomainError("forbidden", "you may only join your own shop's queue");
  const state: QueueConnectionState = { staffId: identity.staffId, name: identity.name, shopId: identity.shopId, role: identity.role };
  url.searchParams.delete("token");
  const forwarded = new Request(url, req);
  forwarded.headers.set(IDENTITY_HEADER, encodeHeaderJson(state));
  return forwarded;
}
