/**
 * Applies one verified delivery from the mall: validate everything, refuse events dated in the
 * future, then run the receipt and every event's statements as one D1 batch (a transaction).
 * A delivery id already received is acknowledged and not applied again.
 */
import { DomainError } from "../../../core/domain/errors";
import { REPLAY_WINDOW_MS } from "../../../core/domain/webhook-signature";
import { parseDelivery, type MallDelivery, type MallTopic } from "../../../core/protocol/mall";
import type { Database } from "../../db/client";
import { insertReceipt, receiptExists, type SyncStatement } from "../../db/repos/mall-sync";
import { eventStatements, eventTime } from "./topics";

/** What happened to each event: `skipped` = stored state as new or newer, duplicate fact, or unknown/other-tenant row. */
export interface DeliveryResult {
  id: string;
  duplicate: boolean;
  results: { topic: MallTopic; outcome: "applied" | "skipped" }[];
}

/** Parses the raw body into a validated delivery, or throws `invalid_input` naming every bad field. */
export function readDelivery(rawBody: string, now: number): MallDelivery {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new DomainError("invalid_input", "the body is not valid JSON", [{ field: "", message: "is not valid JSON" }]);
  }
  const parsed = parseDelivery(body);
  if (!parsed.ok) throw new DomainError("invalid_input", parsed.message, parsed.issues);
  refuseFutureEvents(parsed.value, now);
  return parsed.value;
}

/**
 * An event dated in the future would pin its row: every real update after it would look older.
 * Clocks may differ by as much as the replay window tolerates, no more.
 */
function refuseFutureEvents(delivery: MallDelivery, now: number): void {
  const batch = delivery.events.length > 1;
  const issues = delivery.events.flatMap((event, i) => {
    const { at, field } = eventTime(event);
    return at > now + REPLAY_WINDOW_MS ? [{ field: `${batch ? `events.${i}.` : ""}data.${field}`, message: "is in the future" }] : [];
  });
  if (issues.length > 0) throw new DomainError("invalid_input", issues.map((i) => `${i.field}: ${i.message}`).join("; "), issues);
}

function isDuplicateReceipt(err: unknown): boolean {
  const text = String((err as { cause?: unknown })?.cause ?? "") + String((err as Error)?.message ?? "");
  return /UNIQUE constraint failed: webhook_receipts\.id/.test(text);
}

/** Applies a delivery once. Safe to call concurrently with the same id: one applies, the other is a duplicate. */
export async function applyDelivery(db: Database, delivery: MallDelivery, now: number): Promise<DeliveryResult> {
  const duplicate: DeliveryResult = { id: delivery.id, duplicate: true, results: [] };
  if (await receiptExists(db, delivery.id)) return duplicate;
  const topics = [...new Set(delivery.events.map((e) => e.topic))];
  const groups = delivery.events.map((e) => eventStatements(db, e));
  const statements: [SyncStatement, ...SyncStatement[]] = [insertReceipt(db, delivery.id, topics.length === 1 ? topics[0]! : "batch", now), ...groups.flat()];
  let out: unknown[];
  try {
    out = await db.batch(statements);
  } catch (err) {
    if (isDuplicateReceipt(err)) return duplicate;
    throw err;
  }
  // The first statement of each event's group tells whether it changed anything.
  let at = 1;
  const results = delivery.events.map((e, i) => {
    const changes = (out[at] as { meta?: { changes?: number } }).meta?.changes ?? 0;
    at += groups[i]!.length;
    return { topic: e.topic, outcome: changes > 0 ? ("applied" as const) : ("skipped" as const) };
  });
  return { id: delivery.id, duplicate: false, results };
}
