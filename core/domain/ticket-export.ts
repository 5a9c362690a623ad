/**
 * 工单 as rows of a CSV file (导出): headers and the words of statuses, priorities and categories
 * in the reader's language, times local to the shop, so a spreadsheet reads them as they are.
 */
import type { Ticket, TicketCategory, TicketPriority, TicketStatus } from "../protocol/tickets";
import { localDateTime, type ExportLang, type Table } from "./analytics/export";

const HEADERS: Record<ExportLang, readonly string[]> = {
  "zh-CN": ["工单号", "店铺", "标题", "顾客", "顾客ID", "类型", "优先级", "状态", "处理部门", "处理人", "创建时间", "截止时间", "解决时间", "关闭时间", "是否超时"],
  en: ["number", "shop", "title", "customer", "customer id", "category", "priority", "status", "department", "assignee", "created", "due", "resolved", "closed", "overdue"],
};

interface Words {
  status: Record<TicketStatus, string>;
  priority: Record<TicketPriority, string>;
  category: Record<TicketCategory, string>;
  yes: string;
  no: string;
}

/** The console's words (web/src/common/locales/*-tickets.ts), for readers of the file. */
const WORDS: Record<ExportLang, Words> = {
  "zh-CN": {
    status: { open: "待处理", in_progress: "处理中", pending: "等待中", resolved: "已解决", closed: "已关闭" },
    priority: { low: "低", normal: "普通", high: "高", urgent: "紧急" },
    category: { refund: "退款", return: "退货", exchange: "换货", logistics: "物流", quality: "质量问题", complaint: "投诉", invoice: "发票", other: "其他" },
    yes: "是",
    no: "否",
  },
  en: {
    status: { open: "Open", in_progress: "In progress", pending: "Pending", resolved: "Resolved", closed: "Closed" },
    priority: { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" },
    category: { refund: "Refund", return: "Return", exchange: "Exchange", logistics: "Logistics", quality: "Quality", complaint: "Complaint", invoice: "Invoice", other: "Other" },
    yes: "yes",
    no: "no",
  },
};

/** The tickets as a table, in the order given; times `YYYY-MM-DD HH:MM` in `timeZone`. */
export function ticketsTable(tickets: readonly Ticket[], timeZone: string, lang: ExportLang): Table {
  const w = WORDS[lang];
  const at = (ms: number | null) => (ms === null ? null : localDateTime(ms, timeZone));
  return {
    fields: [...HEADERS[lang]],
    rows: tickets.map((t) => [
      t.number,
      t.shopId,
      t.title,
      t.customer.name,
      t.customer.id,
      w.category[t.category] ?? t.category,
      w.priority[t.priority] ?? t.priority,
      w.status[t.status] ?? t.status,
      t.department ? (lang === "en" ? t.department.nameEn : t.department.name) : null,
      t.assignee?.name ?? null,
      at(t.createdAt),
      at(t.dueAt),
      at(t.resolvedAt),
      at(t.closedAt),
      t.overdue ? w.yes : w.no,
    ]),
  };
}
