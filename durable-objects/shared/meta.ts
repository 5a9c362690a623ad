/**
 * A key-value table in a Durable Object's SQLite, for small state that must survive hibernation
 * (schema version, read positions, timers' due times). Both objects keep one.
 *
 * Reads are served from memory after the first: the object is the table's only writer and every
 * write goes through here, so the copy cannot go stale; it dies with the instance and is
 * rebuilt from SQLite after a restart or hibernation.
 */
export class MetaTable {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  }

  get(key: string): string | null {
    if (this.cache.has(key)) return this.cache.get(key)!;
    const row = this.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0];
    const value = row ? row.value : null;
    this.cache.set(key, value);
    return value;
  }

  set(key: string, value: string): void {
    if (this.cache.get(key) === value) return;
    this.sql.exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value);
    this.cache.set(key, value);
  }

  delete(key: string): void {
    if (this.cache.has(key) && this.cache.get(key) === null) return;
    this.sql.exec(`DELETE FROM meta WHERE key = ?`, key);
    this.cache.set(key, null);
  }
}
