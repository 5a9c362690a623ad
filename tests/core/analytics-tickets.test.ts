import { describe, expect, it } from "vitest";
import { buildTicketFigures, EMPTY_TICKET_INPUT, medianOf } from "../../core/domain/analytics/tickets";
import { ticketsTable } from "../../core/domain/ticket-export";
import type { Ticket } from "../../core/protocol/tickets";

const HOUR = 3_600_000;
const dept = (department: string | null, departmentName: string | null = department, departmentNameEn: string | null = department) => ({ department, departmentName, departmentNameEn });

describe("tickets in the service report", () => {
  it("adds up the rows of each category and department, with the share resolved in time and the resolution times", () => {
    const f = buildTicketFigures({
      opened: [
        { ...dept("aftersales", "售后", "After-sales"), category: "refund", opened: 3 },
        { ...dept("logistics"), category: "refund", opened: 1 },
        { ...dept(null, null, null), category: "quality", opened: 2 },
        { ...dept("logistics"), category: "logistics", opened: 2 },
      ],
      resolved: [
        { ...dept("aftersales", "售后", "After-sales"), category: "refund", resolved: 2, withinSla: 2, resolutionMs: 6 * HOUR },
        // A department whose skill group is gone: named by its key.
        { ...dept("gone", null, null), category: "other", resolved: 2, withinSla: 0, resolutionMs: 100 * HOUR },
      ],
      resolutionMinutes: [{ minutes: 120, count: 1 }, { minutes: 240, count: 1 }, { minutes: 3000, count: 2 }],
      backlog: [
        { ...dept("logistics"), active: 4, overdue: 1 },
        { ...dept(null, null, null), active: 1, overdue: 1 },
      ],
    });
    expect(f).toEqual({
      opened: 8,
      resolved: 4,
      active: 5,
      overdue: 2,
      withinSla: 2,
      slaRate: 0.5,
      resolutionAvgHours: 26.5,
      // The two middle values: 240 and 3000 minutes.
      resolutionMedianHours: 27,
      categories: [
        { category: "refund", opened: 4, resolved: 2 },
        { category: "logistics", opened: 2, resolved: 0 },
        { category: "quality", opened: 2, resolved: 0 },
        { category: "other", opened: 0, resolved: 2 },
      ],
      departments: [
        // As many opened: the larger backlog first.
        { key: "logistics", name: "logistics", nameEn: "logistics", opened: 3, resolved: 0, active: 4, overdue: 1 },
        { key: "aftersales", name: "售后", nameEn: "After-sales", opened: 3, resolved: 2, active: 0, overdue: 0 },
        { key: "gone", name: "gone", nameEn: "gone", opened: 0, resolved: 2, active: 0, overdue: 0 },
        // Tickets no department holds come last, whatever their numbers.
        { key: null, name: null, nameEn: null, opened: 2, resolved: 0, active: 1, overdue: 1 },
      ],
    });
  });

  it("has nothing to divide when nothing was resolved", () => {
    expect(buildTicketFigures(EMPTY_TICKET_INPUT)).toEqual({
      opened: 0, resolved: 0, active: 0, overdue: 0, withinSla: 0, slaRate: null, resolutionAvgHours: null, resolutionMedianHours: null, categories: [], departments: [],
    });
  });

  it("takes the median of counted values: the middle one, or the mean of the two middle ones", () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ minutes: 5, count: 0 }])).toBeNull();
    expect(medianOf([{ minutes: 90, count: 1 }])).toBe(90);
    expect(medianOf([{ minutes: 30, count: 1 }, { minutes: 10, count: 2 }])).toBe(10);
    expect(medianOf([{ minutes: 30, count: 2 }, { minutes: 10, count: 2 }])).toBe(20);
    expect(medianOf([{ minutes: 1, count: 5 }, { minutes: 1000, count: 1 }])).toBe(1);
  });
});

describe("the tickets CSV table", () => {
  const ticket: Ticket = {
    id: "tkt_abcdefgh", number: 12, shopId: "apparel", threadId: "apparel:c1", customer: { id: "c1", name: "王小明", level: "gold" }, sessionId: null, orderId: null, leaveMessageId: null,
    title: "退款未到账", description: "", category: "refund", priority: "urgent", status: "in_progress",
    department: { key: "aftersales", name: "售后", nameEn: "After-sales" }, assignee: { id: "st-1", name: "林小满" }, createdBy: { id: "st-1", name: "林小满" },
    createdAt: Date.parse("2026-03-01T02:00:00Z"), updatedAt: Date.parse("2026-03-01T02:00:00Z"), dueAt: Date.parse("2026-03-01T06:00:00Z"), overdue: true, resolvedAt: null, closedAt: null,
    latest: { kind: "created", at: Date.parse("2026-03-01T02:00:00Z"), actorId: "st-1", by: "staff" },
  };

  it("has headers and words in the reader's language and times in the shop's zone", () => {
    const zh = ticketsTable([ticket], "Asia/Shanghai", "zh-CN");
    expect(zh.fields).toEqual(["工单号", "店铺", "标题", "顾客", "顾客ID", "类型", "优先级", "状态", "处理部门", "处理人", "创建时间", "截止时间", "解决时间", "关闭时间", "是否超时"]);
    expect(zh.rows).toEqual([[12, "apparel", "退款未到账", "王小明", "c1", "退款", "紧急", "处理中", "售后", "林小满", "2026-03-01 10:00", "2026-03-01 14:00", null, null, "是"]]);
    const en = ticketsTable([{ ...ticket, department: null, assignee: null, status: "closed", overdue: false, resolvedAt: ticket.dueAt, closedAt: ticket.dueAt }], "America/New_York", "en");
    expect(en.fields[0]).toBe("number");
    expect(en.rows[0]!.slice(5)).toEqual(["Refund", "Urgent", "Closed", null, null, "2026-02-28 21:00", "2026-03-01 01:00", "2026-03-01 01:00", "2026-03-01 01:00", "no"]);
  });
});
