/**
 * The report's tables as rows for a CSV file (导出): headers in the reader's language, times in
 * the shop's zone, durations in seconds, shares as percentages, so a spreadsheet reads them as is.
 */
import { dayNumberAt } from "../order-reference/calendar";
import { localClock } from "../routing/clock";
import type { Report } from "./report";

export type ExportLang = "zh-CN" | "en";
export interface Table {
  fields: string[];
  rows: (string | number | null)[][];
}

/** A session as the export lists it (the D1 row's fields, with the agent's name). */
export interface ExportSession {
  id: string;
  shopId: string;
  customerId: string;
  channel: string;
  entryType: string | null;
  entryId: string | null;
  topic: string | null;
  status: string;
  openedAt: number;
  handedOffAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  closeReason: string | null;
  agentId: string | null;
  agentName: string | null;
  groupId: string | null;
  customerMessages: number;
  agentMessages: number;
  botMessages: number;
  rating: number | null;
}

const HEADERS = {
  days: {
    "zh-CN": ["日期", "咨询量", "机器人独立接待", "转人工", "人工解决", "首次响应均值(秒)", "评价数", "满意数"],
    en: ["date", "sessions", "bot only", "handed off", "resolved by staff", "first response avg (s)", "rated", "satisfied"],
  },
  agents: {
    "zh-CN": ["客服", "客服ID", "接待量", "解决量", "首次响应均值(秒)", "处理时长均值(秒)", "评价数", "平均评分", "满意度(%)", "发送消息", "质检数", "质检均分"],
    en: ["agent", "agent id", "sessions", "resolved", "first response avg (s)", "handling avg (s)", "rated", "avg rating", "CSAT (%)", "messages sent", "reviews (QA)", "QA average"],
  },
  sessions: {
    "zh-CN": ["会话ID", "店铺", "顾客", "渠道", "入口", "入口ID", "话题", "状态", "开始时间", "转人工时间", "首次响应(秒)", "结束时间", "结束方式", "客服", "技能组", "顾客消息", "客服消息", "机器人消息", "评分"],
    en: ["session", "shop", "customer", "channel", "entry", "entry id", "topic", "status", "opened", "handed off", "first response (s)", "closed", "close reason", "agent", "group", "customer messages", "agent messages", "bot messages", "rating"],
  },
} as const;

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export function daysTable(report: Report, lang: ExportLang): Table {
  return {
    fields: [...HEADERS.days[lang]],
    rows: report.days.map((d) => [d.date, d.sessions, d.botOnly, d.handedOff, d.resolved, seconds(d.responseAvgMs), d.rated, d.satisfied]),
  };
}

export function agentsTable(report: Report, lang: ExportLang): Table {
  return {
    fields: [...HEADERS.agents[lang]],
    rows: report.agents.map((a) => [a.name, a.agentId, a.sessions, a.resolved, seconds(a.responseAvgMs), seconds(a.handleAvgMs), a.rated, a.avgRating, percent(a.csat), a.messages, a.reviewed, a.qualityAvg]),
  };
}

export function sessionsTable(rows: ExportSession[], timeZone: string, lang: ExportLang): Table {
  const at = (ms: number | null) => (ms === null ? null : localDateTime(ms, timeZone));
  return {
    fields: [...HEADERS.sessions[lang]],
    rows: rows.map((s) => [
      s.id, s.shopId, s.customerId, s.channel, s.entryType, s.entryId, s.topic, s.status, at(s.openedAt), at(s.handedOffAt),
      s.firstResponseAt === null ? null : seconds(s.firstResponseAt - (s.handedOffAt ?? s.openedAt)),
      at(s.resolvedAt), s.closeReason, s.agentName ?? s.agentId, s.groupId, s.customerMessages, s.agentMessages, s.botMessages, s.rating,
    ]),
  };
}

/** `YYYY-MM-DD HH:MM` of an instant in `timeZone`. */
export function localDateTime(ms: number, timeZone: string): string {
  const date = new Date(dayNumberAt(ms, timeZone) * 86_400_000).toISOString().slice(0, 10);
  const minutes = localClock(ms, timeZone).minutes;
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
