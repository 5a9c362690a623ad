/**
 * CSV files we hand out: UTF-8 with a BOM (so Excel, the default reader of Chinese offices, opens
 * the text right), CRLF, fields quoted when needed, and cells that start like a spreadsheet
 * formula prefixed with an apostrophe (CSV injection).
 */
import Papa from "papaparse";

export function toCsv(fields: readonly string[], rows: unknown[][]): string {
  return `\ufeff${Papa.unparse({ fields: [...fields], data: rows }, { newline: "\r\n", escapeFormulae: true })}\r\n`;
}
