import { describe, expect, it } from "vitest";
import { compareWaiting, eligibleAgents, estimateWaitSec, pickAgent, positionsByGroup, type AgentCandidate } from "../../core/domain/assignment";

const agent = (id: string, o: Partial<AgentCandidate> = {}): AgentCandidate => ({ id, status: "online", groups: ["g"], load: 0, capacity: 3, seniority: 1, lastAssignedAt: 0, ...o });
const req = { groupKey: "g", seniorOnly: false };

describe("pickAgent", () => {
  it("considers only online agents of the group with room, and seniors for senior-only sessions", () => {
    const pool = [agent("away", { status: "away" }), agent("full", { load: 3 }), agent("other", { groups: ["h"] }), agent("junior"), agent("senior", { seniority: 3 })];
    expect(eligibleAgents(pool, req).map((a) => a.id)).toEqual(["junior", "senior"]);
    expect(eligibleAgents(pool, { ...req, seniorOnly: true }).map((a) => a.id)).toEqual(["senior"]);
    expect(pickAgent([agent("x", { status: "busy" })], req, "least_loaded", 0)).toBeNull();
  });

  it("least-loaded picks the smallest share of capacity, then the longest idle", () => {
    const pool = [agent("a", { load: 2, capacity: 4 }), agent("b", { load: 1, capacity: 4, lastAssignedAt: 50 }), agent("c", { load: 1, capacity: 4, lastAssignedAt: 10 })];
    expect(pickAgent(pool, req, "least_loaded", 100)?.id).toBe("c");
    expect(pickAgent([agent("big", { load: 3, capacity: 10 }), agent("small", { load: 1, capacity: 2 })], req, "least_loaded", 0)?.id).toBe("big");
  });

  it("round-robin picks whoever was given a session longest ago, regardless of load", () => {
    const pool = [agent("a", { load: 0, lastAssignedAt: 90 }), agent("b", { load: 2, lastAssignedAt: 10 })];
    expect(pickAgent(pool, req, "round_robin", 100)?.id).toBe("b");
  });

  it("sticky returns to the previous agent, holds for them while the window lasts, then falls back", () => {
    const pool = [agent("prev", { load: 2 }), agent("idle")];
    expect(pickAgent(pool, { ...req, stickyAgentId: "prev", stickyUntil: 500 }, "sticky", 100)?.id).toBe("prev");
    const full = [agent("prev", { load: 3 }), agent("idle")];
    expect(pickAgent(full, { ...req, stickyAgentId: "prev", stickyUntil: 500 }, "sticky", 100)).toBeNull();
    expect(pickAgent(full, { ...req, stickyAgentId: "prev", stickyUntil: 500 }, "sticky", 600)?.id).toBe("idle");
    const gone = [agent("prev", { status: "offline" }), agent("idle")];
    expect(pickAgent(gone, { ...req, stickyAgentId: "prev", stickyUntil: 500 }, "sticky", 100)?.id).toBe("idle");
  });
});

describe("waiting list", () => {
  const w = (sessionId: string, groupKey: string, priority: number, enqueuedAt: number) => ({ sessionId, groupKey, priority, enqueuedAt });
  it("orders by priority, then wait, and numbers positions within each group", () => {
    const list = [w("a", "g", 0, 1), w("vip", "g", 8, 5), w("b", "g", 0, 2), w("h1", "h", 0, 0)];
    expect([...list].sort(compareWaiting).map((x) => x.sessionId)).toEqual(["vip", "h1", "a", "b"]);
    expect(Object.fromEntries(positionsByGroup(list))).toEqual({ vip: 1, a: 2, b: 3, h1: 1 });
  });

  it("estimates the wait from the position, the seats and the handle time", () => {
    expect(estimateWaitSec(1, 4, 180)).toBe(180);
    expect(estimateWaitSec(5, 4, 180)).toBe(360);
    expect(estimateWaitSec(3, 0, 100)).toBe(300);
  });
});
