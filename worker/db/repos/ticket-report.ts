/**
 * What the service report counts of tickets (工单): the statements worker/db/repos/analytics.ts
 * sends in its one batch. Opened and resolved in the range come from the (shop, created) and
 * (shop, resolved) indexes (created / resolved alone across shops); the backlog now from
 * (shop, status, due), or (status, due) across shops. An agent's own figures (我的数据): the
 * tickets assigned to them.
 */
import { and, count, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { ACTIVE_TICKET_STATUSES } from "../../../core/domain/tickets";
import type { Database } from "../client";
import { skillGroups, tickets } from "../schema";
import type { ReportScope } from "./analytics";

const MINUTE_MS = 60_000;
const num = (expr: SQL) => sql<number>`coalesce(${expr}, 0)`.mapWith(Number);
const active = inArray(tickets.status, [...ACTIVE_TICKET_STATUSES]);
/** Every `name` column under its own alias: a batch maps rows by column name. */
const departmentNames = {
  department: tickets.department,
  departmentName: sql<string | null>`max(${skillGroups.name})`.as("ticket_department_name"),
  departmentNameEn: sql<string | null>`max(${skillGroups.nameEn})`.as("ticket_department_name_en"),
};
/** The department's skill group in the ticket's shop. */
const groupOfTicket = and(eq(skillGroups.shopId, tickets.shopId), eq(skillGroups.key, tickets.department));

function inScope(scope: ReportScope): SQL | undefined {
  if (scope === "all") return undefined;
  return and(eq(tickets.shopId, scope.shopId), scope.agentId ? eq(tickets.assigneeId, scope.agentId) : undefined);
}

/**
 * The ticket statements of the report's batch, in the order core/domain/analytics/tickets.ts reads
 * them: opened in [start, end), resolved in [start, end), resolution minutes, the backlog at `now`.
 */
export function ticketReportStatements(db: Database, scope: ReportScope, start: number, end: number, now: number) {
  const where = inScope(scope);
  const resolvedIn = and(where, gte(tickets.resolvedAt, start), lt(tickets.resolvedAt, end));
  // A literal divisor: D1 binds a JS number as a REAL, and REAL division would not group.
  const minutes = sql<number>`((${tickets.resolvedAt} - ${tickets.createdAt}) / ${sql.raw(String(MINUTE_MS))})`.mapWith(Number);
  return [
    db
      .select({ ...departmentNames, category: tickets.category, opened: count() })
      .from(tickets)
      .leftJoin(skillGroups, groupOfTicket)
      .where(and(where, gte(tickets.createdAt, start), lt(tickets.createdAt, end)))
      .groupBy(tickets.category, tickets.department),
    db
      .select({
        ...departmentNames,
        category: tickets.category,
        resolved: count(),
        withinSla: num(sql`sum(${tickets.resolvedAt} <= ${tickets.dueAt})`),
        resolutionMs: num(sql`sum(${tickets.resolvedAt} - ${tickets.createdAt})`),
      })
      .from(tickets)
      .leftJoin(skillGroups, groupOfTicket)
      .where(resolvedIn)
      .groupBy(tickets.category, tickets.department),
    db.select({ minutes, count: count() }).from(tickets).where(resolvedIn).groupBy(minutes),
    db
      .select({ ...departmentNames, active: count(), overdue: num(sql`sum(${tickets.dueAt} < ${now})`) })
      .from(tickets)
      .leftJoin(skillGroups, groupOfTicket)
      .where(and(where, active))
      .groupBy(tickets.department),
  ] as const;
}
