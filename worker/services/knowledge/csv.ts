/**
 * CSV files of the knowledge base: bytes decoded (UTF-8 with or without BOM; a file Excel saved as
 * GBK, the default of Chinese Windows, is recognised because it is not valid UTF-8, and decoded
 * as GBK), parsed by Papa Parse (quotes, doubled quotes, newlines inside fields), and written back
 * for export with a BOM so Excel opens the Chinese text correctly.
 */
import Papa from "papaparse";
import { DomainError } from "../../../core/domain/errors";
import { columnOf, CSV_COLUMNS, recordToRow, rowToRecord, type CsvColumn } from "../../../core/domain/knowledge";
import type { ArticleRow } from "../../db/repos/knowledge";
import { toCsv } from "../../lib/csv";

export interface DecodedCsv {
  text: string;
  encoding: "utf-8" | "gbk";
}

/** Decodes an uploaded file: UTF-8, else GBK, else a clear error. */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: most likely Excel's "CSV" on Chinese Windows, which writes GBK.
  }
  try {
    return { text: new TextDecoder("gbk", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "gbk" };
  } catch {
    throw new DomainError(
      "unsupported_media_type",
      "the file is not UTF-8 text (nor GBK): re-save it as \"CSV UTF-8 (逗号分隔)\" in Excel, or choose UTF-8 encoding when exporting, and upload it again",
    );
  }
}

/** Parses CSV text into its header columns and records; a malformed file is refused whole. */
export function parseCsv(text: string): { columns: (CsvColumn | null)[]; records: string[][] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ""), { skipEmptyLines: "greedy" });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) throw new DomainError("invalid_input", `CSV: ${fatal.message} (record ${(fatal.row ?? 0) + 1})`);
  const [header, ...records] = parsed.data;
  if (!header) throw new DomainError("invalid_input", "CSV: the file is empty");
  const columns = header.map(columnOf);
  const missing = (["question", "answer"] as const).filter((c) => !columns.includes(c));
  if (missing.length) throw new DomainError("invalid_input", `CSV: the header has no ${missing.join(" or ")} column (columns: ${CSV_COLUMNS.join(", ")})`);
  return { columns, records };
}

/** CSV records as import rows (same shape as JSON import rows). */
export function csvRows(text: string): Record<string, unknown>[] {
  const { columns, records } = parseCsv(text);
  return records.map((cells) => recordToRow(columns, cells));
}

/**
 * Articles as a CSV file (UTF-8 with BOM, CRLF, fields quoted when needed). Cells that start like
 * a spreadsheet formula get a leading apostrophe (CSV injection); import takes it off again.
 */
export function articlesToCsv(articles: ArticleRow[]): string {
  return toCsv(CSV_COLUMNS, articles.map(rowToRecord));
}
