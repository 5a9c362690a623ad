/**
 * A real local D1 for Node scripts (eval, bench): Miniflare runs workerd with a D1 database, the
 * project's migrations are applied, and Node gets a `D1Database` whose every statement (or batch)
 * goes to that D1 in one request. Miniflare's own `getD1Database()` proxy makes several
 * synchronous round trips per statement (and fails under tsx), which would swamp what we measure.
 */
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { Miniflare } from "miniflare";
import path from "node:path";
import { repoRoot } from "./eval-args";

/** The worker inside workerd: runs the statements it is sent against its D1 binding. */
const GATEWAY = `export default {
  async fetch(request, env) {
    const { statements, batch } = await request.json();
    const prepared = statements.map((s) => env.DB.prepare(s.sql).bind(...s.params));
    try {
      if (batch) return Response.json({ results: await env.DB.batch(prepared) });
      const s = statements[0];
      const p = prepared[0];
      const result = s.mode === "raw" ? await p.raw({ columnNames: false }) : s.mode === "first" ? await p.first() : s.mode === "run" ? await p.run() : await p.all();
      return Response.json({ result });
    } catch (err) {
      return Response.json({ error: String(err && err.message || err) }, { status: 500 });
    }
  },
};`;

type Mode = "all" | "raw" | "first" | "run";
interface Wire {
  sql: string;
  params: unknown[];
  mode?: Mode;
}

class NodeStatement {
  constructor(
    readonly owner: NodeD1,
    readonly sql: string,
    readonly params: unknown[] = [],
  ) {}
  bind(...params: unknown[]) {
    return new NodeStatement(this.owner, this.sql, params);
  }
  wire(mode?: Mode): Wire {
    // D1 binds undefined as an error and booleans as 0/1; send what it would store.
    return { sql: this.sql, params: this.params.map((p) => (p === undefined ? null : typeof p === "boolean" ? Number(p) : p)), mode };
  }
  all() {
    return this.owner.send<D1Result>({ statements: [this.wire("all")] });
  }
  run() {
    return this.owner.send<D1Result>({ statements: [this.wire("run")] });
  }
  first(column?: string) {
    return this.owner.send<Record<string, unknown> | null>({ statements: [this.wire("first")] }).then((row) => (column && row ? row[column] : row));
  }
  raw() {
    return this.owner.send<unknown[][]>({ statements: [this.wire("raw")] });
  }
}

class NodeD1 {
  constructor(readonly mf: Miniflare) {}
  prepare(sql: string) {
    return new NodeStatement(this, sql);
  }
  batch(statements: NodeStatement[]) {
    return this.send<D1Result[]>({ statements: statements.map((s) => s.wire()), batch: true });
  }
  async exec(sql: string) {
    await this.send({ statements: [{ sql, params: [], mode: "run" }] });
    return { count: 1, duration: 0 };
  }
  async send<T>(body: { statements: Wire[]; batch?: boolean }): Promise<T> {
    const res = await this.mf.dispatchFetch("http://d1.local/", { method: "POST", body: JSON.stringify(body) });
    const json = (await res.json()) as { result?: T; results?: T; error?: string };
    if (json.error) throw new Error(`D1: ${json.error}`);
    return (body.batch ? json.results : json.result) as T;
  }
}

export interface LocalD1 {
  db: D1Database;
  dispose(): Promise<void>;
}

/** Starts an in-memory local D1 with every migration of ./migrations applied. */
export async function startLocalD1(): Promise<LocalD1> {
  const mf = new Miniflare({ modules: true, script: GATEWAY, d1Databases: { DB: "kefu-local-eval" }, compatibilityDate: "2026-04-01" });
  const d1 = new NodeD1(mf);
  for (const migration of await readD1Migrations(path.join(repoRoot, "migrations"))) {
    await d1.batch(migration.queries.map((q) => d1.prepare(q)));
  }
  return { db: d1 as unknown as D1Database, dispose: () => mf.dispose() };
}
