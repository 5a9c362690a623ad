/**
 * The demo mall as SQL statements for `wrangler d1 execute --file`. Re-runnable: rows are
 * `INSERT OR REPLACE`d by their deterministic keys, and parcel tracks of the demo orders (and the
 * logs of the demo tickets, whose event ids D1 assigns) are cleared first so nothing is left twice.
 */
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import * as schema from "../../worker/db/schema";
import type { DemoMall } from "./generate";

type RowKey = Exclude<keyof DemoMall, "now" | "transcripts">;

/** The table behind each array of the mall, in insertion order. */
export const DEMO_TABLES: Record<RowKey, Table> = {
  shops: schema.shops,
  skillGroups: schema.skillGroups,
  staff: schema.staff,
  staffGroups: schema.staffGroups,
  products: schema.products,
  customers: schema.customers,
  orders: schema.orders,
  shipmentEvents: schema.shipmentEvents,
  carts: schema.carts,
  browsingEvents: schema.browsingEvents,
  tickets: schema.tickets,
  ticketEvents: schema.ticketEvents,
  sessions: schema.sessions,
  qualityReviews: schema.qualityReviews,
};

// D1 refuses statements over 100 KB; stay well below, in UTF-8 bytes since titles are Chinese.
const MAX_STATEMENT_BYTES = 50_000;
const MAX_ROWS_PER_STATEMENT = 100;
const encoder = new TextEncoder();

/** A value as an SQLite literal: strings quoted with `'` doubled, integers as is, null as NULL. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to SQL`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`cannot write a ${typeof value} to SQL`);
}

/** Multi-row `INSERT OR REPLACE` statements for `rows`, each under D1's statement size limit. */
export function insertStatements(table: Table, rows: readonly object[]): string[] {
  const columns = Object.entries(getTableColumns(table));
  const head = `INSERT OR REPLACE INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) VALUES\n`;
  const statements: string[] = [];
  let batch: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length > 0) statements.push(`${head}${batch.join(",\n")};`);
    batch = [];
    bytes = 0;
  };
  for (const row of rows) {
    const values = columns.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      // Let drizzle encode the value as it would on insert (JSON columns are stringified).
      if (value === undefined) return sqlLiteral(column.hasDefault ? column.mapToDriverValue(column.default) : null);
      return sqlLiteral(value === null ? null : column.mapToDriverValue(value));
    });
    const tuple = `(${values.join(", ")})`;
    const size = encoder.encode(tuple).length + 2;
    if (batch.length === MAX_ROWS_PER_STATEMENT || bytes + size > MAX_STATEMENT_BYTES) flush();
    batch.push(tuple);
    bytes += size;
  }
  flush();
  return statements;
}

/** Every statement of the seed, in order. */
export function demoMallSql(mall: DemoMall): string[] {
  const orderIds = mall.orders.map((o) => sqlLiteral(o.id));
  const clears: string[] = [];
  for (let i = 0; i < orderIds.length; i += 500) {
    clears.push(`DELETE FROM "shipment_events" WHERE "order_id" IN (${orderIds.slice(i, i + 500).join(", ")});`);
  }
  const ticketIds = mall.tickets.map((t) => sqlLiteral(t.id));
  if (ticketIds.length > 0) clears.push(`DELETE FROM "ticket_events" WHERE "ticket_id" IN (${ticketIds.join(", ")});`);
  const inserts = (Object.keys(DEMO_TABLES) as RowKey[]).flatMap((key) => insertStatements(DEMO_TABLES[key], mall[key]));
  return [...clears, ...inserts];
}

/** Row count per table name, for the seed's summary and the tests. */
export function rowCounts(mall: DemoMall): Record<string, number> {
  return Object.fromEntries((Object.keys(DEMO_TABLES) as RowKey[]).map((key) => [getTableName(DEMO_TABLES[key]), mall[key].length]));
}
