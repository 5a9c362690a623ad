/**
 * Admission to a shop's AgentQueue socket: staff of that shop (platform admins may watch any
 * shop's queue). The credential comes as the `ticket` query parameter, as for rooms, and the queue
 * spends the ticket.
 */
import { ShopId, parseInput } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import type { QueueConnectionState } from "../../durable-objects/agent-queue/connection-state";
import { encodeHeaderJson } from "../lib/header-json";
import { assertMayJoinQueue, identify } from "./identity";
import { forwardAdmitted, socketTicket } from "./socket-ticket";

export async function admitToQueue(env: Env, req: Request, shopId: string): Promise<Request> {
  const shop = parseInput(ShopId, shopId);
  if (!shop.ok) throw new DomainError("invalid_input", `shop: ${shop.message}`);
  const url = new URL(req.url);
  const ticket = await socketTicket(env, url.searchParams, "agent-queue", shopId);
  const identity = await identify(env, ticket.token);
  assertMayJoinQueue(identity, shopId);
  const state: QueueConnectionState = { staffId: identity.staffId, name: identity.name, shopId: identity.shopId, role: identity.role, sessionId: identity.sessionId };
  return forwardAdmitted(req, url, encodeHeaderJson(state), ticket);
}
