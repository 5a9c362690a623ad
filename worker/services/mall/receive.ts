/**
 * The mall webhook use-case, start to end: signature and replay window, validation, and
 * exactly-once application. The route only hands over headers and the raw body.
 */
import { DomainError } from "../../../core/domain/errors";
import type { MallEvent } from "../../../core/protocol";
import type { Database } from "../../db/client";
import { applyDelivery, readDelivery, type DeliveryResult } from "./ingest";
import { verifyDelivery } from "./signature";

export interface DeliveryHeaders {
  timestamp?: string;
  signature?: string;
  /** Optional echo of the body's `id` for logs and proxies; the signed body's id is the one used. */
  eventId?: string;
}

/** The answer for the mall, and the events that changed something (what open panels hear about). */
export interface Received {
  result: DeliveryResult;
  /** Empty for a duplicate delivery; skipped events (older, repeated, other tenant) are left out. */
  applied: MallEvent[];
}

/** Verifies, validates and applies one delivery; see docs/mall-integration.md. */
export async function receiveDelivery(db: Database, secret: string, headers: DeliveryHeaders, rawBody: string, now: number): Promise<Received> {
  await verifyDelivery(secret, headers, rawBody, now);
  const delivery = readDelivery(rawBody, now);
  if (headers.eventId !== undefined && headers.eventId !== delivery.id) {
    throw new DomainError("invalid_input", "X-Kefu-Event-Id must equal the body's id", [{ field: "id", message: "differs from X-Kefu-Event-Id" }]);
  }
  const result = await applyDelivery(db, delivery, now);
  return { result, applied: delivery.events.filter((_, i) => result.results[i]?.outcome === "applied") };
}
