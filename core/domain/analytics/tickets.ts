/**
 * 工单 in the service report: what D1 counts of a scope's tickets (opened in the range, resolved in
 * the range, the active ones now) shaped into headline figures and the breakdowns by category and
 * department. Opened and resolved follow the range; active and overdue are the backlog as it
 * stands now, whenever those tickets were opened (an old ticket still open is the one to chase).
 */

/** A department's names as D1 joined them (null when the key has no skill group any more). */
interface DepartmentOf {
  department: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
}

/** Tickets opened in the range, by category and department. */
export interface TicketOpenedCounts extends DepartmentOf {
  category: string;
  opened: number;
}

/** Tickets resolved (or closed) in the range, by category and department. */
export interface TicketResolvedCounts extends DepartmentOf {
  category: string;
  resolved: number;
  /** Resolved by their due time (resolved_at ≤ due_at). */
  withinSla: number;
  /** Sum of creation-to-resolution times in ms. */
  resolutionMs: number;
}

/** The active tickets now, by department, with how many are past their due time. */
export interface TicketBacklogCounts extends DepartmentOf {
  active: number;
  overdue: number;
}

export interface TicketReportInput {
  opened: TicketOpenedCounts[];
  resolved: TicketResolvedCounts[];
  /** Creation-to-resolution times of the range's resolutions by whole minute, with how many took each. */
  resolutionMinutes: { minutes: number; count: number }[];
  backlog: TicketBacklogCounts[];
}

export interface TicketCategoryFigures {
  category: string;
  opened: number;
  resolved: number;
}

export interface TicketDepartmentFigures {
  /** The skill group's key, or null for tickets no department holds. */
  key: string | null;
  name: string | null;
  nameEn: string | null;
  opened: number;
  resolved: number;
  active: number;
  overdue: number;
}

export interface TicketFigures {
  opened: number;
  resolved: number;
  /** Open, in progress or pending now (whenever opened). */
  active: number;
  /** Active now and past the due time. */
  overdue: number;
  withinSla: number;
  /** Share of the range's resolutions made by the due time, or null when none. */
  slaRate: number | null;
  /** Mean and median creation-to-resolution time of the range's resolutions, in hours (one decimal). */
  resolutionAvgHours: number | null;
  resolutionMedianHours: number | null;
  /** Most opened first. */
  categories: TicketCategoryFigures[];
  /** Most opened first, then the largest backlog; no department last. */
  departments: TicketDepartmentFigures[];
}

const HOUR_MS = 3_600_000;

export const EMPTY_TICKET_INPUT: TicketReportInput = { opened: [], resolved: [], resolutionMinutes: [], backlog: [] };

export function buildTicketFigures(input: TicketReportInput): TicketFigures {
  const categories = new Map<string, TicketCategoryFigures>();
  const departments = new Map<string | null, TicketDepartmentFigures>();
  const category = (key: string) => categories.get(key) ?? categories.set(key, { category: key, opened: 0, resolved: 0 }).get(key)!;
  const department = (d: DepartmentOf) => {
    const at = departments.get(d.department);
    if (at) return at;
    const names = d.department === null ? { name: null, nameEn: null } : { name: d.departmentName ?? d.department, nameEn: d.departmentNameEn ?? d.department };
    const fresh = { key: d.department, ...names, opened: 0, resolved: 0, active: 0, overdue: 0 };
    departments.set(d.department, fresh);
    return fresh;
  };
  const sum = { opened: 0, resolved: 0, active: 0, overdue: 0, withinSla: 0, resolutionMs: 0 };
  for (const r of input.opened) {
    sum.opened += r.opened;
    category(r.category).opened += r.opened;
    department(r).opened += r.opened;
  }
  for (const r of input.resolved) {
    sum.resolved += r.resolved;
    sum.withinSla += r.withinSla;
    sum.resolutionMs += r.resolutionMs;
    category(r.category).resolved += r.resolved;
    department(r).resolved += r.resolved;
  }
  for (const r of input.backlog) {
    sum.active += r.active;
    sum.overdue += r.overdue;
    const d = department(r);
    d.active += r.active;
    d.overdue += r.overdue;
  }
  const median = medianOf(input.resolutionMinutes);
  return {
    opened: sum.opened,
    resolved: sum.resolved,
    active: sum.active,
    overdue: sum.overdue,
    withinSla: sum.withinSla,
    slaRate: sum.resolved > 0 ? Math.round((sum.withinSla / sum.resolved) * 1000) / 1000 : null,
    resolutionAvgHours: sum.resolved > 0 ? tenths(sum.resolutionMs / sum.resolved / HOUR_MS) : null,
    resolutionMedianHours: median === null ? null : tenths(median / 60),
    categories: [...categories.values()].sort((a, b) => b.opened - a.opened || b.resolved - a.resolved || a.category.localeCompare(b.category)),
    departments: [...departments.values()].sort(
      (a, b) => Number(a.key === null) - Number(b.key === null) || b.opened - a.opened || b.active - a.active || (a.key ?? "").localeCompare(b.key ?? ""),
    ),
  };
}

/** The median of values given as counts per value (the mean of the two middle ones for an even count); null when none. */
export function medianOf(counts: { minutes: number; count: number }[]): number | null {
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (total === 0) return null;
  const sorted = [...counts].filter((c) => c.count > 0).sort((a, b) => a.minutes - b.minutes);
  const at = (rank: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.count;
      if (seen >= rank) return c.minutes;
    }
    return sorted.at(-1)!.minutes;
  };
  return total % 2 === 1 ? at((total + 1) / 2) : (at(total / 2) + at(total / 2 + 1)) / 2;
}

function tenths(n: number): number {
  return Math.round(n * 10) / 10;
}
