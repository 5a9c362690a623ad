/**
 * EXPLAIN QUERY PLAN for what a bench request sends: a D1 that notes every statement prepared
 * through it (and the parameters bound to it), and the plans of the noted statements.
 */

export interface Recorded {
  sql: string;
  params: unknown[];
}

/** A D1 that notes every statement prepared through it (and the parameters bound to it). */
export function recordingD1(d1: D1Database, log: Recorded[]): D1Database {
  return {
    prepare(sql: string) {
      const entry: Recorded = { sql, params: [] };
      log.push(entry);
      const stmt = d1.prepare(sql);
      const bind = stmt.bind.bind(stmt);
      Object.defineProperty(stmt, "bind", { value: (...params: unknown[]) => ((entry.params = params), bind(...params)) });
      return stmt;
    },
    batch: (s: D1PreparedStatement[]) => d1.batch(s),
    exec: (q: string) => d1.exec(q),
    dump: () => d1.dump(),
    withSession: (c?: string) => d1.withSession(c as never),
  } as unknown as D1Database;
}

/** SQLite's plan of each noted statement, indented as its tree. */
export async function explainAll(d1: D1Database, log: readonly Recorded[]): Promise<{ sql: string; params: unknown[]; plan: string[] }[]> {
  const plans = [];
  for (const s of log) {
    try {
      const rows = (await d1.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).bind(...s.params).all<{ id: number; parent: number; detail: string }>()).results;
      const depth = new Map<number, number>([[0, 0]]);
      const lines = rows.map((r) => {
        const d = (depth.get(r.parent) ?? 0) + 1;
        depth.set(r.id, d);
        return `${"  ".repeat(d)}${r.detail}`;
      });
      plans.push({ sql: s.sql, params: s.params, plan: lines });
    } catch (e) {
      plans.push({ sql: s.sql, params: s.params, plan: [`(no plan: ${String(e)})`] });
    }
  }
  return plans;
}
