/**
 * One atomic D1 batch from raw statements and drizzle query builders. drizzle's own `db.batch`
 * cannot carry raw SQL that has parameters (it looks for a prepared statement raw SQL lacks), and
 * the knowledge index is written with raw SQL (FTS5, json_each), so its batches go through here.
 */
import type { Database } from "../client";

/** SQL text with `?` placeholders and its parameters. */
export interface RawStatement {
  sql: string;
  params: unknown[];
}

interface Buildable {
  toSQL(): { sql: string; params: unknown[] };
}

/** Runs the statements as one D1 batch (all or nothing), results in order. */
export function runBatch(db: Database, statements: (RawStatement | Buildable)[]): Promise<D1Result[]> {
  const d1 = db.$client;
  return d1.batch(
    statements.map((s) => {
      const q = "toSQL" in s ? s.toSQL() : s;
      return d1.prepare(q.sql).bind(...q.params);
    }),
  );
}
