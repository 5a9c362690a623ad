import { describe, expect, it } from "vitest";
import { sightingOf, ticketNews } from "../../core/domain/ticket-news";
import { ticketActorRole } from "../../core/domain/tickets";
import type { Ticket, TicketLatest } from "../../core/protocol/tickets";

const T = 1_700_000_000_000;
const byStaff: TicketLatest = { kind: "assign", at: T, actorId: "st-boss", by: "staff" };

function ticket(id: string, fields: Partial<Ticket> = {}): Ticket {
  return {
    id, number: Number(id.slice(1)), shopId: "apparel", threadId: "apparel:c1", customer: { id: "c1", name: "王小明", level: "normal" }, sessionId: null, orderId: null, leaveMessageId: null,
    title: `工单 ${id}`, description: "", category: "refund", priority: "normal", status: "in_progress", department: null, assignee: { id: "st-ana", name: "Ana" },
    createdBy: { id: "st-boss", name: "Boss" }, createdAt: T, updatedAt: T, dueAt: T + 1, overdue: false, resolvedAt: null, closedAt: null, latest: byStaff, ...fields,
  };
}
const kinds = (news: ReturnType<typeof ticketNews>) => news.map((n) => [n.kind, n.ticket.id]);

describe("what is news in my tickets since the last look", () => {
  it("tells nothing on the first look: what is there was there before the console opened", () => {
    expect(ticketNews(null, [ticket("t1"), ticket("t2", { overdue: true })], new Set())).toEqual([]);
  });

  it("tells a ticket given to me, one its shopper reopened, and one that turned overdue, each once", () => {
    const before = sightingOf([ticket("t1"), ticket("t2", { overdue: true })]);
    const now = [
      ticket("t1", { overdue: true }),
      ticket("t2", { overdue: true }),
      ticket("t3"),
      ticket("t4", { status: "open", latest: { kind: "status", at: T, actorId: "c1", by: "customer" } }),
    ];
    expect(kinds(ticketNews(before, now, new Set()))).toEqual([["overdue", "t1"], ["assigned", "t3"], ["reopened", "t4"]]);
    // The next look, with nothing changed, has no news.
    expect(ticketNews(sightingOf(now), now, new Set())).toEqual([]);
  });

  it("tells a ticket given to me overdue already once, as given; nothing of what I did myself", () => {
    const before = sightingOf([ticket("t1")]);
    expect(kinds(ticketNews(before, [ticket("t1"), ticket("t2", { overdue: true })], new Set()))).toEqual([["assigned", "t2"]]);
    expect(ticketNews(before, [ticket("t1", { overdue: true }), ticket("t2")], new Set(["t1", "t2"]))).toEqual([]);
  });

  it("reads who acted: the shopper only by a status change in their own name, the system by its id", () => {
    expect(ticketActorRole({ kind: "status", actorId: "c1" }, "c1")).toBe("customer");
    // A comment can never be the shopper's, whatever its actor id.
    expect(ticketActorRole({ kind: "comment", actorId: "c1" }, "c1")).toBe("staff");
    expect(ticketActorRole({ kind: "overdue", actorId: "system" }, "c1")).toBe("system");
    expect(ticketActorRole({ kind: "status", actorId: "system" }, "c1")).toBe("system");
    expect(ticketActorRole({ kind: "assign", actorId: "st-ana" }, "c1")).toBe("staff");
  });
});
