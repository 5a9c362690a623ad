/**
 * A few 工单 of the apparel shop, so its 工单 page is not empty on first login: one of each
 * status, one overdue, each with the log that brought it there (a resolution's note the shopper
 * was told is a reply, as the ticket service records it). Scripted like the demo
 * shopper's orders: fixed stories, times relative to `now`.
 */
import { ticketDueAt } from "../../core/domain/tickets";
import type { TicketCategory, TicketEventKind, TicketPriority, TicketStatus } from "../../core/protocol/tickets";
import type { ticketEvents, tickets } from "../../worker/db/schema";
import { DEMO_CUSTOMER_ID } from "./customers";
import type { StaffRow } from "./directory";
import { DAY, HOUR, MINUTE } from "./time";

export type TicketRow = typeof tickets.$inferInsert;
export type TicketEventRow = typeof ticketEvents.$inferInsert;

const SHOP = "apparel";

interface Story {
  customerId: string;
  orderId?: string;
  title: string;
  description: string;
  category: TicketCategory;
  priority: TicketPriority;
  department: string;
  /** How long before `now` it was opened, and by whom (a staff handle). */
  ago: number;
  by: string;
  /** After opening: [minutes later, who, kind, text, from, to]. */
  steps: [number, string, TicketEventKind, string | null, string | null, string | null][];
}

const STORIES: Story[] = [
  {
    // Past its 24-hour SLA by 6 hours: the refund of the 双十一 dress has not arrived. Within the
    // cron's lookback, so `npm start`'s first run logs it overdue.
    customerId: DEMO_CUSTOMER_ID, orderId: "o00005", title: "双十一裙子退货后退款未到账", description: "顾客 11 月退回连衣裙，仓库已签收，退款仍未到账。", category: "refund", priority: "high", department: "aftersales", ago: 30 * HOUR, by: "agent1",
    steps: [[5, "agent1", "assign", null, null, "agent2"], [5, "agent1", "status", null, "open", "in_progress"], [90, "agent2", "comment", "已提交财务加急，等待打款。", null, null]],
  },
  {
    customerId: DEMO_CUSTOMER_ID, orderId: "o00001", title: "昨天的包裹物流一直未更新", description: "中转站停留超过 24 小时，需联系快递核实。", category: "logistics", priority: "normal", department: "logistics", ago: 3 * HOUR, by: "agent3", steps: [],
  },
  {
    customerId: "c0002", title: "毛衣洗后起球，要求质量鉴定", description: "顾客已发照片，待补充吊牌照片后判断是否质量问题。", category: "quality", priority: "normal", department: "aftersales", ago: DAY, by: "agent2",
    steps: [[2, "agent2", "assign", null, null, "agent2"], [2, "agent2", "status", null, "open", "in_progress"], [30, "agent2", "reply", "亲，麻烦补充一张吊牌的照片，我们尽快为您处理。", null, null], [31, "agent2", "status", "等顾客补充照片", "in_progress", "pending"]],
  },
  {
    customerId: "c0003", title: "换货：尺码偏小换大一码", description: "", category: "exchange", priority: "low", department: "aftersales", ago: 5 * DAY, by: "agent1",
    steps: [[10, "agent1", "assign", null, null, "agent1"], [10, "agent1", "status", null, "open", "in_progress"], [2 * 24 * 60, "agent1", "status", null, "in_progress", "resolved"], [2 * 24 * 60, "agent1", "reply", "新尺码已发出，请注意查收。", null, null]],
  },
  {
    customerId: "c0004", title: "补开增值税发票", description: "企业采购，需要专票。", category: "invoice", priority: "normal", department: "presales", ago: 10 * DAY, by: "admin",
    steps: [[60, "admin", "status", null, "open", "resolved"], [60, "admin", "reply", "发票已邮寄，请注意查收。", null, null], [3 * 24 * 60, "admin", "status", null, "resolved", "closed"]],
  },
];

/** The demo tickets and their logs (event ids left to D1: the log is append-only). */
export function ticketRows(now: number, staff: StaffRow[]): { tickets: TicketRow[]; ticketEvents: TicketEventRow[] } {
  const nameOf = (handle: string) => staff.find((s) => s.id === `st-${SHOP}-${handle}`)?.name ?? handle;
  const ticketsOut: TicketRow[] = [];
  const events: TicketEventRow[] = [];
  STORIES.forEach((s, i) => {
    const id = `tkt_demo${SHOP}${String(i + 1).padStart(4, "0")}`;
    const createdAt = now - s.ago;
    const actor = (handle: string) => ({ actorId: `st-${SHOP}-${handle}`, actorName: nameOf(handle) });
    events.push({ ticketId: id, shopId: SHOP, at: createdAt, ...actor(s.by), kind: "created", text: null, fromValue: null, toValue: "open" });
    let status: TicketStatus = "open";
    let assigneeId: string | null = null;
    let resolvedAt: number | null = null;
    let closedAt: number | null = null;
    let at = createdAt;
    for (const [minutes, who, kind, text, from, to] of s.steps) {
      at = createdAt + minutes * MINUTE;
      const staffTo = kind === "assign" && to ? `st-${SHOP}-${to}` : to;
      events.push({ ticketId: id, shopId: SHOP, at, ...actor(who), kind, text, fromValue: from, toValue: staffTo });
      if (kind === "assign") assigneeId = staffTo;
      if (kind === "status") {
        status = to as TicketStatus;
        if (status === "resolved") resolvedAt = at;
        if (status === "closed") closedAt = at;
      }
    }
    ticketsOut.push({
      id, shopId: SHOP, number: i + 1, threadId: `${SHOP}:${s.customerId}`, customerId: s.customerId, sessionId: null, orderId: s.orderId ?? null, leaveMessageId: null,
      title: s.title, description: s.description, category: s.category, priority: s.priority, status, department: s.department, assigneeId,
      createdBy: `st-${SHOP}-${s.by}`, createdByName: nameOf(s.by), createdAt, updatedAt: at, dueAt: ticketDueAt(createdAt, s.priority), resolvedAt, closedAt, shownToCustomer: true,
    });
  });
  return { tickets: ticketsOut, ticketEvents: events };
}
