import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { isActiveTicket, isOverdue, statusChangeRefusal, statusOnAssign, statusStamps, ticketDueAt, ticketNumberOf, TICKET_SLA_MS } from "../../core/domain/tickets";
import { TICKET_STATUSES, TicketAction, TicketCreateBody, TicketIdParam, TicketListQuery, type TicketStatus } from "../../core/protocol/tickets";

const T = 1_700_000_000_000;
const HOUR = 3_600_000;

describe("tickets: the rules", () => {
  it("allows exactly these status changes", () => {
    const allowed: Record<TicketStatus, TicketStatus[]> = {
      open: ["in_progress", "pending", "resolved", "closed"],
      in_progress: ["open", "pending", "resolved", "closed"],
      pending: ["open", "in_progress", "resolved", "closed"],
      resolved: ["open", "closed"],
      closed: [],
    };
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        const refusal = statusChangeRefusal(from, to);
        expect(refusal === null, `${from} → ${to}`).toBe(allowed[from].includes(to));
        if (refusal) expect(refusal).toMatchObject({ code: "conflict", details: [{ field: "status" }] });
      }
    }
    expect(statusChangeRefusal("open", "open")?.message).toBe("status: the ticket is already open");
    expect(statusChangeRefusal("closed", "open")?.message).toContain("a closed ticket cannot change");
    expect(statusChangeRefusal("resolved", "pending")?.message).toBe("status: a resolved ticket cannot become pending");
  });

  it("falls due by the priority's SLA from creation, and is overdue only while active", () => {
    expect(TICKET_SLA_MS).toEqual({ urgent: 4 * HOUR, high: 24 * HOUR, normal: 48 * HOUR, low: 72 * HOUR });
    expect(ticketDueAt(T, "urgent")).toBe(T + 4 * HOUR);
    const due = T + HOUR;
    expect(isOverdue({ status: "open", dueAt: due }, due)).toBe(false);
    expect(isOverdue({ status: "open", dueAt: due }, due + 1)).toBe(true);
    // The clock does not stop while waiting on the shopper.
    expect(isOverdue({ status: "pending", dueAt: due }, due + 1)).toBe(true);
    expect(isOverdue({ status: "resolved", dueAt: due }, due + 1)).toBe(false);
    expect(isOverdue({ status: "closed", dueAt: due }, due + 1)).toBe(false);
    expect(TICKET_STATUSES.filter(isActiveTicket)).toEqual(["open", "in_progress", "pending"]);
  });

  it("stamps resolution and closing, and clears them on reopening", () => {
    const none = { resolvedAt: null, closedAt: null };
    expect(statusStamps("resolved", T, none)).toEqual({ resolvedAt: T, closedAt: null });
    expect(statusStamps("closed", T + 5, { resolvedAt: T, closedAt: null })).toEqual({ resolvedAt: T, closedAt: T + 5 });
    // Closed without being resolved first: closing counts as its resolution.
    expect(statusStamps("closed", T, none)).toEqual({ resolvedAt: T, closedAt: T });
    expect(statusStamps("open", T + 9, { resolvedAt: T, closedAt: null })).toEqual(none);
  });

  it("moves an open ticket in progress when taken, and an in-progress one back to open when left", () => {
    expect(statusOnAssign("open", "st1")).toBe("in_progress");
    expect(statusOnAssign("pending", "st1")).toBe("pending");
    expect(statusOnAssign("resolved", "st1")).toBe("resolved");
    expect(statusOnAssign("in_progress", null)).toBe("open");
    expect(statusOnAssign("pending", null)).toBe("pending");
    expect(statusOnAssign("open", null)).toBe("open");
  });

  it("reads a ticket number out of a search", () => {
    expect(ticketNumberOf("#12")).toBe(12);
    expect(ticketNumberOf(" 7 ")).toBe(7);
    for (const q of ["#", "12a", "退款 12", "1234567890", "-3", ""]) expect(ticketNumberOf(q), q).toBeNull();
  });
});

describe("tickets: bodies and queries", () => {
  const fieldsOf = (r: v.SafeParseResult<v.GenericSchema>) => (r.success ? [] : r.issues.map((i) => v.getDotPath(i)));

  it("fills the create body's defaults and names bad fields", () => {
    const ok = v.safeParse(TicketCreateBody, { threadId: "apparel:c1", title: "  退款未到账  ", category: "refund" });
    expect(ok.success && ok.output).toEqual({ threadId: "apparel:c1", title: "退款未到账", description: "", category: "refund", priority: "normal", department: null, assigneeId: null, notifyCustomer: true });
    const bad = v.safeParse(TicketCreateBody, { threadId: "c1", title: " ", category: "gift", priority: "asap", department: "Logistics!", notifyCustomer: "yes" });
    expect(fieldsOf(bad).sort()).toEqual(["category", "department", "notifyCustomer", "priority", "threadId", "title"]);
  });

  it("takes one action of a known type", () => {
    expect(v.safeParse(TicketAction, { type: "comment", text: "已联系快递" }).output).toEqual({ type: "comment", text: "已联系快递", toCustomer: false });
    expect(v.safeParse(TicketAction, { type: "status", status: "resolved" }).output).toEqual({ type: "status", status: "resolved", note: "", notifyCustomer: true });
    expect(v.safeParse(TicketAction, { type: "comment", text: "  " }).success).toBe(false);
    expect(v.safeParse(TicketAction, { type: "assign" }).success).toBe(false);
    expect(v.safeParse(TicketAction, { type: "merge" }).issues?.[0]?.message).toBe("type must be one of comment, status, assign, department, priority");
  });

  it("reads list queries and ticket ids", () => {
    expect(v.safeParse(TicketListQuery, {}).output).toEqual({ status: "active" });
    expect(v.safeParse(TicketListQuery, { overdue: "yes" }).success).toBe(false);
    expect(v.safeParse(TicketIdParam, { id: "tkt_0123456789abcdef0123456789abcdef" }).success).toBe(true);
    expect(v.safeParse(TicketIdParam, { id: "tkt_../x" }).success).toBe(false);
  });
});
