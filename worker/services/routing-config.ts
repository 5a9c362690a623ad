/**
 * A shop's routing rules and business hours as sessions read them: at every session open (the
 * rules) and every hand-off (the hours), so at a mall's peak (over a hundred sessions opening a
 * second) they would be two D1 reads per session against one database. They are remembered per
 * isolate instead, read in one round trip when they are not.
 *
 * Fresh enough: a rule change saved through this isolate applies to the next session at once;
 * other isolates pick it up within ROUTING_TTL_MS; so does a change of the business hours (the
 * admin's 服务时间 save). Anything else writing either to D1 calls `routingChanged`. The admin's
 * rule tester always reads afresh.
 */
import type { BusinessHours, RoutingRule } from "../../core/domain/routing";
import { ChangeCounts, FreshMemo } from "../../core/lib/fresh-memo";
import type { Database } from "../db/client";
import { loadRoutingConfig } from "../db/repos/routing-rules";

export const ROUTING_TTL_MS = 30_000;

export interface RoutingConfig {
  rules: RoutingRule[];
  hours: BusinessHours;
}

const remembered = new FreshMemo<RoutingConfig>(ROUTING_TTL_MS, 10_000);
const changes = new ChangeCounts();

/** The shop's rules and hours: remembered ones while fresh, else read from D1 (then remembered). */
export function shopRouting(db: Database, shopId: string, now: number): Promise<RoutingConfig> {
  return remembered.get(shopId, String(changes.of(shopId)), now, () => loadRoutingConfig(db, shopId));
}

/** The shop's rules or hours changed in D1: the next read goes there. */
export function routingChanged(shopId: string): void {
  changes.bump(shopId);
}
