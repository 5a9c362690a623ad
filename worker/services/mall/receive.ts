/**
 * The mall webhook use-case, start to end: signature and replay window, validation, and
 * exactly-once application. The route only hands over headers and the raw body.
 */
import { DomainError } from "../../../core/domain/errors";
import type { Database } from "../../db/client";
import { applyDelivery, readDelivery, type DeliveryResult } from "./ingest";
import { verifyDelivery } from "./signature";

export interface DeliveryHeaders {
  timestamp?: string;
  signature?: string;
  /** Optional echo of the body's `id` for logs and proxies; the signed body's id is the one used. */
  eventId?: string;
}

/** Verifies, validates and applies one delivery; see docs/mall-integration.md. */
export async function receiveDelivery(db: Database, secret: string, headers: DeliveryHeaders, rawBody: string, now: number): Promise<DeliveryResult> {
  await verifyDelivery(secret, headers, rawBody, now);
  const delivery = readDelivery(rawBody, now);
  if (headers.eventId !== undefined && headers.eventId !== delivery.id) {
    throw new DomainError("invalid_input", "X-Kefu-Event-Id must equal the body's id", [{ field: "id", message: "differs from X-Kefu-Event-Id" }]);
  }
  return applyDelivery(db, delivery, now);
}
