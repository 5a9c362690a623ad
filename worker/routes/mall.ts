/**
 * The mall's signed webhooks (docs/mall-integration.md). No bearer token: the HMAC signature
 * over the raw body is the authentication, so the body is read as text, never re-serialised.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { describeRoute } from "hono-openapi";
import { DomainError } from "../../core/domain/errors";
import { WEBHOOK_HEADERS } from "../../core/domain/webhook-signature";
import { MAX_DELIVERY_BYTES } from "../../core/protocol/mall";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import { notifyContextChanges } from "../services/mall/context-push";
import { receiveDelivery } from "../services/mall/receive";
import { closeRevokedSockets } from "../services/mall/revoke-sockets";
import { webhookSecret } from "../services/mall/signature";
import { dispatchStoredNotices } from "../services/proactive/dispatch";

export const mallRoutes = new Hono<AppEnv>().post(
  "/mall/webhooks",
  describeRoute({
    tags: ["mall"],
    summary: "The mall pushes customers (and revokes their tokens), shops, products, prices, orders, parcel tracks, carts and page views: one event or a batch, HMAC-signed.",
  }),
  bodyLimit({
    maxSize: MAX_DELIVERY_BYTES,
    onError: () => {
      throw new DomainError("payload_too_large", `a delivery may be at most ${MAX_DELIVERY_BYTES} bytes`);
    },
  }),
  async (c) => {
    const headers = {
      timestamp: c.req.header(WEBHOOK_HEADERS.timestamp),
      signature: c.req.header(WEBHOOK_HEADERS.signature),
      eventId: c.req.header(WEBHOOK_HEADERS.eventId),
    };
    const db = database(c.env.DB);
    const { result, applied } = await receiveDelivery(db, webhookSecret(c.env), headers, await c.req.text(), Date.now());
    // New parcel steps and price drops put their notices in the outbox in the same batch: send them
    // now (the cron sweeps any left). A parcel's before the answer; a drop's (up to 5,000) after it.
    if (applied.some((e) => e.topic === "shipment.event")) await dispatchStoredNotices(c.env, db, Date.now());
    else if (applied.some((e) => e.topic === "product.price_changed" || e.topic === "product.upserted")) c.executionCtx.waitUntil(dispatchStoredNotices(c.env, db, Date.now()));
    // Revoked shoppers lose their open sockets before the mall has its answer.
    await closeRevokedSockets(c.env, applied);
    // Open panels hear about it after the mall has its answer: the push must not slow or fail a delivery.
    c.executionCtx.waitUntil(notifyContextChanges(c.env, applied));
    return c.json(result);
  },
);
