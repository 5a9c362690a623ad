/**
 * A knowledge-base file read in the browser into import rows, so a large file is uploaded in
 * chunks (each row keeps its number in the file): UTF-8 (with or without BOM), or GBK as Excel
 * on Chinese Windows saves "CSV"; CSV parsed by Papa Parse (quotes, newlines in fields) into the
 * same row shape as JSON, with the columns the server's import accepts.
 */
import Papa from "papaparse";
import { columnOf, CSV_COLUMNS, recordToRow } from "../../../core/domain/knowledge/import-row";

export type ImportRowData = Record<string, unknown>;

export type FileProblem =
  | { code: "notText" }
  | { code: "badJson"; detail: string }
  | { code: "jsonShape" }
  | { code: "csvQuotes"; record: number }
  | { code: "csvHeader"; missing: string; columns: string }
  | { code: "empty" };

export type ReadResult = { ok: true; rows: ImportRowData[]; format: "csv" | "json"; encoding: "utf-8" | "gbk" } | { ok: false; problem: FileProblem };

function decode(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gbk" } | null {
  for (const encoding of ["utf-8", "gbk"] as const) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // Try the next one.
    }
  }
  return null;
}

function jsonRows(text: string): ReadResult | ImportRowData[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: { code: "badJson", detail: (err as Error).message } };
  }
  const o = json as { rows?: unknown; articles?: unknown } | null;
  const rows = Array.isArray(json) ? json : Array.isArray(o?.rows) ? o.rows : Array.isArray(o?.articles) ? o.articles : null;
  if (!rows) return { ok: false, problem: { code: "jsonShape" } };
  // An export carries read-only counters; the import ignores them, so they need not travel.
  return rows.map((r) => (r && typeof r === "object" ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== "counters")) : r) as ImportRowData);
}

function csvRows(text: string): ReadResult | ImportRowData[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const quotes = parsed.errors.find((e) => e.type === "Quotes");
  if (quotes) return { ok: false, problem: { code: "csvQuotes", record: (quotes.row ?? 0) + 1 } };
  const [header, ...records] = parsed.data;
  if (!header) return { ok: false, problem: { code: "empty" } };
  const columns = header.map(columnOf);
  const missing = (["question", "answer"] as const).filter((c) => !columns.includes(c));
  if (missing.length) return { ok: false, problem: { code: "csvHeader", missing: missing.join(", "), columns: CSV_COLUMNS.join(", ") } };
  return records.map((cells) => recordToRow(columns, cells));
}

/** Reads a chosen file; JSON by extension or by a leading `[` / `{`, else CSV. */
export async function readImportFile(file: File): Promise<ReadResult> {
  const decoded = decode(new Uint8Array(await file.arrayBuffer()));
  if (!decoded) return { ok: false, problem: { code: "notText" } };
  const text = decoded.text.replace(/^\ufeff/, "");
  const json = /\.json$/i.test(file.name) || /^\s*[[{]/.test(text);
  const rows = json ? jsonRows(text) : csvRows(text);
  if (!Array.isArray(rows)) return rows;
  if (!rows.length) return { ok: false, problem: { code: "empty" } };
  return { ok: true, rows, format: json ? "json" : "csv", encoding: decoded.encoding };
}
