/**
 * Proactive outcome counts for the admin views (scoped by `adminReadScope`: a platform admin's
 * "all" includes dead letters that name no shop).
 */
import { and, count, eq, gte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { DeadLetterScope } from "../../db/repos/dead-letters";
import { proactiveOutcomes } from "../../db/schema";

/** Beijing time: the mall's default zone, used for the day buckets of the outcome counts. */
const DAY_OFFSET_MS = 8 * 3_600_000;

/** Outcome counts per day (UTC+8), kind (shipment, price_drop) and outcome over the last `days` days, oldest first. */
export async function outcomeCounts(db: Database, scope: DeadLetterScope, days: number, now: number) {
  const day = sql<string>`strftime('%Y-%m-%d', (${proactiveOutcomes.at} + ${DAY_OFFSET_MS}) / 1000, 'unixepoch')`;
  const rows = await db
    .select({ day, kind: proactiveOutcomes.kind, outcome: proactiveOutcomes.outcome, count: count() })
    .from(proactiveOutcomes)
    .where(and(scope === "all" ? undefined : eq(proactiveOutcomes.shopId, scope.shopId), gte(proactiveOutcomes.at, now - days * 86_400_000)))
    .groupBy(day, proactiveOutcomes.kind, proactiveOutcomes.outcome)
    .orderBy(day, proactiveOutcomes.kind, proactiveOutcomes.outcome)
    .all();
  return { days, outcomes: rows };
}
