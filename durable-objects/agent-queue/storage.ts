/**
 * The queue's own SQLite: agents (presence, load), groups (from D1), the waiting list and active
 * assignments. The engine is loaded from here on start and written back key by key.
 */
import { MetaTable } from "../shared/meta";
import type { ActiveState, AgentState, Changes, GroupConfig, QueueEngine, WaitingState } from "../../core/domain/assignment";

const SCHEMA_VERSION = 1;
type Row = Record<string, SqlStorageValue>;

export class QueueStore {
  private readonly meta: MetaTable;

  constructor(private readonly sql: SqlStorage) {
    this.meta = new MetaTable(sql);
  }

  migrate(): void {
    if (Number(this.getMeta("schema_version") ?? 0) < 1) {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS agents (id TEXT PRIMARY KEY, json TEXT NOT NULL)`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS groups (key TEXT PRIMARY KEY, json TEXT NOT NULL)`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS waiting (session_id TEXT PRIMARY KEY, json TEXT NOT NULL)`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS active (session_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, json TEXT NOT NULL)`);
      this.setMeta("schema_version", String(SCHEMA_VERSION));
    }
  }

  getMeta(key: string): string | null {
    return this.meta.get(key);
  }

  setMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }

  deleteMeta(key: string): void {
    this.meta.delete(key);
  }

  /** Fills an empty engine from storage. */
  load(engine: QueueEngine): void {
    for (const r of this.sql.exec<Row>(`SELECT json FROM agents`)) {
      const a = JSON.parse(r.json as string) as AgentState;
      engine.agents.set(a.id, a);
    }
    for (const r of this.sql.exec<Row>(`SELECT json FROM groups`)) {
      const g = JSON.parse(r.json as string) as GroupConfig;
      engine.groups.set(g.key, g);
    }
    for (const r of this.sql.exec<Row>(`SELECT json FROM waiting`)) {
      const w = JSON.parse(r.json as string) as WaitingState;
      engine.waiting.set(w.sessionId, w);
    }
    for (const r of this.sql.exec<Row>(`SELECT json FROM active`)) {
      const a = JSON.parse(r.json as string) as ActiveState;
      engine.active.set(a.sessionId, a);
    }
    engine.avgHandleSec = Number(this.getMeta("avg_handle_sec") ?? engine.avgHandleSec);
  }

  /** Writes back exactly what an operation changed. Synchronous: commits as one unit. */
  save(engine: QueueEngine, changes: Changes): void {
    for (const id of changes.agents) {
      const a = engine.agents.get(id);
      if (a) this.sql.exec(`INSERT OR REPLACE INTO agents (id, json) VALUES (?, ?)`, id, JSON.stringify(a));
      else this.sql.exec(`DELETE FROM agents WHERE id = ?`, id);
    }
    for (const id of changes.waiting) {
      const w = engine.waiting.get(id);
      if (w) this.sql.exec(`INSERT OR REPLACE INTO waiting (session_id, json) VALUES (?, ?)`, id, JSON.stringify(w));
      else this.sql.exec(`DELETE FROM waiting WHERE session_id = ?`, id);
    }
    for (const id of changes.active) {
      const a = engine.active.get(id);
      if (a) this.sql.exec(`INSERT OR REPLACE INTO active (session_id, agent_id, json) VALUES (?, ?, ?)`, id, a.agentId, JSON.stringify(a));
      else this.sql.exec(`DELETE FROM active WHERE session_id = ?`, id);
    }
    this.setMeta("avg_handle_sec", String(engine.avgHandleSec));
  }

  /** Replaces the group table (directory reload). */
  saveGroups(groups: Iterable<GroupConfig>): void {
    this.sql.exec(`DELETE FROM groups`);
    for (const g of groups) this.sql.exec(`INSERT INTO groups (key, json) VALUES (?, ?)`, g.key, JSON.stringify(g));
  }
}
