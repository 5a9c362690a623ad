import { describe, expect, it } from "vitest";
import { handOffSession, idleDeadline, isOpen, openSession, recordMessage, resolveSession, withActivity, type SessionActivity } from "../../core/domain/session";

const T = 1_700_000_000_000;

describe("session transitions", () => {
  it("opens with the bot, and records the hand-off once", () => {
    const s = openSession("s1", "h5", { type: "product", id: "p1" }, T);
    expect(s).toMatchObject({ status: "bot", openedAt: T, handedOffAt: null, agentId: null, firstResponseAt: null });
    expect(isOpen(s)).toBe(true);
    const h = handOffSession(s, "logistics", T + 500);
    expect(h).toEqual({ session: expect.objectContaining({ status: "queued", groupId: "logistics", handedOffAt: T + 500 }), events: ["handed_off"] });
    expect(handOffSession(h.session, "presales", T + 900).events).toEqual([]);
  });

  it("assigns and sets first response on the first agent message only", () => {
    const s0 = openSession("s1", "pc", null, T);
    const a = recordMessage(s0, "customer", "c1", T + 1);
    expect(a.events).toEqual([]);
    const b = recordMessage(a.session, "agent", "st1", T + 5000);
    expect(b.events).toEqual(["handed_off", "assigned", "first_response"]);
    expect(b.session).toMatchObject({ status: "assigned", agentId: "st1", firstResponseAt: T + 5000, assignedAt: T + 5000, customerMessages: 1, agentMessages: 1 });
    const c = recordMessage(b.session, "agent", "st2", T + 9000);
    expect(c.events).toEqual([]);
    expect(c.session.agentId).toBe("st1");
  });

  it("counts bot messages without assigning", () => {
    const s = recordMessage(openSession("s1", "app", null, T), "bot", "bot", T + 1);
    expect(s.events).toEqual([]);
    expect(s.session).toMatchObject({ botMessages: 1, agentId: null, firstResponseAt: null });
  });

  it("rebuilds counters and times from the session's messages as recordMessage built them", () => {
    type Sent = [role: "customer" | "bot" | "agent" | "system", id: string, at: number];
    const activityOf = (sent: Sent[]): SessionActivity[] =>
      [...new Set(sent.map((m) => m[0]))].map((role) => {
        const mine = sent.filter((m) => m[0] === role);
        return { role, count: mine.length, lastAt: Math.max(...mine.map((m) => m[2])) };
      });
    const sent: Sent[] = [["customer", "c", T + 1], ["bot", "bot", T + 2], ["customer", "c", T + 30], ["bot", "bot", T + 31], ["agent", "st1", T + 90], ["system", "proactive", T + 95]];
    // The room writes the session at transitions only: here at opening and at the agent's first message.
    const opened = openSession("s1", "pc", null, T);
    let live = opened;
    let written = opened;
    for (const [role, id, at] of sent) {
      const r = recordMessage(live, role, id, at);
      live = r.session;
      if (r.events.length) written = live;
    }
    expect(written).not.toEqual(live);
    expect(withActivity(written, activityOf(sent))).toEqual(live);
    // Before any transition but the opening, and with no messages at all.
    const early = sent.slice(0, 4).reduce((s, [role, id, at]) => recordMessage(s, role, id, at).session, opened);
    expect(withActivity(opened, activityOf(sent.slice(0, 4)))).toEqual(early);
    expect(withActivity(opened, [])).toEqual(opened);
  });

  it("resolves and computes the idle deadline from the last message", () => {
    const s = recordMessage(openSession("s1", "pc", null, T), "customer", "c", T + 10).session;
    expect(idleDeadline(s, 60_000)).toBe(T + 10 + 60_000);
    const r = resolveSession(s, "system", "idle", T + 70_000);
    expect(r).toMatchObject({ status: "resolved", resolvedAt: T + 70_000, resolvedBy: "system", closeReason: "idle" });
    expect(isOpen(r)).toBe(false);
    expect(isOpen(null)).toBe(false);
  });
});
