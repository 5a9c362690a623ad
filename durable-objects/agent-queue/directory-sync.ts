/**
 * Loads the shop's groups and agents from D1 into the engine, keeping presence and load of
 * agents it already knows. Runs on first start and when admins change groups or staff.
 */
import type { AssignmentPolicy } from "../../core/domain/assignment";
import { database } from "../../worker/db/client";
import { listGroups, listStaffWithGroups } from "../../worker/db/repos/directory";
import type { GroupConfig, QueueEngine } from "../../core/domain/assignment";

export async function syncDirectory(env: Env, shopId: string, engine: QueueEngine): Promise<GroupConfig[]> {
  const db = database(env.DB);
  const [groupRows, people] = await Promise.all([listGroups(db, shopId), listStaffWithGroups(db, shopId)]);
  const keyOfId = new Map(groupRows.map((g) => [g.id, g.key]));
  const groups: GroupConfig[] = groupRows.map((g) => ({
    key: g.key,
    name: g.name,
    nameEn: g.nameEn,
    policy: g.policy as AssignmentPolicy,
    fallbackKey: g.fallbackGroupId ? (keyOfId.get(g.fallbackGroupId) ?? null) : null,
    maxWaitSec: g.maxWaitSec,
    stickySec: g.stickySec,
    onAgentOffline: g.onAgentOffline === "keep" ? "keep" : "requeue",
  }));
  engine.groups.clear();
  for (const g of groups) engine.groups.set(g.key, g);

  const seen = new Set<string>();
  for (const p of people) {
    seen.add(p.id);
    const known = engine.agents.get(p.id);
    engine.agents.set(p.id, {
      id: p.id, name: p.name, groups: p.groups, capacity: p.capacity, seniority: p.seniority,
      status: known?.status ?? "offline", connected: known?.connected ?? false, disconnectedAt: known?.disconnectedAt ?? null,
      load: known?.load ?? 0, lastAssignedAt: known?.lastAssignedAt ?? 0,
    });
    engine.markAgent(p.id);
  }
  for (const id of [...engine.agents.keys()]) {
    if (!seen.has(id)) {
      engine.agents.delete(id);
      engine.markAgent(id);
    }
  }
  return groups;
}
